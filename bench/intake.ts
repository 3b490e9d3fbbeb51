/**
 * `npm run bench:intake`: POST /api/v1/tips at concurrency 32 against the app listening on a
 * loopback port (a child process), next to the argon2id receipt hashes per second this machine
 * manages in the same run (the ceiling: every tip costs one hash). Builds, migrates and loads a
 * database of its own on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test),
 * and drops it. Proofs are solved before the clock starts (that is the client's work).
 *   BENCH_TIPS (default 600) requests; BENCH_CONCURRENCY (default 32).
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { prepareDatabase } from '../src/database/prepare-database';
import { solveForTest } from '../src/intake/proof-of-work';
import { ReceiptHasher } from '../src/intake/receipt';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TIPS = Number(process.env.BENCH_TIPS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MiB`;

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function argon2Ceiling(): Promise<number> {
  const hasher = new ReceiptHasher(randomBytes(32));
  const n = Math.max(64, Math.round(TIPS / 4));
  await hasher.hash('0000000000000000');
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => String(i).padStart(16, '0')), CONCURRENCY, async (r) => void (await hasher.hash(r)));
  return n / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const name = `tipline_bench_intake_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  const url = u.toString();
  let child: ReturnType<typeof fork> | undefined;
  try {
    process.stdout.write(`database ${name}: migrating and loading reference data…\n`);
    await prepareDatabase(url, {});
    child = fork(join(__dirname, 'intake-server.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/intake/prof'] : [])],
      env: {
        ...process.env,
        DATABASE_URL: url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DB_POOL_SIZE: '10',
        INTAKE_POW_DIFFICULTY: '1000',
        INTAKE_FORM_MIN_AGE_SECONDS: '0',
        INTAKE_TIPS_PER_HOUR: String(TIPS * 10),
        RETENTION_INTERVAL_MINUTES: '0',
      },
    });
    const port: number = await new Promise((resolve, reject) => {
      child!.on('message', (m: { port?: number }) => m.port && resolve(m.port));
      child!.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const mem = () => new Promise<NodeJS.MemoryUsage>((resolve) => {
      child!.once('message', (m: { mem?: NodeJS.MemoryUsage }) => m.mem && resolve(m.mem));
      child!.send('mem');
    });

    process.stdout.write(`solving ${TIPS} proofs (client side, untimed)…\n`);
    const proofs: string[] = [];
    await pool(Array.from({ length: TIPS }), 8, async () => {
      const c = await (await fetch(`${base}/api/v1/intake/challenge`)).json();
      proofs.push(await solveForTest(c as Parameters<typeof solveForTest>[0]));
    });
    const body = (proof: string) =>
      JSON.stringify({
        category: 'use_hotspot',
        locality: '07228',
        observedAt: '2026-11-20T21:30',
        narrative: 'Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối, khoảng 21 giờ.',
        details: { people: 6, timesOfDay: ['night'] },
        proof,
      });
    // Warm-up (JIT, pool, routing snapshot), not counted.
    for (let i = 0; i < 4; i++) await fetch(`${base}/api/v1/intake/challenge`);

    const ceiling = await argon2Ceiling();
    const before = await mem();
    let peakRss = before.rss;
    const sampler = setInterval(() => void mem().then((m) => (peakRss = Math.max(peakRss, m.rss))), 250);
    const latencies: number[] = [];
    let failures = 0;
    const t0 = performance.now();
    await pool(proofs, CONCURRENCY, async (proof) => {
      const s = performance.now();
      const res = await fetch(`${base}/api/v1/tips`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(proof) });
      await res.arrayBuffer();
      latencies.push(performance.now() - s);
      if (res.status !== 201) failures++;
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const after = await mem();
    const sorted = [...latencies].sort((a, b) => a - b);
    const rate = TIPS / seconds;
    process.stdout.write(
      [
        `machine: ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), node ${process.version}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? 4}`,
        `argon2id receipt hashes (19 MiB, t=2, p=1) at concurrency ${CONCURRENCY}: ${ceiling.toFixed(1)}/s`,
        `POST /api/v1/tips x${TIPS} at concurrency ${CONCURRENCY}: ${rate.toFixed(1)} tips/s (${((100 * rate) / ceiling).toFixed(0)}% of the argon2id ceiling), ${failures} failed`,
        `latency p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`,
        `server memory: rss ${mb(before.rss)} before, peak ${mb(peakRss)} under load, ${mb(after.rss)} after; heap used ${mb(after.heapUsed)}`,
      ].join('\n') + '\n',
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      child.send('stop');
      await new Promise((r) => child!.once('exit', r));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
