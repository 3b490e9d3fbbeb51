import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { importLocalities } from '../../src/localities/localities-import';
import { seedUnits } from '../../src/routing/units-seed-loader';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/** The template database was loaded by the reference-data loaders; loading again changes nothing. */
describe('localities import and units seed', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const fingerprint = async () => {
    const [r] = await ds.query(`SELECT
      (SELECT md5(string_agg(concat_ws('|', code, level, name, full_name, name_folded, type, type_en, parent_code, valid_from, valid_to, source), ',' ORDER BY code, valid_from)) FROM localities) AS l,
      (SELECT md5(string_agg(concat_ws('|', from_code, from_valid_from, to_code, to_valid_from, relation), ',' ORDER BY from_code, from_valid_from, to_code, to_valid_from)) FROM locality_successors) AS s,
      (SELECT md5(string_agg(concat_ws('|', id, code, parent_id, valid_from, valid_to), ',' ORDER BY code)) FROM units) AS u,
      (SELECT count(*) FROM unit_coverage)::int AS c, (SELECT count(*) FROM routing_rules)::int AS r,
      (SELECT version FROM routing_state) AS v`);
    return r;
  };

  it('holds the full dataset', async () => {
    const [c] = await ds.query(`SELECT
      count(*) FILTER (WHERE level = 'province' AND valid_to = '2025-06-30')::int AS legacy_provinces,
      count(*) FILTER (WHERE level = 'district')::int AS districts,
      count(*) FILTER (WHERE level = 'commune' AND valid_to = '2025-06-30')::int AS legacy_communes,
      count(*) FILTER (WHERE level = 'province' AND valid_from = '2025-07-01')::int AS provinces,
      count(*) FILTER (WHERE level = 'commune' AND valid_from = '2025-07-01')::int AS communes
      FROM localities`);
    expect(c).toEqual({ legacy_provinces: 63, districts: 696, legacy_communes: 10035, provinces: 34, communes: 3321 });
    const [u] = await ds.query(`SELECT count(*) FILTER (WHERE code LIKE 'CA-24-%')::int AS bn, count(*) FILTER (WHERE code LIKE 'CAH-L24-%')::int AS bg_districts FROM units`);
    expect(u.bn).toBe(99);
    expect(u.bg_districts).toBeGreaterThan(5);
  });

  it('is idempotent: a second run is skipped, a forced run changes no row', async () => {
    const before = await fingerprint();
    expect((await importLocalities(ds)).skipped).toBe(true);
    expect((await seedUnits(ds)).skipped).toBe(true);
    expect(await fingerprint()).toEqual(before);
    const forced = await importLocalities(ds, { force: true });
    expect(forced).toMatchObject({ skipped: false, changed: 0, localities: 14160, successors: 10647 });
    const after = await fingerprint();
    expect({ ...after, v: null }).toEqual({ ...before, v: null });
  });

  it('applies a new seed once when two processes start at the same time (one audit event)', async () => {
    const audits = async () => (await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'reference_data.imported' AND target_id = 'units:seed'`))[0].n;
    const before = await audits();
    await ds.query(`UPDATE reference_imports SET digest = 'stale' WHERE name = 'units:seed'`);
    const runs = await Promise.all([seedUnits(ds), seedUnits(ds)]);
    expect(runs.map((r) => r.skipped).sort()).toEqual([false, true]);
    expect(await audits()).toBe(before + 1);
  });

  it('repairs a changed or missing row on a forced run', async () => {
    const before = await fingerprint();
    await ds.query(`UPDATE localities SET name = 'x' WHERE code = '07210' AND valid_from = '2025-07-01'`);
    await ds.query(`DELETE FROM locality_successors WHERE from_code = '07213'`);
    const r = await importLocalities(ds, { force: true });
    expect(r.changed).toBeGreaterThanOrEqual(2);
    expect({ ...(await fingerprint()), v: null }).toEqual({ ...before, v: null });
  });
});
