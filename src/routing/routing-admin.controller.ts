import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { RoutingDecisionDto, RoutingRuleDto, RoutingRulePageDto } from './dto/routing-responses.dto';
import { Roles } from '../auth/auth.decorators';
import { ValidationFailed } from '../common/errors/domain-error';
import { UuidPipe } from '../common/uuid.pipe';
import { Ctx, RequestContext } from '../common/request-context';
import { ListPageDto } from '../units/dto/list-page.dto';
import { CloseRoutingRuleDto, CreateRoutingRuleDto } from './dto/create-routing-rule.dto';
import { ExplainRouteDto } from './dto/explain-route.dto';
import { RoutingService } from './routing.service';

@ApiTags('admin: routing')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1/admin/routing')
export class RoutingAdminController {
  constructor(private readonly routing: RoutingService) {}

  /** Where a tip would go, and why (the same decision intake makes). */
  @Roles('admin', 'auditor')
  @Get('explain')
  @ApiOkResponse({ type: RoutingDecisionDto })
  @ApiErrors(400, 422, 503)
  explain(@Query() q: ExplainRouteDto) {
    const observedAt = q.at ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(q.at) ? `${q.at}T12:00:00+07:00` : q.at) : new Date();
    if (Number.isNaN(observedAt.getTime())) throw new ValidationFailed([{ field: 'at', reason: 'isDate', message: 'at is not a real date' }]);
    return this.routing.explain({
      category: q.category,
      localityCode: q.locality ?? null,
      observedAt,
      localPoliceInvolved: q.localPoliceInvolved === 'true',
    });
  }

  /** Every rule, closed and replaced versions included: `{ items, nextCursor }` in id order. */
  @Roles('admin', 'auditor')
  @Get('rules')
  @ApiOkResponse({ type: RoutingRulePageDto })
  @ApiErrors(400)
  list(@Query() q: ListPageDto) {
    return this.routing.listRules(q);
  }

  @Roles('admin')
  @Post('rules')
  @ApiCreatedResponse({ type: RoutingRuleDto })
  @ApiErrors(400, 422)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateRoutingRuleDto) {
    return this.routing.createRule(ctx, dto);
  }

  /** A change: the rule ends the day before the new version's validFrom. */
  @Roles('admin')
  @Post('rules/:id/replace')
  @ApiCreatedResponse({ type: RoutingRuleDto, description: 'The new version (the old one ends the day before its validFrom).' })
  @ApiErrors(400, 404, 422)
  replace(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() dto: CreateRoutingRuleDto) {
    return this.routing.replaceRule(ctx, id, dto);
  }

  @Roles('admin')
  @Post('rules/:id/close')
  @ApiCreatedResponse({ type: RoutingRuleDto, description: 'The rule with its new validTo.' })
  @ApiErrors(400, 404, 422)
  close(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() dto: CloseRoutingRuleDto) {
    return this.routing.closeRule(ctx, id, dto.validTo);
  }
}
