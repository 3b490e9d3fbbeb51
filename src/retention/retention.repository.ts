import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { RequestContext } from '../common/request-context';

export interface RetentionCandidate {
  id: string;
  unitId: string;
  dataKeyId: string;
  status: string;
  category: string;
  outcome: string | null;
  closedAt: Date | null;
  legalHold: boolean;
}

const COLUMNS = `c.id, c.unit_id, c.data_key_id, c.status, c.category, c.outcome, c.closed_at, c.legal_hold`;
const toCandidate = (r: Record<string, unknown>): RetentionCandidate => ({
  id: r.id as string,
  unitId: r.unit_id as string,
  dataKeyId: r.data_key_id as string,
  status: r.status as string,
  category: r.category as string,
  outcome: r.outcome as string | null,
  closedAt: r.closed_at as Date | null,
  legalHold: r.legal_hold as boolean,
});

/** Reads `cases` (owned by src/cases) for retention; the purge itself goes through CryptoService. */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get dataSource(): DataSource {
    return this.ds;
  }

  /**
   * Closed cases not on legal hold whose key is still live and that closed before `closedBefore`,
   * in id order after `afterId` (keyset pagination). The policy (retention-policy.ts) decides.
   */
  async findCandidates(closedBefore: Date, afterId: string | null, limit: number): Promise<RetentionCandidate[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${COLUMNS}
         FROM cases c JOIN data_keys k ON k.id = c.data_key_id
        WHERE c.status = 'closed' AND NOT c.legal_hold AND c.closed_at <= $1
          AND k.wrapped_key IS NOT NULL
          AND ($2::uuid IS NULL OR c.id > $2::uuid)
        ORDER BY c.id
        LIMIT $3`,
      [closedBefore, afterId, limit],
    );
    return rows.map(toCandidate);
  }

  async countCandidates(closedBefore: Date): Promise<number> {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM cases c JOIN data_keys k ON k.id = c.data_key_id
        WHERE c.status = 'closed' AND NOT c.legal_hold AND c.closed_at <= $1 AND k.wrapped_key IS NOT NULL`,
      [closedBefore],
    );
    return n;
  }

  /** The case, locked against concurrent changes (legal hold, reopening) until the purge commits. */
  async lockCase(manager: EntityManager, id: string): Promise<RetentionCandidate | null> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${COLUMNS} FROM cases c WHERE c.id = $1 FOR UPDATE`, [id]);
    return rows.length === 0 ? null : toCandidate(rows[0]);
  }

  /** The case with this reference, locked like `lockCase`. */
  async lockCaseByReference(manager: EntityManager, reference: string): Promise<(RetentionCandidate & { reference: string }) | null> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${COLUMNS}, c.reference FROM cases c WHERE c.reference = $1 FOR UPDATE`, [reference]);
    return rows.length === 0 ? null : { ...toCandidate(rows[0]), reference: rows[0].reference as string };
  }

  async setLegalHold(manager: EntityManager, caseId: string, hold: boolean): Promise<void> {
    await manager.query('UPDATE cases SET legal_hold = $2 WHERE id = $1', [caseId, hold]);
  }

  /** A retention event (purged, legal hold) on the case's timeline (case_events, owned by src/cases): codes and ids only, no content. */
  async insertCaseEvent(manager: EntityManager, ctx: RequestContext, caseId: string, type: string, metadata: Record<string, unknown>): Promise<void> {
    const actorId = 'id' in ctx.actor && ctx.actor.id ? ctx.actor.id : null;
    await manager.query(
      `INSERT INTO case_events (id, case_id, type, actor_type, actor_id, at, metadata) VALUES ($1, $2, $3, $4, $5, now(), $6)`,
      [randomUUID(), caseId, type, ctx.actor.type, actorId, metadata],
    );
  }

  /** A session-level advisory lock on its own connection: one retention run across all instances. */
  async tryExclusive(name: string): Promise<QueryRunner | null> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name]);
      if (locked) return runner;
    } catch (e) {
      await runner.release();
      throw e;
    }
    await runner.release();
    return null;
  }

  async releaseExclusive(runner: QueryRunner, name: string): Promise<void> {
    try {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    } finally {
      await runner.release();
    }
  }
}
