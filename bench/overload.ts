/**
 * `npm run bench:overload`: intake at 4× what this machine sustains, open loop (arrivals keep
 * coming whatever the answers), as a flood would. Measures, and prints:
 *   - the sustainable rate first (the argon2id receipt-hash ceiling of this run, as bench:intake);
 *   - during the flood: how the answers split (201 / 429 / 503 / other), whether 429 and 503
 *     carry Retry-After, the latency of /health and of a signed-in officer's queue page;
 *   - the app's peak RSS;
 *   - recovery: seconds from the end of the flood until a new tip is accepted again;
 *   - nothing acknowledged lost: every 201's receipt has its stored tip.
 *   BENCH_OVERLOAD_FACTOR (default 4), BENCH_OVERLOAD_SECONDS (default 20).
 * Prints figures and a RESULT line; passes or fails nothing.
 */
import '../src/common/size-threadpool';
import 'reflect-metadata';
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { solveForTest } from '../src/intake/proof-of-work';
import { RECEIPT_ARGON2 } from '../src/intake/receipt';
import { totpCode } from '../src/staff/totp';
import { appPort, forkApp } from './app-process';
import { scratchDatabase } from './scratch-database';
import * as argon2 from 'argon2';
import { cpus } from 'node:os';

const FACTOR = Number(process.env.BENCH_OVERLOAD_FACTOR ?? 4);
const SECONDS = Number(process.env.BENCH_OVERLOAD_SECONDS ?? 20);
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: string;
  retryAfter?: string;
}

function http(agent: Agent, base: string, method: string, path: string, headers: Record<string, string>, payload?: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    const data = payload === undefined ? undefined : JSON.stringify(payload);
    const h: Record<string, string | number> = { ...headers };
    if (data !== undefined) Object.assign(h, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
    const req = request(`${base}${path}`, { method, agent, headers: h, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] as string | undefined }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(data);
  });
}

/** argon2id receipt hashes per second at concurrency 32 with the server's parameters. */
async function ceiling(): Promise<number> {
  const secret = randomBytes(32);
  const salt = randomBytes(16);
  const n = 96;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next++ < n) await argon2.hash(String(next).padStart(16, '0'), { type: argon2.argon2id, ...RECEIPT_ARGON2, salt, secret, raw: true });
  }));
  return n / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const db = await scratchDatabase('overload', { prepare: 'reference-data' });
  let child: ChildProcess | undefined;
  try {
    const c = new Client({ connectionString: db.url });
    c.on('error', () => undefined);
    await c.connect();
    const unitCode: string = (await c.query(`SELECT code FROM units WHERE kind = 'provincial_drug_police' ORDER BY code LIMIT 1`)).rows[0].code;
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      DB_POOL_SIZE: '10',
      RETENTION_INTERVAL_MINUTES: '0',
      INTAKE_POW_DIFFICULTY: '1000',
      INTAKE_FORM_MIN_AGE_SECONDS: '0',
      // Per-client limits out of the way: the flood comes from one address here, and what is
      // measured is the server's own admission, not the per-client limit.
      INTAKE_TIPS_PER_HOUR: '1000000',
      // Likewise the per-address connection cap (32 by default): beyond it a connection is closed
      // unanswered, which would hide the admission limit's 503s behind dropped connections.
      MAX_CONNECTIONS_PER_CLIENT: '100000',
    };
    const username = `bench-officer-${Date.now()}`;
    const created = JSON.parse(
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'cli', 'cli.ts'), 'staff:create', '--username', username, '--role', 'officer', '--unit', unitCode, '--json', '--no-change-required'], {
        env,
        encoding: 'utf8',
      }).trim().split('\n').pop()!,
    ) as { password: string; totpSecret: string };
    child = forkApp(env);
    const port = await appPort(child);
    const base = `http://127.0.0.1:${port}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 512 });
    const staffAgent = new Agent({ keepAlive: true, maxSockets: 2 });
    const login = await http(staffAgent, base, 'POST', '/api/v1/auth/login', {}, { username, password: created.password, totp: totpCode(created.totpSecret) });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.body}`);
    const auth = { authorization: `Bearer ${(JSON.parse(login.body) as { token: string }).token}` };

    const rate = await ceiling();
    const arrivals = Math.round(rate * FACTOR * SECONDS);
    process.stdout.write(`machine: ${cpus().length} CPU; argon2id ceiling ${rate.toFixed(1)} tips/s; flooding at ${FACTOR}× = ${(rate * FACTOR).toFixed(0)} tips/s for ${SECONDS} s (${arrivals} tips)\n`);
    process.stdout.write(`solving ${arrivals} proofs (client side, before the clock starts)…\n`);
    const proofs: string[] = [];
    for (let i = 0; i < arrivals + 5; i++) {
      const ch = await http(agent, base, 'GET', '/api/v1/intake/challenge', {});
      proofs.push(await solveForTest(JSON.parse(ch.body) as Parameters<typeof solveForTest>[0]));
    }
    const tip = (proof: string) => ({
      category: 'use_hotspot',
      locality: '07228',
      observedAt: '2026-11-20T21:30',
      narrative: 'Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối, khoảng 21 giờ.',
      proof,
    });

    const statuses = new Map<string, number>();
    let missingRetryAfter = 0;
    const receipts: string[] = [];
    let peakRss = 0;
    const sampler = setInterval(() => {
      child!.once('message', (m: { mem?: NodeJS.MemoryUsage }) => m.mem && (peakRss = Math.max(peakRss, m.mem.rss)));
      child!.send('mem');
    }, 250);
    const health: number[] = [];
    const staff: number[] = [];
    let flooding = true;
    const probes = (async () => {
      while (flooding) {
        let s = performance.now();
        const h = await http(staffAgent, base, 'GET', '/health', {});
        if (h.status === 200) health.push(performance.now() - s);
        s = performance.now();
        const q = await http(staffAgent, base, 'GET', '/api/v1/cases?limit=50', auth);
        if (q.status === 200) staff.push(performance.now() - s);
        await sleep(200);
      }
    })();
    const inflight: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < arrivals; i++) {
      const due = t0 + (i / (rate * FACTOR)) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inflight.push(
        http(agent, base, 'POST', '/api/v1/tips', {}, tip(proofs[i])).then((res) => {
          const k = res.status === 0 ? 'no answer' : String(res.status);
          statuses.set(k, (statuses.get(k) ?? 0) + 1);
          if ((res.status === 429 || res.status === 503) && !res.retryAfter) missingRetryAfter++;
          if (res.status === 201) receipts.push((JSON.parse(res.body) as { receipt: string }).receipt);
        }),
      );
    }
    const floodEnd = performance.now();
    await Promise.all(inflight);
    flooding = false;
    await probes;
    // Recovery: from the end of the flood's arrivals until a fresh tip is accepted.
    let recovered = NaN;
    for (let i = 0; i < 5; i++) {
      const res = await http(agent, base, 'POST', '/api/v1/tips', {}, tip(proofs[arrivals + i]));
      if (res.status === 201) {
        recovered = (performance.now() - floodEnd) / 1000;
        receipts.push((JSON.parse(res.body) as { receipt: string }).receipt);
        break;
      }
      await sleep(1000);
    }
    clearInterval(sampler);
    const stored = Number((await c.query('SELECT count(*) AS n FROM tips')).rows[0].n);
    await c.end();
    health.sort((a, b) => a - b);
    staff.sort((a, b) => a - b);
    process.stdout.write(
      [
        `answers during the flood: ${[...statuses].map(([k, n]) => `${k} ×${n}`).join(', ')}; 429/503 without Retry-After: ${missingRetryAfter}`,
        `/health during the flood: ${health.length} answered 200, p50 ${pct(health, 50).toFixed(1)} ms, p99 ${pct(health, 99).toFixed(1)} ms`,
        `officer's queue page during the flood: ${staff.length} answered 200, p50 ${pct(staff, 50).toFixed(1)} ms, p99 ${pct(staff, 99).toFixed(1)} ms`,
        `server peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; recovered (a new tip accepted) ${recovered.toFixed(1)} s after the flood's last arrival`,
        `acknowledged ${receipts.length} tips, stored ${stored}: ${stored >= receipts.length ? 'nothing acknowledged lost' : `${receipts.length - stored} LOST`}`,
      ].join('\n') + '\n',
    );
    process.stdout.write(`RESULT ${JSON.stringify({ bench: 'overload', ceiling: rate, factor: FACTOR, statuses: Object.fromEntries(statuses), missingRetryAfter, peakRss, recovered, acknowledged: receipts.length, stored })}\n`);
    agent.destroy();
    staffAgent.destroy();
  } finally {
    if (child && child.exitCode === null) {
      child.send('stop');
      await new Promise((r) => child!.once('exit', r));
    }
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
