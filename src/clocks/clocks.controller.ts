import { ApiPropertyOptional } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { AtRiskPageDto, ClockPolicyCreatedDto, ClockPolicyPageDto } from './dto/clock-responses.dto';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { AccessService } from '../access/access.service';
import { ClocksService } from './clocks.service';
import { CreateClockPolicyDto } from './dto/clock-policy.dto';
import { AT_RISK_PAGE, PageLimit, pageLimit } from '../common/pagination';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class AtRiskQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, example: 24, description: 'Default CLOCK_AT_RISK_HOURS.' })
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(720)
  hours?: number;

  @PageLimit(AT_RISK_PAGE)
  limit?: number;
}

/** The at-risk list (scoped like the queue) and the deadline policies (admins change them). */
@ApiTags('clocks')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1')
export class ClocksController {
  constructor(
    private readonly clocks: ClocksService,
    private readonly access: AccessService,
  ) {}

  /** Open clocks of the caller's cases due within `hours` (default CLOCK_AT_RISK_HOURS) or already past due. */
  @Get('clocks/at-risk')
  @Roles('officer', 'unit_lead', 'supervisor')
  @ApiOkResponse({ type: AtRiskPageDto })
  @ApiErrors(400)
  async atRisk(@CurrentStaff() staff: StaffPrincipal, @Query() q: AtRiskQueryDto) {
    return this.clocks.atRisk(await this.access.scopeFor(staff), q.hours ?? this.clocks.atRiskMs / 3_600_000, pageLimit(q.limit, AT_RISK_PAGE));
  }

  @Get('admin/clock-policies')
  @Roles('admin', 'supervisor', 'auditor')
  @ApiOkResponse({ type: ClockPolicyPageDto })
  listPolicies() {
    return this.clocks.listPolicies();
  }

  /** A new version of a policy (effective-dated); open clocks of the version it replaces are recomputed. */
  @Post('admin/clock-policies')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: ClockPolicyCreatedDto })
  @ApiErrors(400, 422)
  createPolicy(@Ctx() ctx: RequestContext, @Body() b: CreateClockPolicyDto) {
    return this.clocks.createPolicy(ctx, {
      kind: b.kind,
      legal: b.legal,
      category: b.category ?? null,
      priority: b.priority ?? null,
      unitKinds: b.unitKinds ?? null,
      durationValue: b.durationValue,
      durationUnit: b.durationUnit,
      metBy: b.metBy,
      pausable: b.pausable ?? true,
      maxExtensions: b.maxExtensions ?? 0,
      maxExtensionDays: b.maxExtensionDays ?? null,
      legalReference: b.legalReference ?? null,
      validFrom: b.validFrom,
    });
  }
}
