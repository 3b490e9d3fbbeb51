import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SnapRule } from './routing-policy';
import type { UnitsSeed } from './units-seed';

const RULE_COLS = `id, category, scope_level AS "scopeLevel", scope_code AS "scopeCode", target, notify, priority,
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo", description,
  replaces_id AS "replacesId"`;

export type RuleRow = SnapRule & { replacesId: string | null };

/** The only code that touches routing_rules and routing_state (open cases come from CaseRoutingService). */
@Injectable()
export class RoutingRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  /** Runs `work` on one consistent view (the snapshot's version matches its rows). */
  async consistentRead<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction('REPEATABLE READ', work);
  }

  async stateVersion(m: EntityManager = this.ds.manager): Promise<string> {
    const rows: { version: string }[] = await m.query('SELECT version::text AS version FROM routing_state WHERE id = 1');
    return rows[0]?.version ?? '0';
  }

  async allRules(m: EntityManager = this.ds.manager): Promise<RuleRow[]> {
    return m.query(`SELECT ${RULE_COLS} FROM routing_rules`);
  }

  /** A page of rules in id order after `afterId` (admin list; closed and replaced versions included). */
  async rulesPage(afterId: string | null, limit: number): Promise<RuleRow[]> {
    return this.ds.query(`SELECT ${RULE_COLS} FROM routing_rules WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [afterId, limit]);
  }

  async findRule(m: EntityManager, id: string): Promise<RuleRow | null> {
    const rows = await m.query(`SELECT ${RULE_COLS} FROM routing_rules WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async applySeedRules(m: EntityManager, seed: UnitsSeed): Promise<number> {
    const r = seed.rules;
    const rows: unknown[] = await m.query(
      `INSERT INTO routing_rules (id, category, scope_level, scope_code, target, notify, priority, valid_from, valid_to, description)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::date[], $9::date[], $10::text[])
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        r.map((x) => x.id), r.map((x) => x.category), r.map((x) => x.scopeLevel), r.map((x) => x.scopeCode),
        r.map((x) => JSON.stringify(x.target)), r.map((x) => JSON.stringify(x.notify)), r.map((x) => x.priority),
        r.map((x) => x.validFrom), r.map((x) => x.validTo), r.map((x) => x.description),
      ],
    );
    return rows.length;
  }

  /** Rules for the same category and scope whose period overlaps [from, to] (other than `exceptId`). */
  async overlappingRules(m: EntityManager, r: { category: string | null; scopeLevel: string; scopeCode: string | null; validFrom: string; validTo: string | null }, exceptId: string | null): Promise<{ id: string }[]> {
    return m.query(
      `SELECT id FROM routing_rules
       WHERE category IS NOT DISTINCT FROM $1 AND scope_level = $2 AND scope_code IS NOT DISTINCT FROM $3
         AND daterange(valid_from, valid_to, '[]') && daterange($4::date, $5::date, '[]')
         AND ($6::uuid IS NULL OR id <> $6::uuid)`,
      [r.category, r.scopeLevel, r.scopeCode, r.validFrom, r.validTo, exceptId],
    );
  }

  async insertRule(m: EntityManager, r: Omit<RuleRow, 'id'>): Promise<RuleRow> {
    const rows = await m.query(
      `INSERT INTO routing_rules (category, scope_level, scope_code, target, notify, priority, valid_from, valid_to, replaces_id, description)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10) RETURNING ${RULE_COLS}`,
      [r.category, r.scopeLevel, r.scopeCode, JSON.stringify(r.target), JSON.stringify(r.notify), r.priority, r.validFrom, r.validTo, r.replacesId, r.description],
    );
    return rows[0];
  }

  async closeRule(m: EntityManager, id: string, validTo: string): Promise<void> {
    await m.query(`UPDATE routing_rules SET valid_to = $2 WHERE id = $1`, [id, validTo]);
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.ds.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name]);
    return rows[0]?.e === true;
  }
}
