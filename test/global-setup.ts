import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresHandle, recoverOrphan, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { prepareDatabase } from '../src/database/prepare-database';
import { withDatabase } from './utils/database-urls';

const TEST_CLUSTERS = path.resolve(__dirname, '..', '.data', 'test-clusters');
/**
 * Where the clusters go instead when PostgreSQL runs as the postgres user (tests run by root)
 * and this checkout is in a folder that user cannot enter (a clone in /root): one folder per checkout.
 */
const FALLBACK_CLUSTERS = path.join(tmpdir(), 'tipline-test-clusters', createHash('sha256').update(TEST_CLUSTERS).digest('hex').slice(0, 10));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Clusters of earlier runs that were killed: stop their orphans (never a live run's) and remove them. */
async function cleanStaleClusters(): Promise<void> {
  for (const dir of [TEST_CLUSTERS, FALLBACK_CLUSTERS].flatMap((root) => (existsSync(root) ? readdirSync(root).map((n) => path.join(root, n)) : []))) {
    try {
      await recoverOrphan(dir, () => undefined);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // in use by a concurrent test run: leave it
    }
  }
}

/**
 * Starts the test database server (embedded unless DATABASE_URL is set) and builds a migrated
 * template with reference data, which every test file clones into its own fresh database.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  let embedded: EmbeddedPostgresHandle | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    await cleanStaleClusters();
    const name = `${process.pid}-${randomBytes(3).toString('hex')}`;
    embedded = await startEmbeddedPostgres({
      dir: path.join(TEST_CLUSTERS, name),
      dirChosen: false,
      fallbackDir: path.join(FALLBACK_CLUSTERS, name),
      port: await freePort(),
    });
    adminUrl = embedded.adminUrl;
  }
  const template = `tipline_tpl_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await prepareDatabase(withDatabase(adminUrl, template));

  process.env.TIPLINE_TEST_ADMIN_URL = adminUrl;
  process.env.TIPLINE_TEST_TEMPLATE = template;
  (globalThis as Record<string, unknown>).__TIPLINE_TEST__ = { embedded, adminUrl, template };
}
