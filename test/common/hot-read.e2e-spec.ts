import { DataSource, QueryFailedError } from 'typeorm';
import { hotRead, statementName } from '../../src/common/hot-read';
import { isDatabaseUnavailable } from '../../src/common/errors/error.filter';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/**
 * hotRead runs on the DataSource's own pool (one connection here, so every statement meets the
 * same backend) as named prepared statements, parses timestamps like node-postgres does, and
 * fails like TypeORM's query does (QueryFailedError, the SQL logged without its parameters).
 */
describe('hotRead', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('prepares each text once on the connection and reuses it', async () => {
    const text = `SELECT $1::int + 1 AS n`;
    expect(await hotRead(ds, text, [1])).toEqual([{ n: 2 }]);
    expect(await hotRead(ds, text, [41])).toEqual([{ n: 42 }]);
    const prepared = await hotRead<{ name: string; statement: string }>(ds, `SELECT name, statement FROM pg_prepared_statements ORDER BY name`, []);
    expect(prepared.filter((p) => p.statement === text)).toEqual([{ name: statementName(text), statement: text }]);
    expect(prepared.length).toBe(2);
    // The pool is TypeORM's: no second pool, the same single connection.
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    expect(count).toBe(0);
  });

  it('gives different texts different names', () => {
    expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
    expect(statementName('SELECT 1')).toMatch(/^hot_[A-Za-z0-9_-]{22}$/);
  });

  it('parses timestamptz to the same instants as TypeORM query does, including infinity and NULL', async () => {
    const text = `SELECT t FROM (VALUES ('2026-12-03 07:21:41.123456+07'::timestamptz), ('1999-01-01 00:00:00.5-05:30'), ('infinity'), (NULL), ('0044-03-15 12:00:00+00 BC')) v(t)`;
    expect(await hotRead(ds, text, [])).toEqual(await ds.query(text));
    const [{ t }] = await hotRead<{ t: Date }>(ds, `SELECT '2026-12-03 07:21:41.123456+07'::timestamptz AS t`, []);
    expect(t.toISOString()).toBe('2026-12-03T00:21:41.123Z');
  });

  it('fails as a QueryFailedError with the driver error, logging the SQL but never the parameters', async () => {
    const warn = jest.spyOn(ds.logger, 'logQueryError');
    const e = await hotRead(ds, `SELECT 1 / $1::int AS x`, [0]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryFailedError);
    expect((e as QueryFailedError).driverError).toMatchObject({ code: '22012' });
    expect(isDatabaseUnavailable(e)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0].length).toBe(2);
    expect((e as QueryFailedError).parameters).toBeUndefined();
    warn.mockRestore();
    // The connection is still good afterwards.
    expect(await hotRead(ds, `SELECT 1 / $1::int AS x`, [1])).toEqual([{ x: 1 }]);
  });
});
