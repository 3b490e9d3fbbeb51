/**
 * `npm run chaos`: crash consistency. "Nothing acknowledged is lost", tried the hard way.
 *
 * A private embedded PostgreSQL (its own folder under the OS temp folder) and the built app
 * (`node dist/src/main.js`, exactly as `npm start` runs it) on loopback. Load clients send tips
 * with unique markers in their narratives and record every receipt they are given. Meanwhile the
 * harness kills the app with SIGKILL at random moments and, now and then, the PostgreSQL
 * postmaster, restarting each. Afterwards it checks, against the database itself:
 *   - every acknowledged tip exists exactly once (markers are found by decrypting narratives with
 *     the run's master key), and its receipt matches its stored hash; a sample is also looked up
 *     through the public status API;
 *   - no marker exists twice, acknowledged or not;
 *   - nothing is half-written: every case has its tip and its `tip.submitted` audit event, every
 *     tip has its case;
 *   - `audit:checkpoint` signs the head (it refuses over a broken chain) and `audit:verify`
 *     accepts the whole trail against the witness file.
 * `synchronous_commit` stays at PostgreSQL's default (on).
 *
 *   CHAOS_APP_KILLS (default 50), CHAOS_PG_KILLS (default 10), CHAOS_CONCURRENCY (default 8),
 *   CHAOS_START_TIMEOUT_MS (default 180000: how long an instance may take to become healthy),
 *   CHAOS_INSTANCES (default 2: two app instances on the one database, clients alternating
 *   between them, each kill taking one of them at random — the several-instances check).
 * Exit 0 when every check holds, 1 otherwise. CI runs a short round (10 app kills, 2 PostgreSQL kills).
 */
import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openField, unwrapDataKey } from '../src/crypto/envelope-format';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { solveForTest } from '../src/intake/proof-of-work';
import { ReceiptHasher } from '../src/intake/receipt';

const APP_KILLS = Number(process.env.CHAOS_APP_KILLS ?? 50);
const PG_KILLS = Number(process.env.CHAOS_PG_KILLS ?? 10);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 8);
const INSTANCES = Number(process.env.CHAOS_INSTANCES ?? 2);
// How long a (re)started instance may take to answer /health: a slow start on a loaded machine is
// not a consistency failure.
const START_TIMEOUT_MS = Number(process.env.CHAOS_START_TIMEOUT_MS ?? 180_000);
const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'cli.js');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (m: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

function tally(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

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

interface Instance {
  port: number;
  child?: ChildProcess;
  log: string;
}

interface Sent {
  marker: string;
  /** 'acked' with a receipt, 'refused' with a 4xx/5xx answer, 'unknown' when the connection broke. */
  outcome: 'acked' | 'refused' | 'unknown';
  receipt?: string;
  status?: number;
  code?: string;
}

class Harness {
  readonly run = randomBytes(4).toString('hex');
  // Readable by others: the embedded PostgreSQL runs as its own user when started by root.
  readonly dir = (() => {
    const d = mkdtempSync(path.join(tmpdir(), 'tipline-chaos-'));
    chmodSync(d, 0o755);
    return d;
  })();
  readonly masterKey = randomBytes(32);
  readonly pepper = randomBytes(32).toString('base64');
  pg?: EmbeddedPostgresHandle;
  pgPort = 0;
  /** The app instances: clients alternate between them; a kill takes one at random. */
  apps: Instance[] = [];
  sent: Sent[] = [];
  /** Log lines of errors the app could not map (printed with a failure). */
  unhandled: string[] = [];
  seq = 0;
  loading = false;

  get dbUrl(): string {
    return this.pg!.url;
  }

  env(port = 0): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: this.dbUrl,
      EMBEDDED_PG_DIR: path.join(this.dir, 'app-data', 'postgres'),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      MASTER_KEYS: `chaos:${this.masterKey.toString('base64')}`,
      RECEIPT_PEPPER: this.pepper,
      INTAKE_POW_DIFFICULTY: '1000',
      INTAKE_FORM_MIN_AGE_SECONDS: '0',
      INTAKE_TIPS_PER_HOUR: '1000000',
      RETENTION_INTERVAL_MINUTES: '0',
    };
  }

  async startPg(): Promise<void> {
    this.pg = await startEmbeddedPostgres({ dir: path.join(this.dir, 'pg'), port: this.pgPort });
  }

  postmasterPid(): number | undefined {
    const file = path.join(this.dir, 'pg', 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  async startApp(app: Instance): Promise<void> {
    app.log = '';
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: this.env(app.port), stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => {
      const text = b.toString('utf8');
      app.log = (app.log + text).slice(-8000);
      // What an unmapped error said (the filter logs its name and message, never the request).
      for (const line of text.split('\n')) if (line.includes('"unhandled error"') && this.unhandled.length < 20) this.unhandled.push(line.slice(0, 600));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    app.child = child;
    await this.waitHealthy(app, START_TIMEOUT_MS);
  }

  async waitHealthy(app: Instance, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (app.child && app.child.exitCode !== null) throw new Error(`the app on port ${app.port} exited (${app.child.exitCode}):\n${app.log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${app.port}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the app on port ${app.port} did not become healthy within ${ms} ms:\n${app.log}`);
  }

  killApp(app: Instance): Promise<void> {
    const child = app.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async killPostmaster(): Promise<void> {
    const pid = this.postmasterPid();
    if (!pid) throw new Error('no postmaster.pid');
    process.kill(pid, 'SIGKILL');
    // The backends notice their postmaster's death and exit; wait until the port is free.
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await sleep(50);
    }
    await sleep(500);
  }

  /** One load client: challenge, solve, POST a tip carrying a unique marker, record the outcome. */
  async client(): Promise<void> {
    let turn = 0;
    const base = () => `http://127.0.0.1:${this.apps[turn++ % this.apps.length].port}`;
    while (this.loading) {
      let proof: string;
      try {
        const c = await fetch(`${base()}/api/v1/intake/challenge`, { signal: AbortSignal.timeout(5000) });
        if (c.status !== 200) throw new Error(String(c.status));
        proof = await solveForTest((await c.json()) as Parameters<typeof solveForTest>[0]);
      } catch {
        await sleep(50);
        continue;
      }
      const marker = `chaos-${this.run}-${++this.seq}`;
      const record: Sent = { marker, outcome: 'unknown' };
      this.sent.push(record);
      try {
        const res = await fetch(`${base()}/api/v1/tips`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            category: 'use_hotspot',
            locality: '07228',
            observedAt: '2026-11-20T21:30',
            narrative: `Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối. ${marker}`,
            proof,
          }),
          signal: AbortSignal.timeout(15_000),
        });
        record.status = res.status;
        const body = (await res.json().catch(() => ({}))) as { receipt?: string; code?: string };
        record.code = body.code;
        if (res.status === 201 && body.receipt) {
          record.outcome = 'acked';
          record.receipt = body.receipt;
        } else {
          record.outcome = 'refused';
        }
      } catch (e) {
        // Refused before anything was sent (that instance is down): not a tip at all. Otherwise the
        // connection broke mid-request: the tip may or may not have committed; it was not acknowledged.
        if ((e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') {
          this.sent.splice(this.sent.indexOf(record), 1);
          await sleep(50);
        }
      }
    }
  }

  async verify(): Promise<string[]> {
    const failures: string[] = [];
    const db = new Client({ connectionString: this.dbUrl });
    await db.connect();
    try {
      const tips = await db.query<{ id: string; narrative: Buffer; receipt_hash: string | null; data_key_id: string; wrapped_key: Buffer | null }>(
        `SELECT t.id, t.narrative, t.receipt_hash, c.data_key_id, k.wrapped_key
           FROM tips t JOIN cases c ON c.id = t.case_id LEFT JOIN data_keys k ON k.id = c.data_key_id`,
      );
      const byMarker = new Map<string, { id: string; receiptHash: string | null }[]>();
      for (const t of tips.rows) {
        if (!t.wrapped_key) {
          failures.push(`tip ${t.id}: its data key is missing`);
          continue;
        }
        const key = unwrapDataKey(this.masterKey, t.data_key_id, t.wrapped_key);
        const text = openField(key, { table: 'tips', column: 'narrative', rowId: t.id }, t.narrative).toString('utf8');
        const m = /chaos-[0-9a-f]{8}-\d+/.exec(text);
        if (!m) continue;
        const list = byMarker.get(m[0]) ?? [];
        list.push({ id: t.id, receiptHash: t.receipt_hash });
        byMarker.set(m[0], list);
      }
      const hasher = new ReceiptHasher(Buffer.from(this.pepper, 'utf8'));
      const acked = this.sent.filter((s) => s.outcome === 'acked');
      let lost = 0;
      let duplicated = 0;
      let wrongReceipt = 0;
      for (const s of acked) {
        const found = byMarker.get(s.marker) ?? [];
        if (found.length === 0) lost++;
        else if (found[0].receiptHash !== (await hasher.hash(s.receipt!.replace(/\D/g, '')))) wrongReceipt++;
      }
      for (const [marker, found] of byMarker) if (found.length > 1) (duplicated++, failures.push(`${marker} stored ${found.length} times`));
      if (lost) failures.push(`${lost} acknowledged tip(s) lost`);
      if (wrongReceipt) failures.push(`${wrongReceipt} acknowledged receipt(s) do not match their tip`);
      const errors = this.sent.filter((s) => s.outcome === 'refused' && (s.status ?? 0) >= 500 && s.status !== 503);
      if (errors.length) failures.push(`${errors.length} answer(s) were 5xx other than 503 (an outage must answer 503 with Retry-After)`);
      const unknownStored = this.sent.filter((s) => s.outcome === 'unknown' && byMarker.has(s.marker)).length;

      // Half-written: a case without its tip, or without the audit event of its tip.
      const orphans = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM tips t WHERE t.case_id = c.id)`,
      );
      if (Number(orphans.rows[0].n) > 0) failures.push(`${orphans.rows[0].n} case(s) without a tip`);
      const unaudited = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM tips t
          WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.target_type = 'tip' AND a.target_id = t.id::text AND a.action = 'tip.submitted')`,
      );
      if (Number(unaudited.rows[0].n) > 0) failures.push(`${unaudited.rows[0].n} tip(s) without their audit event`);

      // A sample of receipts through the public API, as a tipster would use them.
      const sample = acked.slice(-5);
      for (const s of sample) {
        const res = await fetch(`http://127.0.0.1:${this.apps[0].port}/api/v1/tipster/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ receipt: s.receipt }),
        });
        if (res.status !== 200) failures.push(`receipt of ${s.marker}: status look-up answered ${res.status}`);
      }

      // A checkpoint first (it verifies the chain before it signs, and refuses over a broken one),
      // so that the verification below covers every event, up to the last tip.
      const checkpoint = spawnSync(process.execPath, [CLI, 'audit:checkpoint'], { cwd: ROOT, env: this.env(), encoding: 'utf8', timeout: 120_000 });
      if (checkpoint.status !== 0) failures.push(`audit:checkpoint exited ${checkpoint.status}: ${(checkpoint.stdout + checkpoint.stderr).trim().slice(-1500)}`);
      const verify = spawnSync(process.execPath, [CLI, 'audit:verify'], { cwd: ROOT, env: this.env(), encoding: 'utf8', timeout: 120_000 });
      const verdict = (verify.stdout + verify.stderr).trim().split('\n').slice(-3).join(' | ');
      if (verify.status !== 0) failures.push(`audit:verify exited ${verify.status}: ${(verify.stdout + verify.stderr).trim().slice(-1500)}`);

      say(
        [
          `tips sent ${this.sent.length}: acknowledged ${acked.length}, refused ${this.sent.filter((s) => s.outcome === 'refused').length}, ` +
            `connection broken ${this.sent.filter((s) => s.outcome === 'unknown').length} (of which committed anyway: ${unknownStored})`,
          `stored tips ${tips.rows.length}; lost ${lost}; duplicated ${duplicated}; receipts not matching ${wrongReceipt}; ` +
            `cases without tip ${orphans.rows[0].n}; tips without audit event ${unaudited.rows[0].n}`,
          `refusals: ${[...tally(this.sent.filter((s) => s.outcome === 'refused').map((s) => `${s.status} ${s.code ?? ''}`.trim()))].map(([k, n]) => `${k} x${n}`).join(', ') || 'none'}`,
          `receipt look-ups through the API: ${sample.length} tried`,
          `audit:verify: exit ${verify.status} (${verdict})`,
        ].join('\n         '),
      );
    } finally {
      await db.end();
    }
    return failures;
  }

  async cleanup(): Promise<void> {
    for (const app of this.apps) await this.killApp(app);
    await this.pg?.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(MAIN) || !existsSync(CLI)) throw new Error('build first: npm run build');
  const h = new Harness();
  h.pgPort = await freePort();
  for (let i = 0; i < INSTANCES; i++) h.apps.push({ port: await freePort(), log: '' });
  try {
    say(`chaos run ${h.run}: ${INSTANCES} app instance(s), ${APP_KILLS} app kills, ${PG_KILLS} PostgreSQL kills, ${CONCURRENCY} clients; folder ${h.dir}`);
    await h.startPg();
    for (const app of h.apps) await h.startApp(app);
    say(`${h.apps.length} app instance(s) healthy; load starts`);
    h.loading = true;
    const clients = Array.from({ length: CONCURRENCY }, () => h.client());
    // A shuffled schedule: the PostgreSQL kills fall among the app kills.
    const kinds: ('app' | 'pg')[] = [...Array(APP_KILLS).fill('app'), ...Array(PG_KILLS).fill('pg')];
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
    }
    let appKills = 0;
    let pgKills = 0;
    for (const kind of kinds) {
      await sleep(300 + Math.random() * 1200);
      if (kind === 'app') {
        const app = h.apps[Math.floor(Math.random() * h.apps.length)];
        await h.killApp(app);
        appKills++;
        await h.startApp(app);
      } else {
        await h.killPostmaster();
        pgKills++;
        await h.startPg();
        // The app keeps running through the outage; if it died of it, that is a finding too.
        for (const app of h.apps) {
          if (app.child && app.child.exitCode !== null) throw new Error(`the app exited when PostgreSQL was killed:\n${app.log}`);
          await h.waitHealthy(app, START_TIMEOUT_MS);
        }
      }
      if ((appKills + pgKills) % 10 === 0) say(`${appKills} app kills, ${pgKills} PostgreSQL kills; ${h.sent.filter((s) => s.outcome === 'acked').length} tips acknowledged so far`);
    }
    await sleep(1000);
    h.loading = false;
    await Promise.all(clients);
    say(`load stopped after ${appKills} app kills and ${pgKills} PostgreSQL kills; checking`);
    const failures = await h.verify();
    if (process.env.CHAOS_DEBUG) for (const app of h.apps) process.stdout.write(app.log.slice(-3000) + '\n');
    if (failures.length) {
      say(`FAILED:\n  ${failures.slice(0, 20).join('\n  ')}`);
      if (h.unhandled.length) say(`unmapped errors the app logged:\n  ${h.unhandled.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      say('chaos: 0 lost, 0 duplicated, nothing half-written, the audit trail verifies');
    }
  } finally {
    await h.cleanup();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
