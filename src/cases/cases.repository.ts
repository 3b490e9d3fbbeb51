import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ScopedCase } from '../access/scoped';
import { UnitScope } from '../access/unit-scope';
import { hotRead } from '../common/hot-read';
import { CaseEventEntity } from './case-event.entity';
import { CaseMessageEntity } from './case-message.entity';
import { QueueCursor, QueueSort } from './case-queue';
import type { CaseStatus, Priority } from './case-transitions';
import { CaseEntity } from './case.entity';
import { patchAssignments } from './case-patch-sql';

/** An open case as the routing drift report sees it. */
export interface OpenCaseRoute {
  id: string;
  reference: string;
  category: string;
  localityCode: string | null;
  unitId: string;
  localPoliceInvolved: boolean;
}

export interface QueueFilters {
  statuses?: CaseStatus[];
  categories?: string[];
  localityCode?: string;
  priorities?: Priority[];
  deadlineBefore?: Date;
  assigneeId?: string;
  unassigned?: boolean;
  hotspotId?: string;
  possiblyRelated?: boolean;
}

export interface QueueRow {
  id: string;
  reference: string;
  status: CaseStatus;
  category: string;
  localityCode: string | null;
  priority: Priority;
  priorityRank: number;
  createdAt: Date;
  nextDeadlineAt: Date | null;
  breachFlagged: boolean;
  assigneeId: string | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  possiblyRelated: boolean;
  replyWaiting: boolean;
  hotspotId: string | null;
  version: number;
}

/** Columns a case may change through an action (never id, reference, data key, created_at). */
export type CasePatch = Partial<
  Pick<
    CaseEntity,
    | 'unitId'
    | 'assigneeId'
    | 'status'
    | 'outcome'
    | 'actionTaken'
    | 'replyWaiting'
    | 'hotspotId'
    | 'duplicateOf'
    | 'claimedBy'
    | 'claimedUntil'
    | 'acknowledgedAt'
    | 'verificationStartedAt'
    | 'actionedAt'
    | 'closedAt'
    | 'reopenedAt'
    | 'transferredAt'
    | 'stageStartedAt'
    | 'nextDeadlineAt'
  >
>;

/** What retention needs of a case (statistics only, never content). */
export interface RetentionCandidate {
  id: string;
  reference: string;
  unitId: string;
  dataKeyId: string;
  status: string;
  category: string;
  outcome: string | null;
  closedAt: Date | null;
  legalHold: boolean;
}

const RETENTION_COLUMNS = `c.id, c.reference, c.unit_id, c.data_key_id, c.status, c.category, c.outcome, c.closed_at, c.legal_hold`;
const toRetentionCandidate = (r: Record<string, unknown>): RetentionCandidate => ({
  id: r.id as string,
  reference: r.reference as string,
  unitId: r.unit_id as string,
  dataKeyId: r.data_key_id as string,
  status: r.status as string,
  category: r.category as string,
  outcome: r.outcome as string | null,
  closedAt: r.closed_at as Date | null,
  legalHold: r.legal_hold as boolean,
});

function requireScope(scope: UnitScope): void {
  // UnitScope refuses to be empty; this catches a caller that passed something else.
  if (!(scope instanceof UnitScope) || scope.unitIds.length === 0) throw new Error('a non-empty UnitScope is required');
}

/** `c.unit_id` restricted to the scope: `=` for one unit (so the queue index orders the scan), `ANY` otherwise. */
function scopeClause(scope: UnitScope, params: unknown[], column = 'c.unit_id'): string {
  requireScope(scope);
  if (scope.unitIds.length === 1) {
    params.push(scope.unitIds[0]);
    return `${column} = $${params.length}::uuid`;
  }
  params.push([...scope.unitIds]);
  return `${column} = ANY($${params.length}::uuid[])`;
}

/**
 * Each sort's key, one SQL expression per column (the deadline's COALESCE has a comma of its own,
 * so the list is never a string to split), with the cursor value's cast for each.
 */
const QUEUE_ORDER: Record<QueueSort, { columns: string[]; casts: string[] }> = {
  deadline: { columns: [`COALESCE(c.next_deadline_at, 'infinity'::timestamptz)`, 'c.id'], casts: ['timestamptz', 'uuid'] },
  priority: { columns: ['c.priority_rank', 'c.created_at', 'c.id'], casts: ['smallint', 'timestamptz', 'uuid'] },
  age: { columns: ['c.created_at', 'c.id'], casts: ['timestamptz', 'uuid'] },
};

/** The queue's SQL (exported so bench/queue.ts explains exactly what the API runs). */
/**
 * `backward`: the rows just BEFORE the cursor, nearest first (reversed order, `<`; the caller puts
 * them back in queue order): the previous page of keyset paging, on the same index.
 */
export function buildQueueQuery(scope: UnitScope, filters: QueueFilters, sort: QueueSort, cursor: QueueCursor | null, limit: number, backward = false): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const where: string[] = [scopeClause(scope, params)];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filters.statuses?.length) add((p) => `c.status = ANY(${p}::text[])`, filters.statuses);
    else where.push(`c.status <> 'closed'`);
    if (filters.categories?.length) add((p) => `c.category = ANY(${p}::text[])`, filters.categories);
    if (filters.localityCode) add((p) => `c.locality_code = ${p}`, filters.localityCode);
    if (filters.priorities?.length) add((p) => `c.priority = ANY(${p}::text[])`, filters.priorities);
    if (filters.deadlineBefore) add((p) => `c.next_deadline_at < ${p}`, filters.deadlineBefore);
    if (filters.assigneeId) add((p) => `c.assignee_id = ${p}::uuid`, filters.assigneeId);
    if (filters.unassigned) where.push('c.assignee_id IS NULL');
    if (filters.hotspotId) add((p) => `c.hotspot_id = ${p}::uuid`, filters.hotspotId);
    if (filters.possiblyRelated !== undefined) add((p) => `c.possibly_related = ${p}`, filters.possiblyRelated);
    const order = QUEUE_ORDER[sort];
    if (cursor) {
      const placeholders = cursor.key.map((v, i) => {
        params.push(v);
        return `$${params.length}::${order.casts[i]}`;
      });
      where.push(`(${order.columns.join(', ')}) ${backward ? '<' : '>'} (${placeholders.join(', ')})`);
    }
    params.push(limit);
    const sql = `SELECT c.id, c.reference, c.status, c.category, c.locality_code, c.priority, c.priority_rank, c.created_at,
              c.next_deadline_at, c.breach_flagged, c.assignee_id, c.claimed_by,
              c.claimed_until, c.possibly_related, c.reply_waiting, c.hotspot_id, c.version
         FROM cases c
        WHERE ${where.join(' AND ')}
        ORDER BY ${order.columns.map((c) => (backward ? `${c} DESC` : c)).join(', ')}
        LIMIT $${params.length}`;
    return { sql, params };
}

/**
 * The only code that touches cases, case_events and case_messages, and no other table (staff
 * names, place names and hotspots come from their features' services). Every method that reads
 * or writes one case's content or children takes the access kernel's ScopedCase (src/access);
 * lists take its UnitScope. The unscoped methods serve intake (a case being opened), retention
 * (a system job) and say so.
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  // ----- intake (a case being opened) -----

  /**
   * Inserts the case unless its reference is taken (ON CONFLICT DO NOTHING: the id is a fresh
   * UUID, so the unique reference is the one key that can clash; no error, so the caller's
   * transaction stays clean); false when taken. One statement, no check first.
   */
  async insertCaseUnlessReferenceTaken(manager: EntityManager, row: CaseEntity): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(CaseEntity)
      .values(row as QueryDeepPartialEntity<CaseEntity>)
      .orIgnore()
      .returning('id')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  /** The id of the case with this reference (no content, no scope: see CasesService.idForReference). */
  async idByReference(manager: EntityManager, reference: string): Promise<string | null> {
    const row = await manager.getRepository(CaseEntity).findOne({ where: { reference }, select: { id: true } });
    return row?.id ?? null;
  }

  async insertCase(manager: EntityManager, row: CaseEntity): Promise<void> {
    await manager.getRepository(CaseEntity).insert(row as QueryDeepPartialEntity<CaseEntity>);
  }

  /**
   * Is there an open case of this unit, commune and category opened since `since`? (Marks a new
   * case "possibly related"; only the receiving unit's own cases count, so the flag reveals
   * nothing about other units.)
   */
  async hasOpenRelated(manager: EntityManager, unitId: string, localityCode: string, category: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM cases c WHERE c.locality_code = $1 AND c.category = $2 AND c.unit_id = $3 AND c.status <> 'closed' AND c.created_at >= $4 LIMIT 1`,
      [localityCode, category, unitId, since],
    );
    return rows.length > 0;
  }

  // ----- one case, through its handle -----

  /** The whole case row. */
  /** The case's deadline as the clocks left it (after they moved in this transaction). */
  async nextDeadlineOf(sc: ScopedCase, manager: EntityManager): Promise<Date | null> {
    const rows: { next_deadline_at: Date | null }[] = await manager.query('SELECT next_deadline_at FROM cases WHERE id = $1', [sc.id]);
    return rows[0]?.next_deadline_at ?? null;
  }

  /**
   * The whole case if it is one of `unitIds`' (the access kernel's inCaseRow proves scope with
   * it), optionally locked: one statement, mapped through the entity's column list, no query
   * builder. Null when absent or out of scope.
   */
  async loadInUnits(m: EntityManager, caseId: string, unitIds: readonly string[], lock: boolean): Promise<CaseEntity | null> {
    const rows: Record<string, unknown>[] = await m.query(`SELECT * FROM cases WHERE id = $1 AND unit_id = ANY($2::uuid[])${lock ? ' FOR UPDATE' : ''}`, [caseId, [...unitIds]]);
    return rows.length === 0 ? null : this.caseFromRow(rows[0]);
  }

  private caseColumns?: { property: string; column: string }[];

  /** A cases row (node-postgres types) as a CaseEntity, by the entity's own column metadata. */
  private caseFromRow(row: Record<string, unknown>): CaseEntity {
    this.caseColumns ??= this.dataSource.getMetadata(CaseEntity).columns.map((c) => {
      if (c.transformer) throw new Error(`caseFromRow: column ${c.databaseName} has a transformer; map it here`);
      return { property: c.propertyName, column: c.databaseName };
    });
    const c = new CaseEntity();
    const target = c as unknown as Record<string, unknown>;
    for (const { property, column } of this.caseColumns) target[property] = row[column];
    return c;
  }

  async load(sc: ScopedCase, manager: EntityManager): Promise<CaseEntity> {
    const c = await manager.getRepository(CaseEntity).findOneBy({ id: sc.id, unitId: sc.unitId });
    if (!c) throw new Error('load: the scoped case vanished inside its transaction');
    return c;
  }

  /**
   * Applies `patch` if the case still has `expectedVersion` and is still the handle's unit's,
   * bumping the version. False when another change won the race (the caller answers 409).
   */
  async updateVersioned(sc: ScopedCase, manager: EntityManager, expectedVersion: number, patch: CasePatch): Promise<boolean> {
    return (await this.updateVersionedReturningDeadline(sc, manager, expectedVersion, patch)).updated;
  }

  /**
   * updateVersioned in one hand-written statement, also returning what the executor would
   * otherwise read again: the case's next_deadline_at as the updated row has it (read under the
   * row lock the update takes), and whether the case has an open clock (running, paused or
   * breached) — with none, ClocksService.onCaseEvent has nothing to meet or cancel and is skipped.
   * (A case gains open clocks only at intake and in a transfer or reopening, both versioned actions
   * on this row: one running concurrently holds the row lock and bumps the version, so this update
   * then matches no row and answers a version conflict rather than a stale "no open clock".)
   */
  async updateVersionedReturningDeadline(
    sc: ScopedCase,
    manager: EntityManager,
    expectedVersion: number,
    patch: CasePatch,
  ): Promise<{ updated: boolean; nextDeadlineAt: Date | null; hasOpenClocks: boolean }> {
    const meta = manager.connection.getMetadata(CaseEntity);
    const set = patchAssignments(patch, (p) => meta.findColumnWithPropertyName(p)?.databaseName, 4);
    const result: unknown = await manager.query(
      `UPDATE "cases" SET ${[...set.sql, '"updated_at" = now()', '"version" = "version" + 1'].join(', ')}
        WHERE "id" = $1 AND "unit_id" = $2 AND "version" = $3
        RETURNING "next_deadline_at" AS "nextDeadlineAt",
          EXISTS (SELECT 1 FROM "case_clocks" k WHERE k."case_id" = "cases"."id" AND k."status" IN ('running', 'paused', 'breached')) AS "hasOpenClocks"`,
      [sc.id, sc.unitId, expectedVersion, ...set.params],
    );
    // TypeORM answers an UPDATE with [rows, rowCount]
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : []) as { nextDeadlineAt: Date | null; hasOpenClocks: boolean }[];
    return { updated: rows.length === 1, nextDeadlineAt: rows[0]?.nextDeadlineAt ?? null, hasOpenClocks: rows[0]?.hasOpenClocks ?? true };
  }

  /**
   * A change nobody competes on (a claim renewed by its holder's message, "reply waiting"): no
   * version bump. The caller holds the case row lock.
   */
  async updateUnversioned(sc: ScopedCase, manager: EntityManager, patch: Pick<CasePatch, 'claimedUntil' | 'replyWaiting'>, at: Date = new Date()): Promise<void> {
    const set: Pick<CasePatch, 'claimedUntil' | 'replyWaiting'> = {};
    if (patch.claimedUntil !== undefined) set.claimedUntil = patch.claimedUntil;
    if (patch.replyWaiting !== undefined) set.replyWaiting = patch.replyWaiting;
    if (Object.keys(set).length === 0) return;
    await manager.getRepository(CaseEntity).update({ id: sc.id, unitId: sc.unitId }, { ...set, updatedAt: at });
  }

  /** One timeline event of the handle's case (explicit SQL: this runs in every case action). */
  async insertEvent(sc: ScopedCase, manager: EntityManager, event: CaseEventEntity): Promise<void> {
    await manager.query(
      'INSERT INTO case_events (id, case_id, type, actor_type, actor_id, at, metadata, reason) VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7::jsonb, $8)',
      [event.id, sc.id, event.type, event.actorType, event.actorId ?? null, event.at ?? null, JSON.stringify(event.metadata ?? {}), event.reason ?? null],
    );
  }

  async insertMessage(sc: ScopedCase, manager: EntityManager, message: CaseMessageEntity): Promise<void> {
    await manager.getRepository(CaseMessageEntity).insert({ ...message, caseId: sc.id } as QueryDeepPartialEntity<CaseMessageEntity>);
  }

  /** The timeline, oldest first; `types` narrows it (the tipster sees only some). */
  async listEvents(sc: ScopedCase, manager: EntityManager, types?: readonly string[]): Promise<CaseEventEntity[]> {
    const qb = manager
      .getRepository(CaseEventEntity)
      .createQueryBuilder('e')
      .where('e.case_id = :caseId', { caseId: sc.id })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC');
    if (types) qb.andWhere('e.type IN (:...types)', { types: types.length ? [...types] : [''] });
    return qb.getMany();
  }

  async listMessages(sc: ScopedCase, manager: EntityManager, tipsterVisibleOnly: boolean): Promise<CaseMessageEntity[]> {
    const qb = manager
      .getRepository(CaseMessageEntity)
      .createQueryBuilder('m')
      .where('m.case_id = :caseId', { caseId: sc.id })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (tipsterVisibleOnly) qb.andWhere(`m.visibility = 'tipster'`);
    return qb.getMany();
  }

  // ----- retention (unscoped by design: a system job over every unit) -----

  /**
   * Closed cases not on legal hold and not yet purged that closed before `closedBefore`, in id
   * order after `afterId` (keyset pagination). The retention policy decides which are due.
   */
  /**
   * A page of open cases with what routing needs (keyset on id), for the drift report. The tips'
   * local-police flag comes in the same query (a lateral join on tips) rather than case by case
   * through TipsRepository: one query per page instead of one per case.
   */
  async openCasesForRouting(afterId: string | null, limit: number): Promise<OpenCaseRoute[]> {
    return this.dataSource.query(
      `SELECT c.id, c.reference, c.category, c.locality_code AS "localityCode", c.unit_id AS "unitId",
              COALESCE(t.flagged, false) AS "localPoliceInvolved"
       FROM cases c
       LEFT JOIN LATERAL (SELECT bool_or(local_police_involved) AS flagged FROM tips WHERE tips.case_id = c.id) t ON true
       WHERE c.status <> 'closed' AND ($1::uuid IS NULL OR c.id > $1::uuid)
       ORDER BY c.id LIMIT $2`,
      [afterId, limit],
    );
  }

  async retentionCandidates(closedBefore: Date, afterId: string | null, limit: number): Promise<RetentionCandidate[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${RETENTION_COLUMNS} FROM cases c
        WHERE c.status = 'closed' AND NOT c.legal_hold AND c.purged_at IS NULL AND c.closed_at <= $1
          AND ($2::uuid IS NULL OR c.id > $2::uuid)
        ORDER BY c.id
        LIMIT $3`,
      [closedBefore, afterId, limit],
    );
    return rows.map(toRetentionCandidate);
  }

  async countRetentionCandidates(closedBefore: Date): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c WHERE c.status = 'closed' AND NOT c.legal_hold AND c.purged_at IS NULL AND c.closed_at <= $1`,
      [closedBefore],
    );
    return n;
  }

  /** The case by id or by reference, locked against concurrent changes (legal hold, reopening) until the transaction ends. */
  async lockForRetention(manager: EntityManager, by: { id: string } | { reference: string }): Promise<RetentionCandidate | null> {
    const [column, value] = 'id' in by ? ['c.id', by.id] : ['c.reference', by.reference];
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${RETENTION_COLUMNS} FROM cases c WHERE ${column} = $1 FOR UPDATE`, [value]);
    return rows.length === 0 ? null : toRetentionCandidate(rows[0]);
  }

  async setLegalHold(manager: EntityManager, caseId: string, hold: boolean): Promise<void> {
    await manager.query('UPDATE cases SET legal_hold = $2 WHERE id = $1', [caseId, hold]);
  }

  async markPurged(manager: EntityManager, caseId: string, at: Date): Promise<void> {
    await manager.query('UPDATE cases SET purged_at = $2 WHERE id = $1', [caseId, at]);
  }

  // ----- lists -----

  /**
   * The cases whose `opened` timeline event names this staff member as the actor since `since`:
   * what a hotline operator filed. Scoped by actor instead of unit (an operator reads no unit's
   * cases); only reference, category, place and time, never content.
   */
  async listOpenedBy(staffId: string, since: Date): Promise<{ reference: string; category: string; localityCode: string | null; filedAt: Date }[]> {
    if (!staffId) throw new Error('listOpenedBy needs a staff id');
    const rows: { reference: string; category: string; locality_code: string | null; at: Date }[] = await this.dataSource.query(
      `SELECT c.reference, c.category, c.locality_code, e.at
         FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.type = 'opened' AND e.actor_type = 'staff' AND e.actor_id = $1 AND e.at >= $2
        ORDER BY e.at, c.reference`,
      [staffId, since],
    );
    return rows.map((r) => ({ reference: r.reference, category: r.category, localityCode: r.locality_code, filedAt: r.at }));
  }

  /**
   * The unit's queue page: explicit SQL so that each sort walks its index
   * (unit_id, sort key..., id) and a page costs the same at any depth (keyset, no OFFSET). Only
   * the columns the page shows or pages by; a named prepared statement on the pool
   * (src/common/hot-read.ts), one per shape of filters and sort.
   */
  async queue(scope: UnitScope, filters: QueueFilters, sort: QueueSort, cursor: QueueCursor | null, limit: number, backward = false): Promise<QueueRow[]> {
    const { sql, params } = buildQueueQuery(scope, filters, sort, cursor, limit, backward);
    const rows = await hotRead<Record<string, unknown>>(this.dataSource, sql, params);
    return rows.map((r) => ({
      id: r.id as string,
      reference: r.reference as string,
      status: r.status as CaseStatus,
      category: r.category as string,
      localityCode: (r.locality_code as string | null) ?? null,
      priority: r.priority as Priority,
      priorityRank: Number(r.priority_rank),
      createdAt: r.created_at as Date,
      nextDeadlineAt: (r.next_deadline_at as Date | null) ?? null,
      breachFlagged: r.breach_flagged === true,
      assigneeId: (r.assignee_id as string | null) ?? null,
      claimedBy: (r.claimed_by as string | null) ?? null,
      claimedUntil: (r.claimed_until as Date | null) ?? null,
      possiblyRelated: r.possibly_related as boolean,
      replyWaiting: r.reply_waiting as boolean,
      hotspotId: (r.hotspot_id as string | null) ?? null,
      version: Number(r.version),
    }));
  }
}
