/** A scratch database of its own for an audit benchmark, on DATABASE_URL's server: created, migrated, dropped. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { prepareDatabase } from '../src/database/prepare-database';

export interface BenchDatabase {
  url: string;
  ds: DataSource;
  drop(): Promise<void>;
}

export async function benchDatabase(poolSize: number): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('set DATABASE_URL to a PostgreSQL server where the role may CREATE DATABASE');
  const name = `tipline_bench_audit_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  let ds: DataSource | undefined;
  const drop = async () => {
    await ds?.destroy().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  try {
    await prepareDatabase(url, { referenceData: false });
    ds = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
  } catch (e) {
    await drop();
    throw e;
  }
  return { url, ds, drop };
}
