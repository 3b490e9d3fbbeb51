import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { DomainError, NotFound } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { UnitOfWork } from '../common/unit-of-work';
import { UnitsService } from '../units/units.service';
import { AccessRepository, CaseScopeRow } from './access.repository';
import { mintCase, mintHotspot } from './mint';
import { deniedWhenOutOfScope, OutOfScope } from './out-of-scope';
import type { ScopedCase, ScopedHotspot } from './scoped';
import { UnitScope } from './unit-scope';
import { isUuid } from '../common/uuid.pipe';


/**
 * The access kernel: the one place that turns a staff principal and a case id (or hotspot id)
 * into a handle (ScopedCase / ScopedHotspot) that repositories of case content and children
 * require. A case outside the caller's units is a 404 and an audited `access.denied`, exactly
 * like a missing one.
 *
 * Scope: officers and unit leads see their own unit; supervisors the units of their subtree that
 * are in force today. A supervisor whose whole subtree has ended gets 403 `forbidden` (details.reason `unit_ended`)
 * (a clear refusal, not an empty world). Auditors, admins and hotline operators read no case.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly repo: AccessRepository,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  /** The units whose cases and hotspots `principal` may see (a scope filter for lists such as the queue). */
  async scopeFor(principal: StaffPrincipal | undefined): Promise<UnitScope> {
    if (!principal) throw new DomainError('unauthenticated', 'A staff session is required.');
    switch (principal.role) {
      case 'officer':
      case 'unit_lead':
        return new UnitScope([principal.unitId]);
      case 'supervisor': {
        const ids = await this.units.subtreeIds(principal.unitId, new Date());
        if (ids.length === 0) {
          throw new DomainError('forbidden', 'Your unit and every unit under it have ended; ask an administrator to move your account to a unit in force.', { reason: 'unit_ended' });
        }
        return new UnitScope(ids);
      }
      case 'auditor':
      case 'admin':
      case 'hotline_operator':
        throw new DomainError('forbidden', 'This role reads no case or tip content.');
      default: {
        const unknown: never = principal.role;
        throw new DomainError('forbidden', `Unknown role ${String(unknown)}.`);
      }
    }
  }

  /**
   * Runs `work` in one transaction with the case as a handle. Out of scope (or absent) is a 404 and
   * an audited denial, written after the work's transaction rolled back. `lock` holds the case row
   * until the transaction ends (for writes that bump no version, such as messages).
   */
  async inCase<T>(principal: StaffPrincipal | undefined, ctx: RequestContext, caseId: string, work: (sc: ScopedCase, m: EntityManager, scope: UnitScope) => Promise<T>, opts: { lock?: boolean } = {}): Promise<T> {
    const scope = await this.scopeFor(principal);
    if (!isUuid(caseId)) throw new NotFound('Case');
    return deniedWhenOutOfScope(this.audit, ctx, { type: 'case', id: caseId, what: 'Case' }, () =>
      this.uow.run(async (m) => {
        const sc = await this.caseIn(scope, m, caseId, opts.lock ?? false);
        if (!sc) throw new OutOfScope();
        return work(sc, m, scope);
      }),
    );
  }

  /**
   * inCase for a caller that needs the whole case row anyway (the case actions): `load` reads the
   * case restricted to the scope's units in the SAME statement that proves scope (one round trip
   * instead of the kernel's read and then the caller's). The kernel still decides: a row that is
   * not the asked case or not of the scope's units is refused as out of scope, whatever `load` did.
   */
  async inCaseRow<R extends CaseScopeRow, T>(
    principal: StaffPrincipal | undefined,
    ctx: RequestContext,
    caseId: string,
    load: (m: EntityManager, caseId: string, unitIds: readonly string[], lock: boolean) => Promise<R | null>,
    work: (sc: ScopedCase, row: R, m: EntityManager, scope: UnitScope) => Promise<T>,
    opts: { lock?: boolean } = {},
  ): Promise<T> {
    const scope = await this.scopeFor(principal);
    if (!isUuid(caseId)) throw new NotFound('Case');
    return deniedWhenOutOfScope(this.audit, ctx, { type: 'case', id: caseId, what: 'Case' }, () =>
      this.uow.run(async (m) => {
        const row = await load(m, caseId, scope.unitIds, opts.lock ?? false);
        if (!row || row.id !== caseId || !scope.includes(row.unitId)) throw new OutOfScope();
        return work(mintCase(row), row, m, scope);
      }),
    );
  }

  /** The same for a hotspot. */
  async inHotspot<T>(principal: StaffPrincipal | undefined, ctx: RequestContext, hotspotId: string, work: (sh: ScopedHotspot, m: EntityManager, scope: UnitScope) => Promise<T>): Promise<T> {
    const scope = await this.scopeFor(principal);
    if (!isUuid(hotspotId)) throw new NotFound('Hotspot');
    return deniedWhenOutOfScope(this.audit, ctx, { type: 'hotspot', id: hotspotId, what: 'Hotspot' }, () =>
      this.uow.run(async (m) => {
        const sh = await this.hotspotIn(scope, m, hotspotId);
        if (!sh) throw new OutOfScope();
        return work(sh, m, scope);
      }),
    );
  }

  /** A case of the scope inside the caller's transaction, or null (for links to another case). */
  async caseIn(scope: UnitScope, m: EntityManager, caseId: string, lock = false): Promise<ScopedCase | null> {
    if (!isUuid(caseId)) return null;
    const row = await this.repo.caseRow(m, caseId, scope.unitIds, lock);
    return row ? mintCase(row) : null;
  }

  /** A hotspot of the scope inside the caller's transaction, or null. */
  async hotspotIn(scope: UnitScope, m: EntityManager, hotspotId: string): Promise<ScopedHotspot | null> {
    if (!isUuid(hotspotId)) return null;
    const row = await this.repo.hotspotRow(m, hotspotId, scope.unitIds);
    return row ? mintHotspot(row) : null;
  }

  /**
   * The tipster's path: the caller (TipsterService) proved a receipt whose tip belongs to this
   * case; that proof is the tipster's whole scope.
   */
  async caseForReceipt(m: EntityManager, caseId: string, lock = false): Promise<ScopedCase | null> {
    const row = await this.repo.caseRow(m, caseId, null, lock);
    return row ? mintCase(row) : null;
  }

  /** System jobs over every unit (retention): the case by id, locked when asked. */
  async caseForSystem(m: EntityManager, caseId: string, lock = false): Promise<ScopedCase | null> {
    const row = await this.repo.caseRow(m, caseId, null, lock);
    return row ? mintCase(row) : null;
  }

  /** A case intake has just inserted in this transaction (its first event and tips are written with this handle). */
  caseOpened(row: { id: string; unitId: string; dataKeyId: string }): ScopedCase {
    return mintCase(row);
  }
}
