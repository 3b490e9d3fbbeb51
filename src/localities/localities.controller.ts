import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { LocalityPageDto } from './dto/locality-responses.dto';
import { SearchLocalitiesDto } from './dto/search-localities.dto';
import { LocalitiesService } from './localities.service';

@ApiTags('localities')
@Controller({ path: 'api/v1/localities' })
export class LocalitiesController {
  constructor(private readonly localities: LocalitiesService) {}

  /** The place picker of the citizen form: name search, children of a parent, level, in force at a day. */
  @Public()
  @Get()
  @ApiOkResponse({ type: LocalityPageDto })
  @ApiErrors(400)
  search(@Query() query: SearchLocalitiesDto) {
    return this.localities.search(query);
  }
}
