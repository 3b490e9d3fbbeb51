/**
 * `npm run bench:hotline`: signed hotline deliveries (POST /api/v1/channels/hotline/tips, a fresh
 * HMAC signature and Idempotency-Key each) per second at concurrency 32 against the app on a
 * loopback port (a child process: the built app, bench/app-process.ts), next to the argon2id receipt hashes
 * per second of this machine in the same run (the ceiling: every tip costs one hash), and p50/p99.
 * Uses a scratch database (DATABASE_URL's server, or a temporary embedded PostgreSQL).
 *   BENCH_TIPS (default 600) deliveries; BENCH_CONCURRENCY (default 32).
 * The machine may be shared with other work: figures move from run to run; it prints, asserts nothing.
 */
// As main.ts does (first); the server child inherits it, so the ceiling and the server hash alike.
import '../src/common/size-threadpool';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ChildProcess } from 'node:child_process';
import { appPort, forkApp } from './app-process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AuditModule } from '../src/audit/audit.module';
import { ChannelClientsModule } from '../src/channel-clients/channel-clients.module';
import { ChannelClientsService, ChannelCredentials } from '../src/channel-clients/channel-clients.service';
import { hotlineSignature } from '../src/channels/hotline/hotline-signature';
import { systemContext } from '../src/common/request-context';
import { ConfigModule } from '../src/config/config.module';
import { AppConfig, loadConfig } from '../src/config/env';
import { CryptoModule } from '../src/crypto/crypto.module';
import { UnitOfWorkModule } from '../src/common/unit-of-work';
import { dataSourceOptions } from '../src/database/data-source';
import { ReceiptHasher } from '../src/intake/receipt';
import { scratchDatabase } from './scratch-database';

const TIPS = Number(process.env.BENCH_TIPS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARM_UP = 16;
const PATH = '/api/v1/channels/hotline/tips';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Receipt hashes per second, the way the server makes them (same hasher, same threadpool). */
async function argon2Ceiling(): Promise<number> {
  const hasher = new ReceiptHasher(randomBytes(32));
  const n = Math.max(64, Math.round(TIPS / 4));
  await hasher.hash('0000000000000000');
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => String(i).padStart(16, '0')), CONCURRENCY, async (r) => void (await hasher.hash(r)));
  return n / ((performance.now() - t0) / 1000);
}

/** A hotline client made the way channel:create makes it (same service), with the server's master key. */
async function createHotlineClient(url: string, masterKeys: string): Promise<ChannelCredentials> {
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', MASTER_KEYS: masterKeys }), DATABASE_URL: url };
  @Module({
    imports: [ConfigModule.forRoot(config), TypeOrmModule.forRoot({ ...dataSourceOptions(url, 2), retryAttempts: 0 }), AuditModule, CryptoModule, UnitOfWorkModule, ChannelClientsModule],
  })
  class BenchModule {}
  const ctx = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  try {
    return await ctx.get(ChannelClientsService).create(systemContext('bench'), { kind: 'hotline', name: 'bench-call-centre' });
  } finally {
    await ctx.close();
  }
}

async function main(): Promise<void> {
  const db = await scratchDatabase('hotline', { prepare: 'reference-data' });
  const masterKeys = `bench:${randomBytes(32).toString('base64')}`;
  let child: ChildProcess | undefined;
  try {
    const creds = await createHotlineClient(db.url, masterKeys);
    child = forkApp({ ...process.env, DATABASE_URL: db.url, MASTER_KEYS: masterKeys, NODE_ENV: 'test', LOG_LEVEL: 'warn', DB_POOL_SIZE: '10', RETENTION_INTERVAL_MINUTES: '0' });
    const port = await appPort(child);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let last = 0;
    // Each delivery is signed the moment it is sent, with a fresh key (what the call centre does).
    const deliver = () =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const payload = JSON.stringify({
          category: 'use_hotspot',
          locality: '07228',
          observedAt: '2026-11-20T21:30',
          narrative: 'Người gọi kể: nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối, khoảng 21 giờ.',
          details: { people: 6, timesOfDay: ['night'] },
          operatorId: 'op-bench',
        });
        last = Math.max(last + 1, Date.now());
        const timestamp = (last / 1000).toFixed(3);
        const headers = {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-api-key': creds.apiKey,
          'x-tipline-timestamp': timestamp,
          'x-tipline-signature': hotlineSignature(creds.signingSecret, { timestamp, method: 'POST', path: PATH, body: payload }),
          'idempotency-key': `bench-${randomUUID()}`,
        };
        const req = request(`http://127.0.0.1:${port}${PATH}`, { method: 'POST', agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      });
    await pool(Array.from({ length: WARM_UP }), WARM_UP, async () => {
      const r = await deliver();
      if (r.status !== 201) throw new Error(`warm-up delivery refused: ${r.status} ${r.text}`);
    });

    const ceiling = await argon2Ceiling();
    const latencies: number[] = [];
    let failures = 0;
    const t0 = performance.now();
    await pool(Array.from({ length: TIPS }), CONCURRENCY, async () => {
      const s = performance.now();
      const r = await deliver();
      latencies.push(performance.now() - s);
      if (r.status !== 201) failures++;
    });
    const seconds = (performance.now() - t0) / 1000;
    agent.destroy();
    const sorted = [...latencies].sort((a, b) => a - b);
    const rate = TIPS / seconds;
    process.stdout.write(
      [
        `machine: ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), node ${process.version}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE} (shared machine: figures move from run to run)`,
        `argon2id receipt hashes (19 MiB, t=2, p=1) at concurrency ${CONCURRENCY}: ${ceiling.toFixed(1)}/s`,
        `signed hotline deliveries x${TIPS} at concurrency ${CONCURRENCY}: ${rate.toFixed(1)}/s (${((100 * rate) / ceiling).toFixed(0)}% of the argon2id ceiling), ${failures} failed`,
        `latency p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`,
      ].join('\n') + '\n',
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      child.send('stop');
      await new Promise((r) => child!.once('exit', r));
    }
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
