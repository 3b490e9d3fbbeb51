import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { isIsoDate, vietnamDate } from '../../common/iso-date';
import { Ctx, RequestContext } from '../../common/request-context';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import type { FormProblem } from '../shell/forms';
import { sendPage } from '../shell/render';
import { tr } from '../shell/texts';
import { AuditConsoleService } from './audit-console.service';
import { AuditOverviewPage, CHECKPOINTS_SHOWN, ProofPage, VerifyResultPage } from './audit-pages';
import { AUDITOR_TEXTS as T } from './texts';

/** The roles of the audit API (GET /api/v1/audit/...): auditors only. */
export const AUDIT_ROLES = ['auditor'] as const;

const DAY_MS = 86_400_000;

/** The `since` day of the checkpoint list: the form's, or 7 days ago (Vietnam); null when not a date. */
function sinceOf(raw: unknown, now = new Date()): string | null {
  if (raw === undefined || raw === '') return vietnamDate(new Date(now.getTime() - 7 * DAY_MS));
  return typeof raw === 'string' && isIsoDate(raw.trim()) ? raw.trim() : null;
}

/** Midnight of a Vietnamese day. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);

/**
 * /console/audit: the audit trail for auditors through the audit services. The verification is a
 * POST (it reads the whole trail: no prefetch or crawler runs it) whose answer is the result page
 * itself — it changes nothing, so there is nothing to redirect to and a reload runs it again.
 */
@ApiExcludeController()
@Controller('console/audit')
export class AuditConsoleController {
  constructor(private readonly audit: AuditConsoleService) {}

  private async overview(ctx: ConsoleCtx, reply: FastifyReply, opts: { since?: unknown; problems?: FormProblem[]; caseInput?: string; status?: number } = {}) {
    const problems = [...(opts.problems ?? [])];
    let since = sinceOf(opts.since);
    if (since === null) {
      problems.push({ field: 'since', message: tr(ctx, T.sinceBad) });
      since = sinceOf(undefined)!;
    }
    const list = await this.audit.recentCheckpoints(dayStart(since), CHECKPOINTS_SHOWN);
    const status = opts.status ?? (problems.length ? 400 : 200);
    return sendPage(reply, <AuditOverviewPage ctx={ctx} checkpoints={{ since, ...list }} problems={problems} caseInput={opts.caseInput} />, status);
  }

  @Get()
  @Roles(...AUDIT_ROLES)
  show(@ConsoleContext() ctx: ConsoleCtx, @Query('since') since: unknown, @Res() reply: FastifyReply) {
    return this.overview(ctx, reply, { since });
  }

  @Post('verify')
  @Roles(...AUDIT_ROLES)
  async verify(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    const report = await this.audit.verify();
    return sendPage(reply, <VerifyResultPage ctx={ctx} report={report} />);
  }

  /** The checkpoints as JSON lines (what `audit:checkpoints --since` prints), for `audit:verify --checkpoints`. */
  @Get('checkpoints.jsonl')
  @Roles(...AUDIT_ROLES)
  async checkpoints(@ConsoleContext() ctx: ConsoleCtx, @Query('since') rawSince: unknown, @Res() reply: FastifyReply) {
    const since = rawSince === undefined || rawSince === '' ? undefined : sinceOf(rawSince);
    if (since === null) return this.overview(ctx, reply, { since: rawSince });
    const name = `audit-checkpoints${since ? `-since-${since}` : ''}.jsonl`;
    return reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(this.audit.checkpointLines(since ? dayStart(since) : undefined));
  }

  @Get('proof')
  @Roles(...AUDIT_ROLES)
  async proof(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Query('case') rawCase: unknown, @Res() reply: FastifyReply) {
    const input = typeof rawCase === 'string' ? rawCase.trim().slice(0, 64) : '';
    const found = await this.audit.lookUpCase(input);
    if ('problem' in found) {
      const message = tr(ctx, found.problem === 'missing' ? T.proofMissing : found.problem === 'format' ? T.proofBadFormat : T.proofNoCase);
      return this.overview(ctx, reply, { problems: [{ field: 'case', message }], caseInput: input, status: found.problem === 'no_case' ? 404 : 400 });
    }
    const { proof, check } = await this.audit.proof(rc, found.caseId);
    const reference = /^TL-/i.test(input) ? input.toUpperCase() : null;
    return sendPage(reply, <ProofPage ctx={ctx} caseId={found.caseId} reference={reference} proof={proof} check={check} />);
  }
}
