import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { CATEGORIES, Category } from './category-catalogue';
import { CategoryListDto } from './dto/category-responses.dto';

@ApiTags('public')
@Controller('api/v1/categories')
export class CategoriesController {
  @Public()
  @Get()
  @ApiOperation({ summary: 'Tip categories with names, explanations and structured detail fields (vi, en)' })
  @ApiOkResponse({ type: CategoryListDto })
  @ApiErrors(429)
  list(): { items: readonly Category[] } {
    return { items: CATEGORIES };
  }
}
