/**
 * `npm run bench:limits`: what the limiter costs a request. Sequential LimitsService.consume()
 * calls (the shared, database-backed store: one UPSERT each) and the memory store, on a scratch
 * database (DATABASE_URL's server, or an embedded PostgreSQL), plus the client-key HMAC.
 *   BENCH_LIMIT_CALLS (default 3000).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { ClientKeys } from '../src/common/anonymity/client-key';
import type { AppConfig } from '../src/config/env';
import { LimitsRepository } from '../src/limits/limits.repository';
import { LimitsService } from '../src/limits/limits.service';
import { scratchDatabase } from './scratch-database';

const CALLS = Number(process.env.BENCH_LIMIT_CALLS ?? 3000);

async function main(): Promise<void> {
  const db = await scratchDatabase('limits', { prepare: 'schema' });
  try {
    const ds = await db.dataSource(4);
    const config = { INTAKE_RATE_SECRET_ROTATE_HOURS: 4, HASH_CONCURRENCY_PER_CLIENT: 2, HASH_POOL_CONCURRENCY: 4, HASH_POOL_QUEUE: 32, LIMITS_MEMORY_MAX_ENTRIES: 200000 } as AppConfig;
    const rule = { limit: 1e9, windowMs: 3_600_000 };
    const keys = new ClientKeys(3_600_000);
    // The floor: one round trip to the same server (what any query costs on this machine now).
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await ds.query('SELECT 1');
    process.stdout.write(`baseline: SELECT 1 round trip ${(Number(process.hrtime.bigint() - t0) / 1e6 / CALLS).toFixed(3)} ms\n`);
    for (const store of ['database', 'memory'] as const) {
      const limits = new LimitsService({ ...config, LIMITS_STORE: store }, new LimitsRepository(ds));
      await limits.consume('warm', 'x', rule);
      const clients = Array.from({ length: 500 }, () => randomBytes(8).toString('hex'));
      const started = process.hrtime.bigint();
      for (let i = 0; i < CALLS; i++) await limits.consume('tip', await keys.keyFor(`198.51.${i % 250}.${i % 200}`) + clients[i % 500], rule);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(`${store} store: ${CALLS} consume() calls (client key + counter), ${(ms / CALLS).toFixed(3)} ms each\n`);
    }
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
