import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { isIsoDate, vietnamDate } from '../common/iso-date';
import type { RequestContext } from '../common/request-context';
import { LocalitiesRepository } from '../localities/localities.repository';
import { ConfigurationChanges } from './configuration-changes';
import type { AddCoverageDto } from './dto/add-coverage.dto';
import type { ChangeUnitDto } from './dto/change-unit.dto';
import type { CreateUnitDto } from './dto/create-unit.dto';
import { ListCoverageDto, ListPage, ListPageDto, toPage } from './dto/list-page.dto';
import { UnitRow, UnitsRepository } from './units.repository';
import { UnitOfWork } from '../common/unit-of-work';
import { ADMIN_LIST_PAGE, pageLimit } from '../common/pagination';

export type Period = { validFrom: string; validTo: string | null };

export function checkPeriod(p: Period): void {
  const problems = [];
  if (!isIsoDate(p.validFrom)) problems.push({ field: 'validFrom', reason: 'isDate', message: 'validFrom must be a real date' });
  if (p.validTo !== null && !isIsoDate(p.validTo)) problems.push({ field: 'validTo', reason: 'isDate', message: 'validTo must be a real date' });
  if (!problems.length && p.validTo !== null && p.validTo < p.validFrom)
    problems.push({ field: 'validTo', reason: 'beforeValidFrom', message: 'validTo must not be before validFrom' });
  if (problems.length) throw new ValidationFailed(problems);
}

/** [a] lies within [b] (inclusive; null = open end). */
export function within(a: Period, b: Period): boolean {
  return b.validFrom <= a.validFrom && (b.validTo === null || (a.validTo !== null && a.validTo <= b.validTo));
}

/**
 * Units and their coverage. Every change runs in one transaction under the configuration lock,
 * is checked before anything is written, and records its audit event in the same transaction.
 */
@Injectable()
export class UnitsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: UnitsRepository,
    private readonly localities: LocalitiesRepository,
    private readonly audit: AuditService,
    private readonly changes: ConfigurationChanges,
  ) {}

  findByCode(code: string): Promise<UnitRow | null> {
    return this.repo.findByCode(code);
  }

  async getByCode(code: string, m?: EntityManager): Promise<UnitRow> {
    const u = await this.repo.findByCode(code, m);
    if (!u) throw new NotFound(`Unit ${code}`);
    return u;
  }

  /** The unit and every unit under it in the chain of command; with `at`, only those in force that day. */
  subtreeIds(unitId: string, at?: Date): Promise<string[]> {
    return this.repo.subtreeIds(unitId, at ? vietnamDate(at) : null);
  }

  /** Is the unit in force on the Vietnamese calendar day of `at`? (A case must not go to a dissolved or future unit.) */
  isInForce(unitId: string, at: Date, m?: EntityManager): Promise<boolean> {
    return this.repo.isInForce(unitId, vietnamDate(at), m);
  }

  /** Units in force today whose code or name contains `q` (the console's transfer picker), at most `limit`. */
  searchInForce(q: string, limit = 50, at = new Date()): Promise<UnitRow[]> {
    return this.repo.searchInForce(q.trim().slice(0, 100), vietnamDate(at), Math.min(Math.max(limit, 1), 200));
  }

  /** Every unit, past and present, a page at a time (admin list). */
  async listUnits(dto: ListPageDto): Promise<ListPage<UnitRow>> {
    const limit = pageLimit(dto.limit, ADMIN_LIST_PAGE);
    return toPage(await this.repo.page(dto.cursor ?? null, limit + 1), limit);
  }

  /** Every coverage period (of one unit with `unit`), a page at a time (admin list); an unknown unit is 404. */
  async listCoverage(dto: ListCoverageDto) {
    const limit = pageLimit(dto.limit, ADMIN_LIST_PAGE);
    const unitId = dto.unit ? (await this.getByCode(dto.unit)).id : null;
    return toPage(await this.repo.coveragePage(dto.cursor ?? null, limit + 1, unitId), limit);
  }

  async createUnit(ctx: RequestContext, dto: CreateUnitDto): Promise<UnitRow> {
    const period = { validFrom: dto.validFrom, validTo: dto.validTo ?? null };
    checkPeriod(period);
    const unit = await this.uow.run(async (m) => {
      await this.repo.lockConfiguration(m);
      if (await this.repo.findByCode(dto.code, m)) throw new DomainError('conflict', `A unit with code ${dto.code} exists already.`, { field: 'code' });
      let parentId: string | null = null;
      if (dto.parentCode) {
        const parent = await this.repo.findByCode(dto.parentCode, m);
        if (!parent) throw new DomainError('unknown_reference', `Parent unit ${dto.parentCode} does not exist.`, { field: 'parentCode' });
        parentId = parent.id;
      }
      const u = await this.repo.insertUnit(m, { code: dto.code, name: dto.name, kind: dto.kind, parentId, ...period });
      await this.audit.record(m, ctx, { action: 'unit.created', targetType: 'unit', targetId: u.id, unitId: u.id, change: { code: u.code, kind: u.kind, parentId, ...period } });
      return u;
    });
    this.changes.emit();
    return unit;
  }

  async changeUnit(ctx: RequestContext, code: string, dto: ChangeUnitDto): Promise<UnitRow> {
    const unit = await this.uow.run(async (m) => {
      await this.repo.lockConfiguration(m);
      const u = await this.getByCode(code, m);
      let parentId = u.parentId;
      if (dto.parentCode !== undefined) {
        if (dto.parentCode === null) parentId = null;
        else {
          const parent = await this.repo.findByCode(dto.parentCode, m);
          if (!parent) throw new DomainError('unknown_reference', `Parent unit ${dto.parentCode} does not exist.`, { field: 'parentCode' });
          if (await this.repo.isInSubtree(m, u.id, parent.id))
            throw new DomainError('unit_cycle', `Unit ${dto.parentCode} is ${code} or under it: the chain of command would be a cycle.`, { field: 'parentCode' });
          parentId = parent.id;
        }
      }
      const validTo = dto.validTo === undefined ? u.validTo : dto.validTo;
      checkPeriod({ validFrom: u.validFrom, validTo });
      if (validTo !== u.validTo) {
        const outside = await this.repo.dependentsOutside(m, u.id, u.validFrom, validTo);
        if (outside.length)
          throw new DomainError('unit_not_in_force', `Unit ${code} would end before ${outside.length} coverage row(s) or routing rule(s) naming it; end or replace them first.`, { field: 'validTo', dependents: outside });
      }
      const name = dto.name ?? u.name;
      await this.repo.updateUnit(m, u.id, { name, parentId, validTo });
      await this.audit.record(m, ctx, { action: 'unit.changed', targetType: 'unit', targetId: u.id, unitId: u.id, change: { before: { parentId: u.parentId, validTo: u.validTo }, after: { parentId, validTo }, renamed: name !== u.name } });
      return { ...u, name, parentId, validTo };
    });
    this.changes.emit();
    return unit;
  }

  async addCoverage(ctx: RequestContext, code: string, dto: AddCoverageDto) {
    const period = { validFrom: dto.validFrom, validTo: dto.validTo ?? null };
    checkPeriod(period);
    const row = await this.uow.run(async (m) => {
      await this.repo.lockConfiguration(m);
      const u = await this.getByCode(code, m);
      const versions = await this.localities.versions(dto.localityCode, m);
      if (versions.length === 0) throw new DomainError('unknown_reference', `Locality ${dto.localityCode} does not exist.`, { field: 'localityCode' });
      if (!versions.some((v) => within(period, v)))
        throw new DomainError('unknown_reference', `No single version of locality ${dto.localityCode} is in force over the whole period (versions: ${versions.map((v) => `${v.validFrom}..${v.validTo ?? ''}`).join(', ')}).`, { field: 'validFrom' });
      if (!within(period, u))
        throw new DomainError('unit_not_in_force', `Unit ${code} is in force ${u.validFrom}..${u.validTo ?? ''}; the coverage period must lie within it.`, { field: 'validFrom' });
      const overlap = await this.repo.overlappingCoverage(m, u.kind, dto.localityCode, period.validFrom, period.validTo);
      if (overlap.length)
        throw new DomainError('overlapping_period', `Another ${u.kind} already covers ${dto.localityCode} in part of that period.`, { field: 'validFrom', coverageIds: overlap.map((o) => o.id) });
      const c = await this.repo.insertCoverage(m, { unitId: u.id, unitKind: u.kind, localityCode: dto.localityCode, ...period });
      await this.audit.record(m, ctx, { action: 'unit_coverage.created', targetType: 'unit_coverage', targetId: c.id, unitId: u.id, change: { localityCode: dto.localityCode, ...period } });
      return c;
    });
    this.changes.emit();
    return row;
  }

  async closeCoverage(ctx: RequestContext, id: string, validTo: string) {
    const row = await this.uow.run(async (m) => {
      await this.repo.lockConfiguration(m);
      const c = await this.repo.findCoverage(m, id);
      if (!c) throw new NotFound(`Coverage ${id}`);
      checkPeriod({ validFrom: c.validFrom, validTo });
      if (c.validTo !== null && validTo > c.validTo)
        throw new DomainError('overlapping_period', 'A coverage can be ended earlier, not extended; add a new coverage instead.', { field: 'validTo' });
      await this.repo.closeCoverage(m, id, validTo);
      await this.audit.record(m, ctx, { action: 'unit_coverage.closed', targetType: 'unit_coverage', targetId: id, unitId: c.unitId, change: { before: c.validTo, after: validTo } });
      return { ...c, validTo };
    });
    this.changes.emit();
    return row;
  }
}
