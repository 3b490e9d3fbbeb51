import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './database-urls';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database (closing whatever still connects to it). */
  drop(): Promise<void>;
}

function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through jest (npm test), whose global setup sets it`);
  return v;
}

/** Runs SQL on the maintenance connection of the test server (create/drop databases). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: requireEnv('TIPLINE_TEST_ADMIN_URL') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh database cloned from the migrated template: one per test file (or per test). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireEnv('TIPLINE_TEST_ADMIN_URL');
  const template = requireEnv('TIPLINE_TEST_TEMPLATE');
  const name = `${template.replace('tpl', 't')}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
