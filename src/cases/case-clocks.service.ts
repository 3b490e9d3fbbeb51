import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../common/unit-of-work';
import { deniedWhenOutOfScope, OutOfScope } from '../audit/out-of-scope';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { UnitScope } from '../auth/unit-scope';
import { DomainError, NotFound } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { CryptoService } from '../crypto/crypto.service';
import { ClockAction, ClocksService } from '../clocks/clocks.service';
import { CasesRepository } from './cases.repository';
import { caseEvent, eventReasonAad } from './cases.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT: Record<ClockAction['type'], string> = { extend: 'clock_extended', suspend: 'clock_suspended', resume: 'clock_resumed' };

/**
 * Extending, suspending and resuming a case's clock: case actions like the others (read in the
 * caller's scope, optimistic version, timeline event with the reason encrypted, audit event),
 * one transaction. The clock arithmetic and its rules are ClocksService's.
 */
@Injectable()
export class CaseClocksService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly clocks: ClocksService,
    private readonly audit: AuditService,
    private readonly crypto: CryptoService,
    private readonly uow: UnitOfWork,
  ) {}

  async act(scope: UnitScope, principal: StaffPrincipal, ctx: RequestContext, caseId: string, clockId: string, action: ClockAction, expectedVersion?: number) {
    if (!UUID.test(caseId)) throw new NotFound('Case');
    return deniedWhenOutOfScope(this.audit, ctx, { type: 'case', id: caseId, what: 'Case' }, () =>
      this.uow.run(async (m) => {
        const c = await this.repo.findScoped(scope, m, caseId, true);
        if (!c) throw new OutOfScope();
        if (expectedVersion !== undefined && expectedVersion !== c.version) {
          throw new DomainError('version_conflict', 'The case was changed by someone else; reload it and try again.', { currentVersion: c.version });
        }
        const now = new Date();
        const result = await this.clocks.act(m, principal, c, clockId, action, now);
        if (!(await this.repo.updateVersioned(scope, m, c.id, c.version, {}))) {
          throw new DomainError('version_conflict', 'The case was changed by someone else; reload it and try again.');
        }
        const metadata = {
          clockId,
          kind: result.clock.kind,
          legal: result.clock.legal,
          dueAt: result.clock.dueAt,
          ...(action.type === 'extend' ? { by: action.by } : {}),
          legalReference: 'legalReference' in action ? (action.legalReference ?? null) : null,
        };
        const event = caseEvent(ctx, c.id, EVENT[action.type], metadata, now);
        if (action.reason?.trim()) event.reason = await this.crypto.encrypt(m, c.dataKeyId, eventReasonAad(event.id), action.reason.trim());
        await this.repo.insertEvent(m, event);
        await this.audit.record(m, ctx, { action: `case.${EVENT[action.type]}`, targetType: 'case', targetId: c.id, unitId: c.unitId, change: { ...metadata, version: c.version + 1 } });
        return { ...result, caseVersion: c.version + 1 };
      }),
    );
  }
}
