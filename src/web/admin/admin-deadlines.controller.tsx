import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { ClocksService } from '../../clocks/clocks.service';
import { CreateClockPolicyDto } from '../../clocks/dto/clock-policy.dto';
import { httpStatusFor } from '../../common/errors/error-codes';
import { Ctx, RequestContext } from '../../common/request-context';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { queryText } from './admin-http';
import { DeadlinesPage, POLICY_FORM_FIELDS, PolicyNewPage, PolicyRow, policyValues } from './deadlines-pages';
import { checkWith, formProblems, FormBody, FormProblem, isFormError, refill } from './form-input';
import { policyInput } from './policy-input';

/**
 * Deadline policies: admins, supervisors and auditors read them (as the API allows); admins add a
 * new version through ClocksService.createPolicy, audited and recomputing open clocks as for the API.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('console/admin/deadlines')
export class AdminDeadlinesController {
  constructor(private readonly clocks: ClocksService) {}

  @Get()
  @Roles('admin', 'supervisor', 'auditor')
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const { items } = await this.clocks.listPolicies();
    return sendPage(reply, <DeadlinesPage ctx={ctx} policies={items as PolicyRow[]} now={new Date()} done={queryText(done)} />);
  }

  /** The form, filled from the policy `?from=<id>` when given (its next version). */
  @Get('new')
  async newForm(@ConsoleContext() ctx: ConsoleCtx, @Query('from') fromQ: unknown, @Res() reply: FastifyReply) {
    const from = queryText(fromQ);
    const base = from ? ((await this.clocks.listPolicies()).items as PolicyRow[]).find((p) => p.id === from) : undefined;
    return sendPage(reply, <PolicyNewPage ctx={ctx} values={base ? policyValues(base) : {}} />);
  }

  @Post()
  async create(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const input = policyInput(body);
    const values = { ...refill(body, POLICY_FORM_FIELDS), legal: input.legal ? 'true' : '', pausable: input.pausable ? 'true' : '' };
    const again = (problems: FormProblem[], status: number) => sendPage(reply, <PolicyNewPage ctx={ctx} values={values} problems={problems} />, status);
    const invalid = await checkWith(CreateClockPolicyDto, input);
    if (invalid.length) return again(formProblems(invalid, ctx.lang, POLICY_FORM_FIELDS), 400);
    const b = input as unknown as CreateClockPolicyDto;
    try {
      // the same call as POST /api/v1/admin/clock-policies
      await this.clocks.createPolicy(rc, {
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
      return redirect(reply, '/console/admin/deadlines?done=policy_created');
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, POLICY_FORM_FIELDS, { '': 'validFrom' }), httpStatusFor(e.code));
    }
  }
}
