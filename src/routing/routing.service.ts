import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { CategoryCode } from '../categories/category-codes';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { dayBefore, vietnamDate } from '../common/iso-date';
import { t } from '../common/i18n';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { LocalitiesRepository } from '../localities/localities.repository';
import { ConfigurationChanges } from '../units/configuration-changes';
import { ListPage, ListPageDto, toPage } from '../units/dto/list-page.dto';
import { UnitsRepository } from '../units/units.repository';
import { checkPeriod, Period, within } from '../units/units.service';
import type { CreateRoutingRuleDto, RuleTargetDto } from './dto/create-routing-rule.dto';
import { decideRoute, RoutingReason, RoutingSnapshot, UnitRef, unitRef } from './routing-policy';
import type { RuleTarget } from './routing-rule.entity';
import { RoutingRepository, RuleRow } from './routing.repository';
import { UnitOfWork } from '../common/unit-of-work';
import { ADMIN_LIST_PAGE, pageLimit } from '../common/pagination';
import { CaseRoutingService } from '../cases/case-routing.service';

export interface RouteRequest {
  category: CategoryCode;
  localityCode: string | null;
  observedAt: Date;
  localPoliceInvolved: boolean;
}

export interface DriftRow {
  caseId: string;
  reference: string;
  category: string;
  localityCode: string | null;
  currentUnit: UnitRef;
  proposedUnit: UnitRef | null;
  ruleId: string | null;
  reason: RoutingReason;
}

export interface RoutingDecision {
  unit: UnitRef;
  notify: UnitRef[];
  priority: 'low' | 'normal' | 'high' | 'urgent';
  ruleId: string | null;
  reason: RoutingReason;
  resolvedLocalityCode: string | null;
}

/**
 * Routes tips with the pure policy over an in-memory snapshot of the effective tables. The
 * snapshot is reloaded when routing_state's version (bumped by triggers on every write) moves;
 * the version is read at most every ROUTING_CACHE_CHECK_MS, and at once after a local change.
 */
@Injectable()
export class RoutingService {
  private readonly logger = new Logger('RoutingService');
  private snapshot: RoutingSnapshot | null = null;
  private loading: Promise<RoutingSnapshot> | null = null;
  private checkedAt = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RoutingRepository,
    private readonly units: UnitsRepository,
    private readonly localities: LocalitiesRepository,
    private readonly audit: AuditService,
    private readonly cases: CaseRoutingService,
    changes: ConfigurationChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    changes.subscribe(() => this.invalidate());
  }

  /** Forget when the version was last checked: the next decision compares it with the database. */
  invalidate(): void {
    this.checkedAt = 0;
  }

  async route(req: RouteRequest): Promise<RoutingDecision> {
    const d = await this.decide(req);
    // For a tip this is the configuration's fault (the national fallback rule is missing), not the tipster's.
    if (!d.unit) throw new DomainError('service_unavailable', 'No routing rule yields a unit: the national fallback rule is missing.');
    return { ...d, unit: d.unit };
  }

  /**
   * The decision for an administrator's question (routing explain). A date on which no unit and
   * rule is in force (before the data begins) is the question's fault: 422 naming `at`.
   */
  async explain(req: RouteRequest): Promise<RoutingDecision> {
    const d = await this.decide(req);
    if (!d.unit) {
      const text = t('Không có đơn vị hoặc quy tắc phân tuyến nào có hiệu lực vào ngày này.', 'No unit or routing rule is in force on this date.');
      throw new DomainError('unit_not_in_force', text, [{ field: 'at', reason: 'no_configuration_in_force', message: text.en }]);
    }
    return { ...d, unit: d.unit };
  }

  private async decide(req: RouteRequest) {
    const snap = await this.currentSnapshot();
    return decideRoute(
      { category: req.category, localityCode: req.localityCode, date: vietnamDate(req.observedAt), localPoliceInvolved: req.localPoliceInvolved },
      snap,
    );
  }

  /** The cached snapshot, reloaded if the configuration changed (one load at a time). */
  async currentSnapshot(): Promise<RoutingSnapshot> {
    const now = Date.now();
    if (this.snapshot && now - this.checkedAt < this.config.ROUTING_CACHE_CHECK_MS) return this.snapshot;
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const version = await this.repo.stateVersion();
        this.checkedAt = Date.now();
        if (this.snapshot && this.snapshot.version === version) return this.snapshot;
        const started = performance.now();
        const snap = await this.repo.consistentRead(async (m) => {
          // one connection: queries in sequence
          const v = await this.repo.stateVersion(m);
          const localities = await this.localities.all(m);
          const successors = await this.localities.allSuccessors(m);
          const units = await this.units.all(m);
          const coverage = await this.units.allCoverage(m);
          const rules = await this.repo.allRules(m);
          return new RoutingSnapshot({ version: v, localities, successors, units, coverage, rules });
        });
        this.snapshot = snap;
        this.logger.log({ version: snap.version, ms: Math.round(performance.now() - started) }, 'routing snapshot loaded');
        return snap;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /**
   * Open cases whose unit differs from where today's configuration would route them (the place
   * as stored on the case, resolved today). Read-only: cases are moved by people, with a reason.
   */
  async *drift(at: Date = new Date()): AsyncGenerator<DriftRow> {
    const snap = await this.currentSnapshot();
    const date = vietnamDate(at);
    let after: string | null = null;
    for (;;) {
      const page = await this.cases.openCasesPage(after, 500);
      if (page.length === 0) return;
      for (const c of page) {
        const d = decideRoute({ category: c.category as CategoryCode, localityCode: c.localityCode, date, localPoliceInvolved: c.localPoliceInvolved }, snap);
        if (d.unit && d.unit.id === c.unitId) continue;
        const current = snap.units.get(c.unitId);
        yield {
          caseId: c.id,
          reference: c.reference,
          category: c.category,
          localityCode: c.localityCode,
          currentUnit: current ? unitRef(current) : { id: c.unitId, code: '?', name: '?', kind: '?' },
          proposedUnit: d.unit,
          ruleId: d.ruleId,
          reason: d.reason,
        };
      }
      after = page[page.length - 1].id;
    }
  }

  /** Every rule, a page at a time (admin list). */
  async listRules(dto: ListPageDto): Promise<ListPage<RuleRow>> {
    const limit = pageLimit(dto.limit, ADMIN_LIST_PAGE);
    return toPage(await this.repo.rulesPage(dto.cursor ?? null, limit + 1), limit);
  }

  async createRule(ctx: RequestContext, dto: CreateRoutingRuleDto): Promise<RuleRow> {
    const rule = await this.uow.run(async (m) => {
      await this.units.lockConfiguration(m);
      const row = await this.checkedRule(m, dto, null);
      const created = await this.repo.insertRule(m, { ...row, replacesId: null });
      await this.audit.record(m, ctx, { action: 'routing_rule.created', targetType: 'routing_rule', targetId: created.id, change: row });
      return created;
    });
    this.invalidate();
    return rule;
  }

  /** Ends a rule the day before `dto.validFrom` and puts the new version in its place (history kept). */
  async replaceRule(ctx: RequestContext, id: string, dto: CreateRoutingRuleDto): Promise<RuleRow> {
    const rule = await this.uow.run(async (m) => {
      await this.units.lockConfiguration(m);
      const old = await this.repo.findRule(m, id);
      if (!old) throw new NotFound(`Routing rule ${id}`);
      if (dto.validFrom <= old.validFrom || (old.validTo !== null && dto.validFrom > old.validTo))
        throw new ValidationFailed([{ field: 'validFrom', reason: 'outsideRule', message: `validFrom must fall after ${old.validFrom} and within the replaced rule's period` }]);
      const closeAt = dayBefore(dto.validFrom);
      await this.repo.closeRule(m, id, closeAt);
      const row = await this.checkedRule(m, dto, null);
      const created = await this.repo.insertRule(m, { ...row, replacesId: id });
      await this.audit.record(m, ctx, { action: 'routing_rule.changed', targetType: 'routing_rule', targetId: created.id, change: { replaces: id, closedAt: closeAt, rule: row } });
      return created;
    });
    this.invalidate();
    return rule;
  }

  async closeRule(ctx: RequestContext, id: string, validTo: string): Promise<RuleRow> {
    const rule = await this.uow.run(async (m) => {
      await this.units.lockConfiguration(m);
      const old = await this.repo.findRule(m, id);
      if (!old) throw new NotFound(`Routing rule ${id}`);
      checkPeriod({ validFrom: old.validFrom, validTo });
      if (old.validTo !== null && validTo > old.validTo)
        throw new ValidationFailed([{ field: 'validTo', reason: 'extends', message: 'A rule can be ended earlier, not extended; create a new rule instead.' }]);
      await this.repo.closeRule(m, id, validTo);
      await this.audit.record(m, ctx, { action: 'routing_rule.closed', targetType: 'routing_rule', targetId: id, change: { before: old.validTo, after: validTo } });
      return { ...old, validTo };
    });
    this.invalidate();
    return rule;
  }

  /** Checks a rule against the configuration (nothing is written when a check fails). */
  private async checkedRule(m: import('typeorm').EntityManager, dto: CreateRoutingRuleDto, exceptId: string | null): Promise<Omit<RuleRow, 'id' | 'replacesId'>> {
    const period: Period = { validFrom: dto.validFrom, validTo: dto.validTo ?? null };
    checkPeriod(period);
    const scopeCode = dto.scopeLevel === 'national' ? null : (dto.scopeCode ?? null);
    if (dto.scopeLevel !== 'national' && !scopeCode)
      throw new ValidationFailed([{ field: 'scopeCode', reason: 'required', message: `scopeCode is required for a ${dto.scopeLevel} rule` }]);
    if (dto.scopeLevel === 'national' && dto.scopeCode)
      throw new ValidationFailed([{ field: 'scopeCode', reason: 'forbidden', message: 'a national rule has no scopeCode' }]);
    if (scopeCode) {
      const versions = (await this.localities.versions(scopeCode, m)).filter((v) => v.level === dto.scopeLevel);
      const overlaps = versions.some((v) => v.validFrom <= (period.validTo ?? '9999-12-31') && (v.validTo === null || v.validTo >= period.validFrom));
      if (!overlaps) throw new DomainError('unknown_reference', `No ${dto.scopeLevel} ${scopeCode} is in force in the rule's period.`, { field: 'scopeCode' });
    }
    const target = await this.checkedTarget(m, dto.target, period, 'target');
    const notify: RuleTarget[] = [];
    for (const [i, n] of (dto.notify ?? []).entries()) notify.push(await this.checkedTarget(m, n, period, `notify[${i}]`));
    const row = { category: dto.category, scopeLevel: dto.scopeLevel, scopeCode, target, notify, priority: dto.priority, ...period, description: dto.description ?? null };
    const overlap = await this.repo.overlappingRules(m, row, exceptId);
    if (overlap.length)
      throw new DomainError('overlapping_period', `A rule for ${dto.category ?? 'every category (fallback)'} at ${dto.scopeLevel} ${scopeCode ?? ''} is already in force in part of that period; replace it instead.`, { field: 'validFrom', ruleIds: overlap.map((o) => o.id) });
    return row;
  }

  private async checkedTarget(m: import('typeorm').EntityManager, t: RuleTargetDto, period: Period, field: string): Promise<RuleTarget> {
    if (!!t.unitCode === !!t.coveringKind)
      throw new ValidationFailed([{ field, reason: 'oneOf', message: `${field} needs exactly one of unitCode or coveringKind` }]);
    if (t.coveringKind) return { type: 'covering', kind: t.coveringKind };
    const u = await this.units.findByCode(t.unitCode!, m);
    if (!u) throw new DomainError('unknown_reference', `Unit ${t.unitCode} does not exist.`, { field: `${field}.unitCode` });
    if (!within(period, u))
      throw new DomainError('unit_not_in_force', `Unit ${u.code} is in force ${u.validFrom}..${u.validTo ?? ''}, not over the whole rule period.`, { field: `${field}.unitCode` });
    return { type: 'unit', unitId: u.id };
  }
}
