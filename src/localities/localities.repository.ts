import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AdminUnitsDataset, LocalityRow, SuccessorRow } from './admin-units-dataset';
import type { LocalityLevel } from './locality.entity';

/** A locality version as read back (the dataset's row without its legal source). */
export type LocalityView = Omit<LocalityRow, 'source'>;

/** A successor link as read back (without its source). */
export type SuccessorView = Omit<SuccessorRow, 'source'>;

export interface LocalitySearch {
  q?: string;
  parent?: string;
  level?: LocalityLevel;
  at: string;
  limit: number;
  after?: { folded: string; code: string };
}

const BATCH = 4000;
const SELECT_VIEW = `code, level, name, full_name AS "fullName", type, type_en AS "typeEn", parent_code AS "parentCode",
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;
const SELECT_SUCCESSOR = `from_code AS "fromCode", to_char(from_valid_from, 'YYYY-MM-DD') AS "fromValidFrom", to_code AS "toCode",
  to_char(to_valid_from, 'YYYY-MM-DD') AS "toValidFrom", to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", relation`;

/** The only code that touches localities, locality_successors and reference_imports. */
@Injectable()
export class LocalitiesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async importedDigest(name: string, m: EntityManager = this.ds.manager): Promise<string | null> {
    const rows: { digest: string }[] = await m.query('SELECT digest FROM reference_imports WHERE name = $1', [name]);
    return rows[0]?.digest ?? null;
  }

  /** Serialises imports of one name across processes (held until the transaction ends). */
  async lockImport(m: EntityManager, name: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
  }

  async markImported(m: EntityManager, name: string, digest: string): Promise<void> {
    await m.query(
      `INSERT INTO reference_imports (name, digest, imported_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET digest = EXCLUDED.digest, imported_at = EXCLUDED.imported_at`,
      [name, digest],
    );
  }

  /**
   * Upserts the dataset with multi-row INSERT ... SELECT FROM unnest(...) batches. A row that
   * already holds the same values is not touched, so re-running on the same data changes nothing.
   * Returns the number of rows inserted or changed.
   */
  async upsertDataset(m: EntityManager, data: AdminUnitsDataset, progress: (n: number) => void): Promise<number> {
    let changed = 0;
    for (let i = 0; i < data.localities.length; i += BATCH) {
      const batch = data.localities.slice(i, i + BATCH);
      changed += await this.upsertLocalities(m, batch);
      progress(batch.length);
    }
    for (let i = 0; i < data.successors.length; i += BATCH) {
      const batch = data.successors.slice(i, i + BATCH);
      changed += await this.upsertSuccessors(m, batch);
      progress(batch.length);
    }
    return changed;
  }

  private async upsertLocalities(m: EntityManager, rows: LocalityRow[]): Promise<number> {
    const col = <K extends keyof LocalityRow>(k: K) => rows.map((r) => r[k]);
    const result: unknown[] = await m.query(
      `INSERT INTO localities (code, level, name, full_name, name_folded, type, type_en, parent_code, valid_from, valid_to, source)
       SELECT u.code, u.level, u.name, u.full_name, lower(unaccent(u.full_name)), u.type, u.type_en, u.parent_code,
              u.valid_from, u.valid_to, u.source
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::text[])
         AS u(code, level, name, full_name, type, type_en, parent_code, valid_from, valid_to, source)
       ON CONFLICT (code, valid_from) DO UPDATE SET
         level = EXCLUDED.level, name = EXCLUDED.name, full_name = EXCLUDED.full_name, name_folded = EXCLUDED.name_folded,
         type = EXCLUDED.type, type_en = EXCLUDED.type_en, parent_code = EXCLUDED.parent_code,
         valid_to = EXCLUDED.valid_to, source = EXCLUDED.source
       WHERE (localities.level, localities.name, localities.full_name, localities.type, localities.type_en,
              localities.parent_code, localities.valid_to, localities.source)
         IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.name, EXCLUDED.full_name, EXCLUDED.type, EXCLUDED.type_en,
              EXCLUDED.parent_code, EXCLUDED.valid_to, EXCLUDED.source)
       RETURNING 1`,
      [
        col('code'), col('level'), col('name'), col('fullName'), col('type'), col('typeEn'),
        col('parentCode'), col('validFrom'), col('validTo'), col('source'),
      ],
    );
    return result.length;
  }

  private async upsertSuccessors(m: EntityManager, rows: SuccessorRow[]): Promise<number> {
    const col = <K extends keyof SuccessorRow>(k: K) => rows.map((r) => r[k]);
    const result: unknown[] = await m.query(
      `INSERT INTO locality_successors (from_code, from_valid_from, to_code, to_valid_from, effective_date, relation, source)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::date[], $5::date[], $6::text[], $7::text[])
       ON CONFLICT (from_code, from_valid_from, to_code, to_valid_from) DO UPDATE SET
         effective_date = EXCLUDED.effective_date, relation = EXCLUDED.relation, source = EXCLUDED.source
       WHERE (locality_successors.effective_date, locality_successors.relation, locality_successors.source)
         IS DISTINCT FROM (EXCLUDED.effective_date, EXCLUDED.relation, EXCLUDED.source)
       RETURNING 1`,
      [col('fromCode'), col('fromValidFrom'), col('toCode'), col('toValidFrom'), col('effectiveDate'), col('relation'), col('source')],
    );
    return result.length;
  }

  async counts(m: EntityManager = this.ds.manager): Promise<{ localities: number; successors: number }> {
    const [r] = await m.query(
      `SELECT (SELECT count(*) FROM localities)::int AS localities, (SELECT count(*) FROM locality_successors)::int AS successors`,
    );
    return r;
  }

  /** Name search (diacritic- and case-insensitive), children of a parent, level; versions in force at `at`. */
  async search(s: LocalitySearch): Promise<(LocalityView & { folded: string })[]> {
    const where = ['valid_from <= $1::date', '(valid_to IS NULL OR valid_to >= $1::date)'];
    const params: unknown[] = [s.at];
    if (s.q) {
      // the search text is matched literally: LIKE's wildcards in it are escaped
      params.push(s.q.replace(/[\\%_]/g, '\\$&'));
      where.push(`(name_folded LIKE '%' || lower(unaccent($${params.length})) || '%' OR code = $${params.length + 1})`);
      params.push(s.q);
    }
    if (s.parent) {
      params.push(s.parent);
      where.push(`parent_code = $${params.length}`);
    }
    if (s.level) {
      params.push(s.level);
      where.push(`level = $${params.length}`);
    }
    if (s.after) {
      params.push(s.after.folded, s.after.code);
      where.push(`(name_folded, code) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(s.limit);
    return this.ds.query(
      `SELECT ${SELECT_VIEW}, name_folded AS folded FROM localities WHERE ${where.join(' AND ')}
       ORDER BY name_folded, code LIMIT $${params.length}`,
      params,
    );
  }

  /** Every version of a code, oldest first. */
  /** Every version of a locality; pass the caller's manager inside a transaction (no second pool connection). */
  async versions(code: string, m: EntityManager = this.ds.manager): Promise<LocalityView[]> {
    return m.query(`SELECT ${SELECT_VIEW} FROM localities WHERE code = $1 ORDER BY valid_from`, [code]);
  }

  async successorsOf(code: string, validFrom: string): Promise<SuccessorView[]> {
    return this.ds.query(
      `SELECT ${SELECT_SUCCESSOR} FROM locality_successors WHERE from_code = $1 AND from_valid_from = $2::date ORDER BY to_code`,
      [code, validFrom],
    );
  }

  /** The latest version's full name of each code. */
  async latestNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; full_name: string }[] = await this.ds.query(
      `SELECT DISTINCT ON (code) code, full_name FROM localities WHERE code = ANY($1::text[]) ORDER BY code, valid_from DESC`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.code, r.full_name]));
  }

  /** The whole table for the in-memory routing snapshot. */
  async all(m: EntityManager = this.ds.manager): Promise<LocalityView[]> {
    return m.query(`SELECT ${SELECT_VIEW} FROM localities`);
  }

  async allSuccessors(m: EntityManager = this.ds.manager): Promise<SuccessorView[]> {
    return m.query(
      `SELECT ${SELECT_SUCCESSOR} FROM locality_successors`,
    );
  }
}
