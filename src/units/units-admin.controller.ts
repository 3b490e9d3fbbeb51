import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { CoverageDto, CoveragePageDto, UnitDto, UnitPageDto } from './dto/unit-responses.dto';
import { Roles } from '../auth/auth.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { Ctx, RequestContext } from '../common/request-context';
import { AddCoverageDto, CloseCoverageDto } from './dto/add-coverage.dto';
import { ChangeUnitDto } from './dto/change-unit.dto';
import { CreateUnitDto } from './dto/create-unit.dto';
import { ListCoverageDto, ListPageDto } from './dto/list-page.dto';
import { UnitsService } from './units.service';

@ApiTags('admin: units')
@ApiBearerAuth()
@ApiStaffErrors()
@Roles('admin')
@Controller('api/v1/admin/units')
export class UnitsAdminController {
  constructor(private readonly units: UnitsService) {}

  /** Every unit, past and present: `{ items, nextCursor }` in id order. */
  @Roles('admin', 'auditor')
  @Get()
  @ApiOkResponse({ type: UnitPageDto })
  @ApiErrors(400)
  list(@Query() q: ListPageDto) {
    return this.units.listUnits(q);
  }

  /** Every coverage period (of one unit with `?unit=CODE`): `{ items, nextCursor }` in id order. */
  @Roles('admin', 'auditor')
  @Get('coverage')
  @ApiOkResponse({ type: CoveragePageDto })
  @ApiErrors(400, 404)
  listCoverage(@Query() q: ListCoverageDto) {
    return this.units.listCoverage(q);
  }

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: UnitDto })
  @ApiErrors(400, 409, 422)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUnitDto) {
    return this.units.createUnit(ctx, dto);
  }

  @Roles('admin')
  @Post(':code/change')
  @ApiCreatedResponse({ type: UnitDto, description: 'The unit after the change.' })
  @ApiErrors(400, 404, 422)
  change(@Ctx() ctx: RequestContext, @Param('code') code: string, @Body() dto: ChangeUnitDto) {
    return this.units.changeUnit(ctx, code, dto);
  }

  @Roles('admin')
  @Post(':code/coverage')
  @ApiCreatedResponse({ type: CoverageDto })
  @ApiErrors(400, 404, 422)
  addCoverage(@Ctx() ctx: RequestContext, @Param('code') code: string, @Body() dto: AddCoverageDto) {
    return this.units.addCoverage(ctx, code, dto);
  }

  @Roles('admin')
  @Post('coverage/:id/close')
  @ApiCreatedResponse({ type: CoverageDto, description: 'The coverage with its new validTo.' })
  @ApiErrors(400, 404, 422)
  closeCoverage(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() dto: CloseCoverageDto) {
    return this.units.closeCoverage(ctx, id, dto.validTo);
  }
}
