import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UnitScope } from '../auth/unit-scope';
import { CaseEventEntity } from './case-event.entity';
import { CaseMessageEntity } from './case-message.entity';
import { QueueCursor, QueueSort } from './case-queue';
import type { CaseStatus, Priority } from './case-transitions';
import { CaseEntity } from './case.entity';

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
  /** The locality's (latest) full name, when the code is known. */
  placeName: string | null;
  priority: Priority;
  priorityRank: number;
  createdAt: Date;
  stageStartedAt: Date;
  nextDeadlineAt: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
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

const QUEUE_ORDER: Record<QueueSort, { key: string; order: string; casts: string[] }> = {
  deadline: {
    key: `(COALESCE(c.next_deadline_at, 'infinity'::timestamptz), c.id)`,
    order: `COALESCE(c.next_deadline_at, 'infinity'::timestamptz), c.id`,
    casts: ['timestamptz', 'uuid'],
  },
  priority: {
    key: '(c.priority_rank, c.created_at, c.id)',
    order: 'c.priority_rank, c.created_at, c.id',
    casts: ['smallint', 'timestamptz', 'uuid'],
  },
  age: { key: '(c.created_at, c.id)', order: 'c.created_at, c.id', casts: ['timestamptz', 'uuid'] },
};

/** The queue's SQL (exported so bench/queue.ts explains exactly what the API runs). */
export function buildQueueQuery(scope: UnitScope, filters: QueueFilters, sort: QueueSort, cursor: QueueCursor | null, limit: number): { sql: string; params: unknown[] } {
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
      where.push(`${order.key} > (${placeholders.join(', ')})`);
    }
    params.push(limit);
    const sql = `SELECT c.id, c.reference, c.status, c.category, c.locality_code, c.priority, c.priority_rank, c.created_at,
              c.stage_started_at, c.next_deadline_at, c.assignee_id, s.display_name AS assignee_name, c.claimed_by,
              c.claimed_until, c.possibly_related, c.reply_waiting, c.hotspot_id, c.version, place.full_name AS place_name
         FROM cases c LEFT JOIN staff_accounts s ON s.id = c.assignee_id
         LEFT JOIN LATERAL (SELECT l.full_name FROM localities l WHERE l.code = c.locality_code ORDER BY l.valid_from DESC LIMIT 1) place ON true
        WHERE ${where.join(' AND ')}
        ORDER BY ${order.order}
        LIMIT $${params.length}`;
    return { sql, params };
}

/**
 * The only code that touches cases, case_events and case_messages. Staff reads take the
 * caller's UnitScope first; the unscoped methods serve intake and the tipster (who proved a
 * receipt) and say so in their names.
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  // ----- intake / tipster (unscoped by design) -----

  async referenceExists(manager: EntityManager, reference: string): Promise<boolean> {
    return (await manager.getRepository(CaseEntity).countBy({ reference })) > 0;
  }

  async insertCase(manager: EntityManager, row: CaseEntity): Promise<void> {
    await manager.getRepository(CaseEntity).insert(row as QueryDeepPartialEntity<CaseEntity>);
  }

  /**
   * Is there an open case of the same commune and category opened since `since`, or a hotspot of
   * the commune that is active or changed since `since`? (Marks a new case "possibly related".)
   */
  async hasRelatedForIntake(manager: EntityManager, localityCode: string, category: string, since: Date): Promise<boolean> {
    const rows: { related: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM cases c WHERE c.locality_code = $1 AND c.category = $2 AND c.status <> 'closed' AND c.created_at >= $3)
           OR EXISTS (SELECT 1 FROM hotspots h WHERE h.locality_code = $1 AND (h.status <> 'dismantled' OR h.status_changed_at >= $3)) AS related`,
      [localityCode, category, since],
    );
    return rows[0]?.related === true;
  }

  /** A case by id for the tipster path (the receipt already proved the right to it). */
  async findForTipster(manager: EntityManager, caseId: string, lock = false): Promise<CaseEntity | null> {
    const qb = manager.getRepository(CaseEntity).createQueryBuilder('c').where('c.id = :caseId', { caseId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async listTipsterEvents(manager: EntityManager, caseId: string, types: readonly string[]): Promise<CaseEventEntity[]> {
    return manager
      .getRepository(CaseEventEntity)
      .createQueryBuilder('e')
      .where('e.case_id = :caseId AND e.type IN (:...types)', { caseId, types })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  async listMessages(manager: EntityManager, caseId: string, tipsterVisibleOnly: boolean): Promise<CaseMessageEntity[]> {
    const qb = manager
      .getRepository(CaseMessageEntity)
      .createQueryBuilder('m')
      .where('m.case_id = :caseId', { caseId })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (tipsterVisibleOnly) qb.andWhere(`m.visibility = 'tipster'`);
    return qb.getMany();
  }

  async insertEvent(manager: EntityManager, event: CaseEventEntity): Promise<void> {
    await manager.getRepository(CaseEventEntity).insert(event as QueryDeepPartialEntity<CaseEventEntity>);
  }

  async insertMessage(manager: EntityManager, message: CaseMessageEntity): Promise<void> {
    await manager.getRepository(CaseMessageEntity).insert(message as QueryDeepPartialEntity<CaseMessageEntity>);
  }

  /** Marks a tipster's reply as waiting; not a change an officer competes on, so the version stays. */
  /** Extends the claim its holder already has (a message is activity; it bumps no version). */
  async renewClaim(manager: EntityManager, caseId: string, holderId: string, until: Date): Promise<void> {
    await manager.getRepository(CaseEntity).update({ id: caseId, claimedBy: holderId }, { claimedUntil: until });
  }

  async markReplyWaiting(manager: EntityManager, caseId: string, waiting: boolean, at: Date = new Date()): Promise<void> {
    await manager.getRepository(CaseEntity).update({ id: caseId }, { replyWaiting: waiting, updatedAt: at });
  }

  // ----- staff (scoped) -----

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
   * A case of the scope, or null (other units' cases are indistinguishable from missing ones).
   * `lock` holds the row until the transaction ends (for writes that bump no version, like messages).
   */
  async findScoped(scope: UnitScope, manager: EntityManager, caseId: string, lock = false): Promise<CaseEntity | null> {
    requireScope(scope);
    const qb = manager
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.id = :caseId', { caseId })
      .andWhere('c.unit_id IN (:...unitIds)', { unitIds: [...scope.unitIds] });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * Applies `patch` if the case still has `expectedVersion` and is still in the scope, bumping the
   * version. False when another change won the race (the caller answers 409).
   */
  async updateVersioned(scope: UnitScope, manager: EntityManager, caseId: string, expectedVersion: number, patch: CasePatch): Promise<boolean> {
    requireScope(scope);
    const result = await manager
      .createQueryBuilder()
      .update(CaseEntity)
      .set({ ...patch, updatedAt: () => 'now()', version: () => 'version + 1' })
      .where('id = :caseId AND version = :expectedVersion', { caseId, expectedVersion })
      .andWhere('unit_id IN (:...unitIds)', { unitIds: [...scope.unitIds] })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async listEvents(scope: UnitScope, manager: EntityManager, caseId: string): Promise<CaseEventEntity[]> {
    requireScope(scope);
    return manager
      .getRepository(CaseEventEntity)
      .createQueryBuilder('e')
      .innerJoin(CaseEntity, 'c', 'c.id = e.case_id')
      .where('e.case_id = :caseId', { caseId })
      .andWhere('c.unit_id IN (:...unitIds)', { unitIds: [...scope.unitIds] })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  /** Names of staff members (for the timeline and the claim holder). */
  async staffNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; display_name: string }[] = await manager.query(
      'SELECT id, display_name FROM staff_accounts WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** A staff member of exactly this unit who may be assigned (active officer or unit lead). */
  async isAssignableStaff(manager: EntityManager, staffId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM staff_accounts WHERE id = $1 AND unit_id = $2 AND active AND disabled_at IS NULL AND role IN ('officer', 'unit_lead')`,
      [staffId, unitId],
    );
    return rows.length > 0;
  }

  async hotspotInScope(scope: UnitScope, manager: EntityManager, hotspotId: string): Promise<boolean> {
    const params: unknown[] = [hotspotId];
    const rows: unknown[] = await manager.query(`SELECT 1 FROM hotspots h WHERE h.id = $1 AND ${scopeClause(scope, params, 'h.unit_id')}`, params);
    return rows.length > 0;
  }

  /** A unit that exists and is in force on `day` (YYYY-MM-DD): a case must not go to a dissolved or future unit. */
  async unitInForce(manager: EntityManager, unitId: string, day: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM units WHERE id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)',
      [unitId, day],
    );
    return rows.length > 0;
  }

  /**
   * The unit's queue page: explicit SQL so that each sort walks its index
   * (unit_id, sort key..., id) and a page costs the same at any depth (keyset, no OFFSET).
   */
  async queue(scope: UnitScope, filters: QueueFilters, sort: QueueSort, cursor: QueueCursor | null, limit: number): Promise<QueueRow[]> {
    const { sql, params } = buildQueueQuery(scope, filters, sort, cursor, limit);
    const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
    return rows.map((r) => ({
      id: r.id as string,
      reference: r.reference as string,
      status: r.status as CaseStatus,
      category: r.category as string,
      localityCode: (r.locality_code as string | null) ?? null,
      placeName: (r.place_name as string | null) ?? null,
      priority: r.priority as Priority,
      priorityRank: Number(r.priority_rank),
      createdAt: r.created_at as Date,
      stageStartedAt: r.stage_started_at as Date,
      nextDeadlineAt: (r.next_deadline_at as Date | null) ?? null,
      assigneeId: (r.assignee_id as string | null) ?? null,
      assigneeName: (r.assignee_name as string | null) ?? null,
      claimedBy: (r.claimed_by as string | null) ?? null,
      claimedUntil: (r.claimed_until as Date | null) ?? null,
      possiblyRelated: r.possibly_related as boolean,
      replyWaiting: r.reply_waiting as boolean,
      hotspotId: (r.hotspot_id as string | null) ?? null,
      version: Number(r.version),
    }));
  }
}
