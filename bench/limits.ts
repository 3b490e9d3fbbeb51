/**
 * `npm run bench:limits`: what the limiter costs a request (the budget: ≤ 1 ms per tip).
 * On a scratch database (DATABASE_URL's server, or an embedded PostgreSQL):
 *  - the floor: one `SELECT 1` round trip;
 *  - LimitsService.consume() on the shared, database-backed store (one UPSERT each), sequential
 *    and at concurrency 8, with the round trips each call made (counted at the DataSource);
 *  - the admissions as the services make them: a tip (admitTip: 1 counter) and a right receipt
 *    look-up (look-ups, failures, give back, per receipt: 4 counters), per admission;
 *  - the memory store, for comparison, and the client-key HMAC.
 * Prints the load average next to every figure: this machine is shared and the figures move with it.
 *   BENCH_LIMIT_CALLS (default 3000).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import type { DataSource } from 'typeorm';
import { ClientKeys } from '../src/common/anonymity/client-key';
import type { AppConfig } from '../src/config/env';
import { LimitsRepository } from '../src/limits/limits.repository';
import { LimitsService } from '../src/limits/limits.service';
import { scratchDatabase } from './scratch-database';

const CALLS = Number(process.env.BENCH_LIMIT_CALLS ?? 3000);
const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
const us = (ns: bigint, n: number) => (Number(ns) / 1e3 / n).toFixed(0);

async function main(): Promise<void> {
  const db = await scratchDatabase('limits', { prepare: 'schema' });
  try {
    const ds = await db.dataSource(8);
    let roundTrips = 0;
    // The repository sees a DataSource that counts its queries (every statement is one round trip).
    const counted = { query: (sql: string, params?: unknown[]) => ((roundTrips += 1), ds.query(sql, params)) } as unknown as DataSource;
    const config = { INTAKE_RATE_SECRET_ROTATE_HOURS: 4, HASH_CONCURRENCY_PER_CLIENT: 2, HASH_POOL_CONCURRENCY: 4, HASH_POOL_QUEUE: 32, LIMITS_MEMORY_MAX_ENTRIES: 200000 } as AppConfig;
    const rule = { limit: 1e9, windowMs: 3_600_000 };
    const keys = new ClientKeys(3_600_000);
    const clients = Array.from({ length: 500 }, () => randomBytes(8).toString('hex'));

    let t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await ds.query('SELECT 1');
    process.stdout.write(`baseline: SELECT 1 round trip ${us(process.hrtime.bigint() - t0, CALLS)} µs (${load()})\n`);

    t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await keys.keyFor(`198.51.${i % 250}.${i % 200}`);
    process.stdout.write(`client key (HMAC of the address): ${us(process.hrtime.bigint() - t0, CALLS)} µs each (${load()})\n`);

    for (const store of ['database', 'memory'] as const) {
      const limits = new LimitsService({ ...config, LIMITS_STORE: store }, new LimitsRepository(counted));
      await limits.consume('warm', 'x', rule);
      roundTrips = 0;
      const cpu0 = process.cpuUsage();
      t0 = process.hrtime.bigint();
      for (let i = 0; i < CALLS; i++) await limits.consume('tip', clients[i % 500], rule);
      const seq = process.hrtime.bigint() - t0;
      const cpu = process.cpuUsage(cpu0);
      const trips = roundTrips / CALLS;
      process.stdout.write(
        `${store} store: consume() sequential ${us(seq, CALLS)} µs per check (of which this process's CPU ${((cpu.user + cpu.system) / CALLS).toFixed(0)} µs), ${trips.toFixed(2)} round trips per check (${load()})\n`,
      );
      t0 = process.hrtime.bigint();
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < CALLS) await limits.consume('tip', clients[next++ % 500], rule);
        }),
      );
      process.stdout.write(`${store} store: consume() at concurrency 8 ${us(process.hrtime.bigint() - t0, CALLS)} µs per check of wall time (${load()})\n`);
      if (store !== 'database') continue;
      // The admissions as the services make them.
      roundTrips = 0;
      t0 = process.hrtime.bigint();
      for (let i = 0; i < CALLS; i++) await limits.require('tip', clients[i % 500], rule, 'x');
      process.stdout.write(`limiter per tip admission (admitTip): ${us(process.hrtime.bigint() - t0, CALLS)} µs, ${(roundTrips / CALLS).toFixed(2)} round trips (budget ≤ 1 ms) (${load()})\n`);
      roundTrips = 0;
      const n = Math.ceil(CALLS / 4);
      t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        const c = clients[i % 500];
        await limits.require('lookup', c, rule, 'x');
        await limits.consume('receipt-failure', c, rule);
        await limits.giveBack('receipt-failure', c, rule);
        await limits.require('receipt', `case-${i % 50}`, rule, 'x');
      }
      process.stdout.write(`limiter per right receipt look-up: ${us(process.hrtime.bigint() - t0, n)} µs, ${(roundTrips / n).toFixed(2)} round trips (${load()})\n`);
    }
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
