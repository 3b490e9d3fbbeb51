import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import type { CategoryCode } from '../../categories/category-codes';
import { NotFound } from '../../common/errors/domain-error';
import { httpStatusFor } from '../../common/errors/error-codes';
import { Ctx, RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid.pipe';
import { CloseRoutingRuleDto, CreateRoutingRuleDto } from '../../routing/dto/create-routing-rule.dto';
import { ExplainRouteDto } from '../../routing/dto/explain-route.dto';
import type { RuleRow } from '../../routing/routing.repository';
import { RoutingService } from '../../routing/routing.service';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { AdminLookups } from './admin-lookups';
import { pageCursor, queryText } from './admin-http';
import { checkWith, formProblems, FormBody, FormProblem, isFormError, optional, refill, text } from './form-input';
import { EXPLAIN_FIELDS, ExplainPage, RULE_FORM_FIELDS, RuleClosePage, RuleNewPage, RulesListPage } from './routing-pages';

/** The rule form's target fields by the names the service reports problems under. */
const RULE_FIELD_NAMES = { target: 'targetUnitCode', 'target.unitCode': 'targetUnitCode', 'target.coveringKind': 'targetKind', '': 'validFrom' };

/**
 * Routing rules and the explain tool: admins and auditors read and explain (as the API allows),
 * admins add and end rules through RoutingService (checked, locked and audited as for the API).
 */
@ApiExcludeController()
@Roles('admin')
@Controller('console/admin/routing')
export class AdminRoutingController {
  constructor(
    private readonly routing: RoutingService,
    private readonly lookups: AdminLookups,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query('cursor') cursorQ: unknown, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const cursor = pageCursor(cursorQ);
    const page = await this.routing.listRules({ cursor, limit: 200 });
    const unitCodes = await this.lookups.unitCodes();
    return sendPage(reply, <RulesListPage ctx={ctx} data={{ ...page, first: !cursor, unitCodes, done: queryText(done) }} />);
  }

  /** Where a tip would go and why: a GET form (nothing changes), the same decision as intake's. */
  @Get('explain')
  @Roles('admin', 'auditor')
  async explain(@ConsoleContext() ctx: ConsoleCtx, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = refill(query, EXPLAIN_FIELDS);
    if (!values.category) return sendPage(reply, <ExplainPage ctx={ctx} values={values} />);
    const q = { category: values.category, locality: values.locality || undefined, at: values.at || undefined, localPoliceInvolved: values.localPoliceInvolved || undefined };
    const again = (problems: FormProblem[], status: number) => sendPage(reply, <ExplainPage ctx={ctx} values={values} problems={problems} />, status);
    const invalid = await checkWith(ExplainRouteDto, q);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, EXPLAIN_FIELDS), 400);
    // as the API: a bare date is noon in Vietnam that day
    const observedAt = q.at ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(q.at) ? `${q.at}T12:00:00+07:00` : q.at) : new Date();
    if (Number.isNaN(observedAt.getTime())) return again(formProblems([{ field: 'at', reason: 'isDate', message: 'at is not a real date' }], ctx.lang, EXPLAIN_FIELDS), 400);
    try {
      const decision = await this.routing.explain({
        category: q.category as CategoryCode,
        localityCode: q.locality ?? null,
        observedAt,
        localPoliceInvolved: q.localPoliceInvolved === 'true',
      });
      return sendPage(reply, <ExplainPage ctx={ctx} values={values} decision={decision} />);
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, EXPLAIN_FIELDS), httpStatusFor(e.code));
    }
  }

  @Get('rules/new')
  newForm(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    return sendPage(reply, <RuleNewPage ctx={ctx} />);
  }

  @Post('rules')
  async create(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const dto = {
      category: optional(body, 'category') ?? null,
      scopeLevel: text(body, 'scopeLevel'),
      scopeCode: optional(body, 'scopeCode'),
      target: { unitCode: optional(body, 'targetUnitCode')?.toUpperCase(), coveringKind: optional(body, 'targetKind') },
      priority: text(body, 'priority'),
      validFrom: text(body, 'validFrom'),
      validTo: optional(body, 'validTo'),
      description: optional(body, 'description'),
    };
    const again = (problems: FormProblem[], status: number) => sendPage(reply, <RuleNewPage ctx={ctx} values={refill(body, RULE_FORM_FIELDS)} problems={problems} />, status);
    const invalid = await checkWith(CreateRoutingRuleDto, dto);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, RULE_FORM_FIELDS, RULE_FIELD_NAMES), 400);
    try {
      await this.routing.createRule(rc, dto as CreateRoutingRuleDto);
      return redirect(reply, '/console/admin/routing?done=rule_created');
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, RULE_FORM_FIELDS, RULE_FIELD_NAMES), httpStatusFor(e.code));
    }
  }

  @Get('rules/:id/close')
  async confirmClose(@ConsoleContext() ctx: ConsoleCtx, @Param('id') id: string, @Res() reply: FastifyReply) {
    const rule = await this.rule(id);
    return sendPage(reply, <RuleClosePage ctx={ctx} rule={rule} unitCodes={await this.lookups.unitCodes()} />);
  }

  @Post('rules/:id/close')
  async close(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const rule = await this.rule(id);
    const dto = { validTo: text(body, 'validTo') };
    const again = async (problems: FormProblem[], status: number) =>
      sendPage(reply, <RuleClosePage ctx={ctx} rule={rule} unitCodes={await this.lookups.unitCodes()} values={refill(body, ['validTo'])} problems={problems} />, status);
    const invalid = await checkWith(CloseRoutingRuleDto, dto);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, ['validTo']), 400);
    try {
      await this.routing.closeRule(rc, rule.id, dto.validTo);
      return redirect(reply, '/console/admin/routing?done=rule_closed');
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, ['validTo']), httpStatusFor(e.code));
    }
  }

  /** A rule by id, read through the service's list (rules number in the hundreds at most). */
  private async rule(id: string): Promise<RuleRow> {
    if (!isUuid(id)) throw new NotFound('Routing rule');
    let cursor: string | undefined;
    for (;;) {
      const page = await this.routing.listRules({ cursor, limit: 500 });
      const found = page.items.find((r) => r.id === id);
      if (found) return found;
      if (!page.nextCursor) throw new NotFound('Routing rule');
      cursor = page.nextCursor;
    }
  }
}
