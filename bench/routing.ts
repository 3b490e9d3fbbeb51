/**
 * `npm run bench:routing`: routing throughput and the cost of loading the places.
 *  1. Import time of the full dataset (14,160 locality versions, 10,647 successor links) into an
 *     empty database, then of an unchanged re-run (digest check) and of a forced re-run (upsert
 *     that compares every row), and of the units seed.
 *  2. BENCH_DECISIONS (default 100,000) random (category, commune, date) triples over every
 *     commune of both eras (13,356 codes) and dates 2024-01-01..2026-12-31: the pure policy on
 *     the snapshot, and RoutingService.route (cached snapshot, version check at most every
 *     ROUTING_CACHE_CHECK_MS): decisions/s, p50/p99 latency, database round trips.
 * Uses DATABASE_URL's server (creates and drops a scratch database) or a temporary embedded
 * PostgreSQL. Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '../src/audit/audit.module';
import { CATEGORY_CODES } from '../src/categories/category-codes';
import { ConfigModule } from '../src/config/config.module';
import { AppConfig, loadConfig } from '../src/config/env';
import { dataSourceOptions } from '../src/database/data-source';
import { scratchDatabase } from './scratch-database';
import { importLocalities } from '../src/localities/localities-import';
import { decideRoute } from '../src/routing/routing-policy';
import { RoutingModule } from '../src/routing/routing.module';
import { RoutingService } from '../src/routing/routing.service';
import { seedUnits } from '../src/routing/units-seed-loader';
import { UnitOfWorkModule } from '../src/common/unit-of-work';

const N = Number(process.env.BENCH_DECISIONS ?? 100_000);
const out = (s: string) => process.stdout.write(`${s}\n`);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function quantiles(ms: Float64Array): string {
  const s = Float64Array.from(ms).sort();
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] * 1000;
  return `p50 ${q(0.5).toFixed(1)} µs, p99 ${q(0.99).toFixed(1)} µs, max ${(s[s.length - 1] * 1000).toFixed(0)} µs`;
}

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const db = await scratchDatabase('routing', { prepare: 'schema' });
  try {
    const ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    const first = await importLocalities(ds);
    const again = await importLocalities(ds);
    const forced = await importLocalities(ds, { force: true });
    let t0 = now();
    await seedUnits(ds);
    const seedMs = now() - t0;
    const communes: { code: string; seeded: boolean }[] = await ds.query(
      `SELECT code, bool_or(code IN (SELECT locality_code FROM unit_coverage)) AS seeded FROM localities WHERE level = 'commune' GROUP BY code`,
    );
    await ds.destroy();
    out(`import of the full dataset: ${Math.round(first.ms)} ms for ${first.localities} localities + ${first.successors} successor links (${first.changed} rows written)`);
    out(`re-run, data unchanged (digest check): ${Math.round(again.ms)} ms, ${again.changed} rows written`);
    out(`forced re-run (every row compared): ${Math.round(forced.ms)} ms, ${forced.changed} rows written`);
    out(`units seed: ${Math.round(seedMs)} ms`);

    const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }), DATABASE_URL: db.url };
    @Module({ imports: [ConfigModule.forRoot(config), TypeOrmModule.forRoot({ ...dataSourceOptions(db.url, 4), retryAttempts: 0 }), UnitOfWorkModule, AuditModule, RoutingModule] })
    class BenchModule {}
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
    const routing = app.get(RoutingService);
    const appDs = app.get(DataSource);
    let queries = 0;
    // count round trips made through the DataSource and its query runners
    const driver = appDs.driver as unknown as { master: { on: (e: string, f: () => void) => void } };
    driver.master.on('acquire', () => queries++);

    t0 = now();
    const snap = await routing.currentSnapshot();
    out(`snapshot load (cold): ${Math.round(now() - t0)} ms`);

    const r = rng(20251701);
    const start = Date.UTC(2024, 0, 1);
    const span = Date.UTC(2026, 11, 31) - start;
    const inputs = Array.from({ length: N }, () => {
      const day = new Date(start + Math.floor(r() * (span / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
      return {
        category: CATEGORY_CODES[Math.floor(r() * CATEGORY_CODES.length)],
        localityCode: communes[Math.floor(r() * communes.length)].code,
        date: day,
        observedAt: new Date(`${day}T12:00:00+07:00`),
        localPoliceInvolved: r() < 0.1,
      };
    });

    // 1. the pure policy
    for (let i = 0; i < Math.min(5000, N); i++) decideRoute(inputs[i], snap);
    const lat = new Float64Array(N);
    const units = new Map<string, number>();
    t0 = now();
    for (let i = 0; i < N; i++) {
      const s = now();
      const d = decideRoute(inputs[i], snap);
      lat[i] = now() - s;
      const k = d.unit?.code.replace(/-\d{5}$/, '-<commune>').replace(/-\d{3}$/, '-<district>') ?? 'none';
      units.set(k, (units.get(k) ?? 0) + 1);
    }
    let ms = now() - t0;
    out(`pure policy: ${N} decisions in ${Math.round(ms)} ms = ${Math.round((N / ms) * 1000).toLocaleString('en')} decisions/s; ${quantiles(lat)}`);
    out(`  targets: ${[...units.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    // 1b. only communes of the seeded provinces (every decision walks coverage and units)
    const seeded = communes.filter((c) => c.seeded);
    const local = inputs.map((x, i) => ({ ...x, localityCode: seeded[i % seeded.length].code }));
    t0 = now();
    for (let i = 0; i < N; i++) {
      const s = now();
      decideRoute(local[i], snap);
      lat[i] = now() - s;
    }
    ms = now() - t0;
    out(`pure policy, ${seeded.length} communes of the seeded provinces only: ${Math.round((N / ms) * 1000).toLocaleString('en')} decisions/s; ${quantiles(lat)}`);

    // 2. through RoutingService.route (cached snapshot, periodic version check)
    for (let i = 0; i < Math.min(5000, N); i++) await routing.route(inputs[i]);
    queries = 0;
    t0 = now();
    for (let i = 0; i < N; i++) {
      const s = now();
      await routing.route(inputs[i]);
      lat[i] = now() - s;
    }
    ms = now() - t0;
    out(`RoutingService.route: ${N} decisions in ${Math.round(ms)} ms = ${Math.round((N / ms) * 1000).toLocaleString('en')} decisions/s; ${quantiles(lat)}; ${queries} database round trip(s) (version checks every ${config.ROUTING_CACHE_CHECK_MS} ms)`);
    await app.close();
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
