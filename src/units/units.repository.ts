import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inForceSql } from '../common/effective-period';
import type { UnitKind } from './unit.entity';
import type { SnapCoverage, SnapUnit } from './unit-snapshot';

/** The unit and coverage rows of a seed (built by routing's units seed, which also seeds rules). */
export interface UnitRowsSeed {
  units: (SnapUnit & { kind: UnitKind })[];
  coverage: (SnapCoverage & { id: string; unitKind: UnitKind })[];
}

export interface UnitRow extends SnapUnit {
  kind: UnitKind;
}

const UNIT_COLS = `id, code, name, kind, parent_id AS "parentId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;
const COVERAGE_COLS = `id, unit_id AS "unitId", unit_kind AS "unitKind", locality_code AS "localityCode",
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;

/** The only code that touches units and unit_coverage. */
@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Inserts the seed's rows that are missing (by id); existing rows, even changed by an admin, stay. */
  async applySeed(m: EntityManager, seed: UnitRowsSeed): Promise<{ units: number; coverage: number }> {
    const u = seed.units;
    const units: unknown[] = await m.query(
      `INSERT INTO units (id, code, name, kind, parent_id, valid_from, valid_to)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::date[], $7::date[])
       ON CONFLICT DO NOTHING RETURNING 1`,
      [u.map((x) => x.id), u.map((x) => x.code), u.map((x) => x.name), u.map((x) => x.kind), u.map((x) => x.parentId), u.map((x) => x.validFrom), u.map((x) => x.validTo)],
    );
    const c = seed.coverage;
    const coverage: unknown[] = await m.query(
      `INSERT INTO unit_coverage (id, unit_id, unit_kind, locality_code, valid_from, valid_to)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[])
       ON CONFLICT DO NOTHING RETURNING 1`,
      [c.map((x) => x.id), c.map((x) => x.unitId), c.map((x) => x.unitKind), c.map((x) => x.localityCode), c.map((x) => x.validFrom), c.map((x) => x.validTo)],
    );
    return { units: units.length, coverage: coverage.length };
  }

  async all(m: EntityManager = this.ds.manager): Promise<UnitRow[]> {
    return m.query(`SELECT ${UNIT_COLS} FROM units`);
  }

  async allCoverage(m: EntityManager = this.ds.manager): Promise<(SnapCoverage & { id: string; unitKind: string })[]> {
    return m.query(`SELECT ${COVERAGE_COLS} FROM unit_coverage`);
  }

  /** A page of units in id order after `afterId` (admin list; history included). */
  async page(afterId: string | null, limit: number): Promise<UnitRow[]> {
    return this.ds.query(`SELECT ${UNIT_COLS} FROM units WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [afterId, limit]);
  }

  /** A page of coverage rows in id order after `afterId`, of one unit when `unitId` is given. */
  async coveragePage(afterId: string | null, limit: number, unitId: string | null): Promise<(SnapCoverage & { id: string; unitKind: string })[]> {
    return this.ds.query(
      `SELECT ${COVERAGE_COLS} FROM unit_coverage WHERE ($1::uuid IS NULL OR id > $1::uuid) AND ($3::uuid IS NULL OR unit_id = $3::uuid)
       ORDER BY id LIMIT $2`,
      [afterId, limit, unitId],
    );
  }

  async findByCode(code: string, m: EntityManager = this.ds.manager): Promise<UnitRow | null> {
    const rows = await m.query(`SELECT ${UNIT_COLS} FROM units WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  async findById(id: string, m: EntityManager = this.ds.manager): Promise<UnitRow | null> {
    const rows = await m.query(`SELECT ${UNIT_COLS} FROM units WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The unit and every unit under it (through closed units too), in force at `at` when given. */
  async subtreeIds(unitId: string, at: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `WITH RECURSIVE t(id) AS (SELECT id FROM units WHERE id = $1
         UNION SELECT u.id FROM units u JOIN t ON u.parent_id = t.id)
       SELECT u.id FROM units u JOIN t USING (id)
       WHERE $2::date IS NULL OR ${inForceSql('u', '$2')}`,
      [unitId, at],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Units in force on `day` whose code or name contains `q` (case-insensitive; every unit when
   * `q` is empty), by code, at most `limit`: the console's transfer picker.
   */
  async searchInForce(q: string, day: string, limit: number): Promise<UnitRow[]> {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.ds.query(
      `SELECT ${UNIT_COLS} FROM units u WHERE ${inForceSql('u', '$1')} AND ($2 = '%%' OR u.code ILIKE $2 OR u.name ILIKE $2)
       ORDER BY u.code LIMIT $3`,
      [day, like, limit],
    );
  }

  /** Is the unit in force on `day` (YYYY-MM-DD)? */
  async isInForce(unitId: string, day: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM units u WHERE u.id = $1 AND ${inForceSql('u', '$2')}`, [unitId, day]);
    return rows.length > 0;
  }

  /** True when `candidateAncestorId` is `unitId` or above it (a new parent there would make a cycle). */
  async isInSubtree(m: EntityManager, unitId: string, candidateId: string): Promise<boolean> {
    const rows = await m.query(
      `WITH RECURSIVE t(id) AS (SELECT id FROM units WHERE id = $1
         UNION SELECT u.id FROM units u JOIN t ON u.parent_id = t.id)
       SELECT 1 FROM t WHERE id = $2`,
      [unitId, candidateId],
    );
    return rows.length > 0;
  }

  async insertUnit(m: EntityManager, u: Omit<UnitRow, 'id'>): Promise<UnitRow> {
    const rows = await m.query(
      `INSERT INTO units (code, name, kind, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${UNIT_COLS}`,
      [u.code, u.name, u.kind, u.parentId, u.validFrom, u.validTo],
    );
    return rows[0];
  }

  async updateUnit(m: EntityManager, id: string, patch: { name: string; parentId: string | null; validTo: string | null }): Promise<void> {
    await m.query(`UPDATE units SET name = $2, parent_id = $3, valid_to = $4 WHERE id = $1`, [id, patch.name, patch.parentId, patch.validTo]);
  }

  /** Coverage of the same kind over the same place that overlaps [from, to]. */
  async overlappingCoverage(m: EntityManager, kind: string, localityCode: string, from: string, to: string | null): Promise<{ id: string; unitId: string }[]> {
    return m.query(
      `SELECT id, unit_id AS "unitId" FROM unit_coverage
       WHERE unit_kind = $1 AND locality_code = $2
         AND daterange(valid_from, valid_to, '[]') && daterange($3::date, $4::date, '[]')`,
      [kind, localityCode, from, to],
    );
  }

  async insertCoverage(m: EntityManager, c: { unitId: string; unitKind: string; localityCode: string; validFrom: string; validTo: string | null }) {
    const rows = await m.query(
      `INSERT INTO unit_coverage (unit_id, unit_kind, locality_code, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5) RETURNING ${COVERAGE_COLS}`,
      [c.unitId, c.unitKind, c.localityCode, c.validFrom, c.validTo],
    );
    return rows[0];
  }

  async findCoverage(m: EntityManager, id: string) {
    const rows = await m.query(`SELECT ${COVERAGE_COLS} FROM unit_coverage WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async closeCoverage(m: EntityManager, id: string, validTo: string): Promise<void> {
    await m.query(`UPDATE unit_coverage SET valid_to = $2 WHERE id = $1`, [id, validTo]);
  }

  /**
   * Coverage rows and routing rules naming the unit whose period would not fit in [from, to].
   * Reads routing_rules, which routing owns: this read stays here on purpose. Routing depends on
   * units (its rules target units and its snapshot is built from them), so asking RoutingService
   * from UnitsService would make units -> routing -> units, the folder cycle the import rules
   * forbid; and the check must run in the same transaction, under the same admin lock, as the
   * unit change it guards.
   */
  async dependentsOutside(m: EntityManager, unitId: string, from: string, to: string | null): Promise<{ kind: string; id: string }[]> {
    return m.query(
      `SELECT 'coverage' AS kind, id::text FROM unit_coverage
        WHERE unit_id = $1 AND NOT daterange(valid_from, valid_to, '[]') <@ daterange($2::date, $3::date, '[]')
       UNION ALL
       SELECT 'routing_rule', id::text FROM routing_rules
        WHERE (target->>'unitId' = $1::text OR notify @> jsonb_build_array(jsonb_build_object('unitId', $1::text)))
          AND NOT daterange(valid_from, valid_to, '[]') <@ daterange($2::date, $3::date, '[]')`,
      [unitId, from, to],
    );
  }

  /** Serialises admin writes to units, coverage and rules (checks then writes, no races). */
  async lockConfiguration(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('tipline:routing-config'))`);
  }
}
