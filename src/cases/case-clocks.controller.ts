import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { ClockReasonDto, ExtendClockDto, ResumeClockDto } from '../clocks/dto/clock-action.dto';
import { ScopeService } from '../staff/scope.service';
import { CaseClocksService } from './case-clocks.service';

/** Clock actions on a case (unit lead or supervisor), scoped like every case action. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/clocks/:clockId')
export class CaseClocksController {
  constructor(
    private readonly caseClocks: CaseClocksService,
    private readonly scopes: ScopeService,
  ) {}

  @Post('extend') @HttpCode(200) @Roles('unit_lead', 'supervisor')
  async extend(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Param('clockId') clockId: string, @Body() b: ExtendClockDto) {
    return this.caseClocks.act(await this.scopes.forStaff(s), s, c, id, clockId, { type: 'extend', by: { value: b.value, unit: b.unit }, reason: b.reason, legalReference: b.legalReference }, b.version);
  }

  @Post('suspend') @HttpCode(200) @Roles('unit_lead', 'supervisor')
  async suspend(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Param('clockId') clockId: string, @Body() b: ClockReasonDto) {
    return this.caseClocks.act(await this.scopes.forStaff(s), s, c, id, clockId, { type: 'suspend', reason: b.reason, legalReference: b.legalReference }, b.version);
  }

  @Post('resume') @HttpCode(200) @Roles('unit_lead', 'supervisor')
  async resume(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Param('clockId') clockId: string, @Body() b: ResumeClockDto) {
    return this.caseClocks.act(await this.scopes.forStaff(s), s, c, id, clockId, { type: 'resume', reason: b.reason, legalReference: b.legalReference }, b.version);
  }
}
