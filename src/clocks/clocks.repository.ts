import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UnitScope } from '../access/unit-scope';
import { CaseClockEntity } from './case-clock.entity';
import { ClockEventEntity } from './clock-event.entity';
import { ClockPolicyEntity } from './clock-policy.entity';

/** A clock the sweep just claimed (breach or escalation step), with what notices need. */
export interface SweptClock {
  id: string;
  caseId: string;
  kind: string;
  legal: boolean;
  dueAt: Date | null;
  escalationLevel: number;
  caseReference: string;
  unitId: string;
}

export interface AtRiskRow {
  clockId: string;
  caseId: string;
  reference: string;
  unitId: string;
  kind: string;
  legal: boolean;
  dueAt: Date;
  status: string;
}

/** The only code that touches clock_policies, case_clocks and clock_events (and cases.next_deadline_at / breach_flagged). */
@Injectable()
export class ClocksRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  // ----- policies -----

  async policiesInForce(m: EntityManager, at: Date): Promise<ClockPolicyEntity[]> {
    return m
      .getRepository(ClockPolicyEntity)
      .createQueryBuilder('p')
      .where('p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)', { at })
      .orderBy('p.kind')
      .addOrderBy('p.valid_from')
      .getMany();
  }

  async listPolicies(m: EntityManager): Promise<ClockPolicyEntity[]> {
    return m.getRepository(ClockPolicyEntity).createQueryBuilder('p').orderBy('p.kind').addOrderBy('p.category', 'ASC', 'NULLS FIRST').addOrderBy('p.priority', 'ASC', 'NULLS FIRST').addOrderBy('p.valid_from').getMany();
  }

  async findPolicy(m: EntityManager, id: string, lock = false): Promise<ClockPolicyEntity | null> {
    const qb = m.getRepository(ClockPolicyEntity).createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async insertPolicy(m: EntityManager, p: ClockPolicyEntity): Promise<void> {
    await m.getRepository(ClockPolicyEntity).insert(p as QueryDeepPartialEntity<ClockPolicyEntity>);
  }

  /** Ends a policy row's period (the only change a policy row ever gets). */
  async closePolicy(m: EntityManager, id: string, validTo: Date): Promise<void> {
    await m.getRepository(ClockPolicyEntity).update({ id }, { validTo });
  }

  /**
   * Policy versions that have taken effect while open clocks still run on the version they
   * replaced (a change dated in the future, now reached): [old id, new id] pairs.
   */
  async supersededWithOpenClocks(m: EntityManager, now: Date): Promise<{ fromId: string; toId: string }[]> {
    const rows: { from_id: string; to_id: string }[] = await m.query(
      `SELECT o.id AS from_id, n.id AS to_id
         FROM clock_policies o
         JOIN clock_policies n ON n.kind = o.kind AND n.category IS NOT DISTINCT FROM o.category AND n.priority IS NOT DISTINCT FROM o.priority
                              AND n.valid_from = o.valid_to
        WHERE o.valid_to IS NOT NULL AND o.valid_to <= $1
          AND EXISTS (SELECT 1 FROM case_clocks k WHERE k.policy_id = o.id AND k.status IN ('running', 'paused', 'breached'))`,
      [now],
    );
    return rows.map((r) => ({ fromId: r.from_id, toId: r.to_id }));
  }

  async unitKind(m: EntityManager, unitId: string): Promise<string | null> {
    const rows: { kind: string }[] = await m.query('SELECT kind FROM units WHERE id = $1', [unitId]);
    return rows[0]?.kind ?? null;
  }

  // ----- clocks -----

  async insertClock(m: EntityManager, c: CaseClockEntity): Promise<void> {
    await m.getRepository(CaseClockEntity).insert(c as QueryDeepPartialEntity<CaseClockEntity>);
  }

  /** A case's new clocks in one statement (a tip starts two or three). */
  async insertClocks(m: EntityManager, clocks: CaseClockEntity[]): Promise<void> {
    if (clocks.length === 0) return;
    await m.getRepository(CaseClockEntity).insert(clocks as QueryDeepPartialEntity<CaseClockEntity>[]);
  }

  /** Clock events in one statement (the sweep writes thousands at a time). */
  async insertEvents(m: EntityManager, events: ClockEventEntity[]): Promise<void> {
    if (events.length === 0) return;
    await m.query(
      `INSERT INTO clock_events (id, clock_id, case_id, type, at, reason, legal_reference, actor_id, details)
       SELECT id, clock_id, case_id, type, at, reason, legal_reference, actor_id, COALESCE(details, '{}')
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, clock_id uuid, case_id uuid, type text, at timestamptz, reason text, legal_reference text, actor_id uuid, details jsonb)`,
      [
        JSON.stringify(
          events.map((e) => ({ id: e.id, clock_id: e.clockId, case_id: e.caseId, type: e.type, at: e.at.toISOString(), reason: e.reason, legal_reference: e.legalReference, actor_id: e.actorId, details: e.details })),
        ),
      ],
    );
  }

  /** The case's clocks, locked for a change when `lock`. Callers reach this only with a case already read in scope. */
  async clocksOfCase(m: EntityManager, caseId: string, lock = false): Promise<CaseClockEntity[]> {
    const qb = m.getRepository(CaseClockEntity).createQueryBuilder('k').where('k.case_id = :caseId', { caseId }).orderBy('k.started_at').addOrderBy('k.kind');
    if (lock) qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  async eventsOfClocks(m: EntityManager, clockIds: string[]): Promise<ClockEventEntity[]> {
    if (clockIds.length === 0) return [];
    return m.getRepository(ClockEventEntity).createQueryBuilder('e').where('e.clock_id IN (:...clockIds)', { clockIds }).orderBy('e.at').addOrderBy('e.id').getMany();
  }

  /** Open clocks (running, paused, breached) of a policy, locked. */
  async openClocksOfPolicy(m: EntityManager, policyId: string): Promise<CaseClockEntity[]> {
    return m
      .getRepository(CaseClockEntity)
      .createQueryBuilder('k')
      .where(`k.policy_id = :policyId AND k.status IN ('running', 'paused', 'breached')`, { policyId })
      .setLock('pessimistic_write')
      .getMany();
  }

  async updateClock(m: EntityManager, id: string, patch: Partial<CaseClockEntity>): Promise<void> {
    await m.getRepository(CaseClockEntity).update({ id }, patch as QueryDeepPartialEntity<CaseClockEntity>);
  }

  async updateEventDetails(m: EntityManager, id: string, details: Record<string, unknown>): Promise<void> {
    await m.query('UPDATE clock_events SET details = $2 WHERE id = $1', [id, JSON.stringify(details)]);
  }

  /** Keeps the queue's sort key in step: the earliest due time of the case's running or breached clocks. */
  async syncCaseDeadline(m: EntityManager, caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await m.query(
      `UPDATE cases c SET next_deadline_at = (SELECT min(k.due_at) FROM case_clocks k WHERE k.case_id = c.id AND k.status IN ('running', 'breached'))
        WHERE c.id = ANY($1::uuid[])`,
      [caseIds],
    );
  }

  // ----- the sweep -----

  /**
   * The sweep's "anything due?" probe (what bench/clocks.ts explains): the first entry of each
   * partial index (min() over an index's leading column is one index look-up, whatever the
   * statistics say about past due times of met clocks).
   */
  static readonly PROBE_SQL = `SELECT (SELECT min(due_at) FROM case_clocks WHERE status = 'running') <= $1
                                   OR (SELECT min(escalate_at) FROM case_clocks WHERE escalate_at IS NOT NULL) <= $1 AS due`;

  async anythingDue(now: Date): Promise<boolean> {
    const rows: { due: boolean | null }[] = await this.dataSource.query(ClocksRepository.PROBE_SQL, [now]);
    return rows[0]?.due === true;
  }

  /**
   * Claims up to `limit` running clocks past their due time and marks them breached (first
   * escalation step: the unit lead), in the caller's transaction. SKIP LOCKED: another instance's
   * sweep takes other rows; a row is claimed by exactly one committed transaction.
   */
  async claimBreaches(m: EntityManager, now: Date, escalateAt: Date, limit: number): Promise<SweptClock[]> {
    const rows = returned<Record<string, unknown>>(await m.query(ClocksRepository.CLAIM_BREACHES_SQL, [now, escalateAt, limit]));
    return rows.map(toSwept);
  }

  /** $1 now, $2 when the next escalation step is due, $3 batch size (exported for the killed-instance test). */
  static readonly CLAIM_BREACHES_SQL = `WITH due AS (
         SELECT id FROM case_clocks WHERE status = 'running' AND due_at <= $1 ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE case_clocks k SET status = 'breached', breached_at = COALESCE(k.breached_at, $1), escalation_level = 1, escalate_at = $2
         FROM due, cases c
        WHERE k.id = due.id AND c.id = k.case_id
       RETURNING k.id, k.case_id, k.kind, k.legal, k.due_at, k.escalation_level, c.reference, c.unit_id`;

  /** Claims breached clocks whose next escalation step is due (the supervising unit), in the caller's transaction. */
  async claimEscalations(m: EntityManager, now: Date, limit: number): Promise<SweptClock[]> {
    const rows = returned<Record<string, unknown>>(await m.query(
      `WITH due AS (
         SELECT id FROM case_clocks WHERE escalate_at IS NOT NULL AND escalate_at <= $1 ORDER BY escalate_at LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE case_clocks k SET escalation_level = k.escalation_level + 1, escalate_at = NULL
         FROM due, cases c
        WHERE k.id = due.id AND c.id = k.case_id
       RETURNING k.id, k.case_id, k.kind, k.legal, k.due_at, k.escalation_level, c.reference, c.unit_id`,
      [now, limit],
    ));
    return rows.map(toSwept);
  }

  async flagCases(m: EntityManager, caseIds: string[]): Promise<void> {
    if (caseIds.length) await m.query('UPDATE cases SET breach_flagged = true WHERE id = ANY($1::uuid[]) AND NOT breach_flagged', [caseIds]);
  }

  /** Active unit leads of each unit. */
  async unitLeads(m: EntityManager, unitIds: string[]): Promise<Map<string, string[]>> {
    const rows: { unit_id: string; id: string }[] = await m.query(
      `SELECT unit_id, id FROM staff_accounts WHERE unit_id = ANY($1::uuid[]) AND role = 'unit_lead' AND active AND disabled_at IS NULL ORDER BY id`,
      [unitIds],
    );
    return group(rows);
  }

  /** Active supervisors of each unit's supervising units (the units above it in the chain of command). */
  async supervisorsAbove(m: EntityManager, unitIds: string[]): Promise<Map<string, string[]>> {
    const rows: { unit_id: string; id: string }[] = await m.query(
      `WITH RECURSIVE up(unit_id, ancestor, depth) AS (
         SELECT u.id, u.parent_id, 1 FROM units u WHERE u.id = ANY($1::uuid[]) AND u.parent_id IS NOT NULL
         UNION ALL
         SELECT up.unit_id, p.parent_id, up.depth + 1 FROM up JOIN units p ON p.id = up.ancestor WHERE p.parent_id IS NOT NULL AND up.depth < 20
       )
       SELECT DISTINCT up.unit_id, s.id FROM up JOIN staff_accounts s ON s.unit_id = up.ancestor
        WHERE s.role = 'supervisor' AND s.active AND s.disabled_at IS NULL ORDER BY 1, 2`,
      [unitIds],
    );
    return group(rows);
  }

  /** Open clocks of the scope due within the window (or already past due), earliest first. */
  async atRisk(scope: UnitScope, until: Date, limit: number): Promise<AtRiskRow[]> {
    if (!(scope instanceof UnitScope) || scope.unitIds.length === 0) throw new Error('a non-empty UnitScope is required');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT k.id AS clock_id, k.case_id, c.reference, c.unit_id, k.kind, k.legal, k.due_at, k.status
         FROM case_clocks k JOIN cases c ON c.id = k.case_id
        WHERE k.status IN ('running', 'breached') AND k.due_at < $1 AND c.unit_id = ANY($2::uuid[]) AND c.status <> 'closed'
        ORDER BY k.due_at, k.id LIMIT $3`,
      [until, [...scope.unitIds], limit],
    );
    return rows.map((r) => ({
      clockId: r.clock_id as string,
      caseId: r.case_id as string,
      reference: r.reference as string,
      unitId: r.unit_id as string,
      kind: r.kind as string,
      legal: r.legal as boolean,
      dueAt: r.due_at as Date,
      status: r.status as string,
    }));
  }
}

/** TypeORM answers an UPDATE/DELETE … RETURNING through query() as [rows, rowCount]. */
function returned<T>(raw: unknown): T[] {
  return (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as T[];
}

function toSwept(r: Record<string, unknown>): SweptClock {
  return {
    id: r.id as string,
    caseId: r.case_id as string,
    kind: r.kind as string,
    legal: r.legal as boolean,
    dueAt: (r.due_at as Date | null) ?? null,
    escalationLevel: Number(r.escalation_level),
    caseReference: r.reference as string,
    unitId: r.unit_id as string,
  };
}

function group(rows: { unit_id: string; id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.id]);
  return out;
}
