import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/**
 * A connection that PostgreSQL ends while the app holds it between two statements of a
 * transaction (the postmaster killed, a failover, pg_terminate_backend) must fail that
 * transaction, not the process: node-postgres emits 'error' on a checked-out client, and an
 * 'error' event nobody listens to is thrown — the chaos harness saw an app exit that way.
 */
describe('a connection lost in the middle of a transaction', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 3)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('fails the transaction and keeps the process and the pool working', async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
    // While the transaction waits for the app (no statement in flight), its backend goes away.
    const [{ ok }] = await ds.query('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(ok).toBe(true);
    let failure: unknown;
    for (let i = 0; i < 200 && failure === undefined; i++) {
      await new Promise((r) => setTimeout(r, 25));
      failure = await runner.query('SELECT 1').then(() => undefined, (e: unknown) => e);
    }
    expect(failure).toBeInstanceOf(Error);
    await runner.release().catch(() => undefined);
    // The pool drops the dead client and serves the next caller.
    const [{ one }] = await ds.query('SELECT 1 AS one');
    expect(one).toBe(1);
  });

  it('never leaves a pooled client without an error listener (an unheard error would end the process)', async () => {
    const pool = (ds.driver as unknown as { master: { connect(): Promise<import('pg').PoolClient> } }).master;
    const client = await pool.connect();
    try {
      // Checked out, not through a query runner: neither pg-pool nor TypeORM listens now.
      expect(() => client.emit('error', new Error('terminating connection due to unexpected postmaster exit'))).not.toThrow();
    } finally {
      client.release(true);
    }
  });
});
