/**
 * `npm run bench:intake`: POST /api/v1/tips at concurrency 32 against the app listening on a
 * loopback port (a child process), next to the argon2id receipt hashes per second this machine
 * manages in the same run (the ceiling: every tip costs one hash). Builds, migrates and loads a
 * database of its own on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test),
 * and drops it. Proofs are solved before the clock starts (that is the client's work).
 *   BENCH_TIPS (default 600) requests; BENCH_CONCURRENCY (default 32); BENCH_KEEP_DATABASE=1 keeps
 *   the database afterwards (to EXPLAIN the tip path's statements on what the run left).
 */
// As main.ts does (first); the server child inherits it, so the ceiling and the server hash alike.
import '../src/common/size-threadpool';
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { appPort, forkApp } from './app-process';
import { cpuMs, procCpuMs } from './cpu-split';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { prepareDatabase } from '../src/database/prepare-database';
import { solveForTest } from '../src/intake/proof-of-work';
import { ReceiptHasher } from '../src/intake/receipt';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const TIPS = Number(process.env.BENCH_TIPS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARM_UP = 16;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MiB`;

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** Receipt hashes per second, the way the server makes them (same hasher, same threadpool), and CPU ms per hash. */
async function argon2Ceiling(): Promise<{ rate: number; cpuPerHash: number }> {
  const hasher = new ReceiptHasher(randomBytes(32));
  const n = Math.max(64, Math.round(TIPS / 4));
  await hasher.hash('0000000000000000');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => String(i).padStart(16, '0')), CONCURRENCY, async (r) => void (await hasher.hash(r)));
  return { rate: n / ((performance.now() - t0) / 1000), cpuPerHash: cpuMs(process.cpuUsage(cpu0)) / n };
}

async function main(): Promise<void> {
  const name = `tipline_bench_intake_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  const url = u.toString();
  let child: ChildProcess | undefined;
  try {
    process.stdout.write(`database ${name}: migrating and loading reference data…\n`);
    await prepareDatabase(url, {});
    child = forkApp(
      {
        ...process.env,
        DATABASE_URL: url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DB_POOL_SIZE: '10',
        INTAKE_POW_DIFFICULTY: '1000',
        INTAKE_FORM_MIN_AGE_SECONDS: '0',
        INTAKE_TIPS_PER_HOUR: String(TIPS * 10),
        MAX_CONNECTIONS_PER_CLIENT: String(CONCURRENCY + 16),
        RETENTION_INTERVAL_MINUTES: '0',
        // Its own witness folder: not the checkpoints another benchmark's database left in the default one.
        AUDIT_WITNESS_DIR: mkdtempSync(join(tmpdir(), 'tipline-bench-witness-')),
      },
      process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/intake/prof'] : [],
    );
    const port = await appPort(child);
    const base = `http://127.0.0.1:${port}`;
    const sample = () => new Promise<{ mem: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage }>((resolve) => {
      child!.once('message', (m: { mem?: NodeJS.MemoryUsage; cpu?: NodeJS.CpuUsage }) => m.mem && m.cpu && resolve({ mem: m.mem, cpu: m.cpu }));
      child!.send('mem');
    });
    const mem = async () => (await sample()).mem;

    process.stdout.write(`solving ${TIPS + WARM_UP} proofs (client side, untimed)…\n`);
    const proofs: string[] = [];
    await pool(Array.from({ length: TIPS + WARM_UP }), 8, async () => {
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
    // node:http with keep-alive: the load generator shares the two cores, so it should cost little.
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const post = (proof: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const payload = body(proof);
        const req = request(`${base}/api/v1/tips`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      });
    // Warm-up with real tips (JIT, the connection pool, the routing snapshot), not counted.
    await pool(proofs.splice(0, WARM_UP), WARM_UP, async (proof) => {
      const res = await post(proof);
      if (res.status !== 201) throw new Error(`warm-up tip refused: ${res.status} ${res.text}`);
    });

    const { rate: ceiling, cpuPerHash } = await argon2Ceiling();
    const backends = async () => (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r) => r.pid);
    const { mem: before, cpu: serverCpu0 } = await sample();
    const pgCpu0 = procCpuMs(await backends());
    const mainCpu0 = procCpuMs([child.pid!]).get(child.pid!) ?? 0;
    const clientCpu0 = process.cpuUsage();
    let peakRss = before.rss;
    const sampler = setInterval(() => void mem().then((m) => (peakRss = Math.max(peakRss, m.rss))), 250);
    const latencies: number[] = [];
    let failures = 0;
    const refusedBy = new Map<number, number>();
    const t0 = performance.now();
    await pool(proofs, CONCURRENCY, async (proof) => {
      const s = performance.now();
      const res = await post(proof);
      latencies.push(performance.now() - s);
      if (res.status !== 201) {
        failures++;
        refusedBy.set(res.status, (refusedBy.get(res.status) ?? 0) + 1);
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    agent.destroy();
    const clientCpu = cpuMs(process.cpuUsage(clientCpu0)) / TIPS;
    let pgCpu = 0;
    for (const [pid, ms] of procCpuMs(await backends())) pgCpu += (ms - (pgCpu0.get(pid) ?? 0)) / TIPS;
    const mainCpu = ((procCpuMs([child.pid!]).get(child.pid!) ?? 0) - mainCpu0) / TIPS;
    const { mem: after, cpu: serverCpu1 } = await sample();
    const serverCpu = (cpuMs(serverCpu1) - cpuMs(serverCpu0)) / TIPS;
    const sorted = [...latencies].sort((a, b) => a - b);
    const rate = TIPS / seconds;
    process.stdout.write(
      [
        `machine: ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), node ${process.version}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE}`,
        `argon2id receipt hashes (19 MiB, t=2, p=1) at concurrency ${CONCURRENCY}: ${ceiling.toFixed(1)}/s`,
        `POST /api/v1/tips x${TIPS} at concurrency ${CONCURRENCY}: ${rate.toFixed(1)} tips/s (${((100 * rate) / ceiling).toFixed(0)}% of the argon2id ceiling), ${failures} failed${failures ? ` (by status: ${JSON.stringify(Object.fromEntries(refusedBy))})` : ''}`,
        `latency p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`,
        `CPU per tip: server ${serverCpu.toFixed(1)} ms (${mainCpu.toFixed(1)} ms on its main thread; one argon2id hash alone: ${cpuPerHash.toFixed(1)} ms), PostgreSQL ${pgCpu.toFixed(1)} ms, load client ${clientCpu.toFixed(1)} ms`,
        `server memory: rss ${mb(before.rss)} before, peak ${mb(peakRss)} under load, ${mb(after.rss)} after; heap used ${mb(after.heapUsed)}`,
      ].join('\n') + '\n',
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      child.send('stop');
      await new Promise((r) => child!.once('exit', r));
    }
    if (process.env.BENCH_KEEP_DATABASE === '1') process.stdout.write(`kept database ${name}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
