import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { HotspotDto, HotspotPageDto, HotspotWithHistoryDto } from './dto/hotspot-responses.dto';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { AccessService } from '../access/access.service';
import { ChangeHotspotStatusDto, CreateHotspotDto, ListHotspotsDto } from './dto/hotspot.dto';
import { HotspotsService } from './hotspots.service';
import { UuidPipe } from '../common/uuid.pipe';

/** The hotspot registry, scoped like cases (other units' hotspots are 404). */
@ApiTags('hotspots')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1/hotspots')
export class HotspotsController {
  constructor(
    private readonly hotspots: HotspotsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Roles('officer', 'unit_lead', 'supervisor')
  @ApiOkResponse({ type: HotspotPageDto })
  @ApiErrors(400)
  async list(@CurrentStaff() s: StaffPrincipal, @Query() q: ListHotspotsDto) {
    return this.hotspots.list(s, { status: q.status, localityCode: q.locality, cursor: q.cursor, limit: q.limit });
  }

  @Get(':id')
  @Roles('officer', 'unit_lead', 'supervisor')
  @ApiOkResponse({ type: HotspotWithHistoryDto })
  @ApiErrors(400, 404)
  async get(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id', new UuidPipe()) id: string) {
    return this.hotspots.get(s, c, id);
  }

  @Post()
  @Roles('officer', 'unit_lead')
  @ApiCreatedResponse({ type: HotspotDto })
  @ApiErrors(400, 422)
  async create(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Body() b: CreateHotspotDto) {
    await this.access.scopeFor(s);
    return this.hotspots.create(s, c, b);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: HotspotDto })
  @ApiErrors(400, 404, 409)
  @Roles('officer', 'unit_lead')
  async status(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() b: ChangeHotspotStatusDto) {
    return this.hotspots.changeStatus(s, c, id, b);
  }
}
