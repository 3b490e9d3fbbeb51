/**
 * A database of its own for a benchmark, dropped afterwards (every bench/ script uses this).
 *
 * On DATABASE_URL's server when it is set (the role needs CREATEDB); otherwise on a temporary
 * embedded PostgreSQL in a `.data-bench-*` folder, started here and stopped and removed by drop().
 * `prepare` brings the new database up to date like a start does: 'schema' applies the
 * migrations, 'reference-data' also loads the reference data (localities, units, routing rules).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { prepareDatabase } from '../src/database/prepare-database';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A DataSource on the database with `poolSize` connections; drop() destroys it. */
  dataSource(poolSize: number): Promise<DataSource>;
  /** Drops the database (FORCE) and stops the embedded PostgreSQL if one was started. Idempotent. */
  drop(): Promise<void>;
}

export async function scratchDatabase(label: string, options: { prepare?: 'schema' | 'reference-data' } = {}): Promise<ScratchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async (): Promise<void> => undefined;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(process.cwd(), '.data-bench-'));
    rmSync(dir, { recursive: true });
    const pg = await startEmbeddedPostgres({ dir, port: 54000 + Math.floor(Math.random() * 900) });
    adminUrl = pg.adminUrl;
    stopServer = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `tipline_bench_${label}_${randomBytes(4).toString('hex')}`;
  // A witness folder of its own: an app started on this database (in this process or a child,
  // which inherits the environment) must not find the checkpoints another benchmark's database
  // left in the shared default folder (it would raise a "checkpoint missing" incident).
  const witnessDir = mkdtempSync(path.join(tmpdir(), 'tipline-bench-witness-'));
  process.env.AUDIT_WITNESS_DIR = witnessDir;
  const admin = new Client({ connectionString: adminUrl });
  const sources: DataSource[] = [];
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    for (const ds of sources) await ds.destroy().catch(() => undefined);
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    } finally {
      await stopServer();
      rmSync(witnessDir, { recursive: true, force: true });
    }
  };
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end().catch(() => undefined);
    await stopServer();
    throw e;
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db: ScratchDatabase = {
    name,
    url,
    drop,
    dataSource: async (poolSize) => {
      const ds = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
      sources.push(ds);
      return ds;
    },
  };
  if (options.prepare) {
    try {
      await prepareDatabase(url, { referenceData: options.prepare === 'reference-data' });
    } catch (e) {
      await drop();
      throw e;
    }
  }
  return db;
}
