/**
 * The benchmarks' data generator: N cases with their tips, timeline events, report figures
 * (case_figures) and one audit event each, across the national dataset, loaded by COPY into a
 * prepared database (migrations + reference data). Used by bench/http.ts, bench/console-pages.ts,
 * bench/profile.ts and bench/round-trips.ts, and runnable alone:
 *
 *   npm run bench:generate -- 1000000      (DATABASE_URL's server, or a temporary embedded one)
 *   BENCH_GENERATE_CHECK=1 npm run bench:generate -- 5000   (also checks the figures and the chain)
 *
 * Shape, deterministic from the case number g:
 *   - unit: 1% to the measured unit (`target`, the first provincial drug police), the rest spread
 *     over every seeded unit; place: every current commune in turn; category and priority cycle;
 *   - created up to 500 days ago; ~70% closed; open cases have a deadline within ~70 days;
 *   - events: opened, then acknowledged (after 1–48 h), actioned (after 1–10 days) for 60% of
 *     them, closed for the closed ones — the timestamps the reports compute response times from;
 *   - one tip per case with a random (not decryptable) narrative: the benchmarks measure queries
 *     and pages, not decryption of generated text;
 *   - case_figures: what the application's refresh statement computes from that row and timeline
 *     (no clocks: no clock figures, pauses or extensions); BENCH_GENERATE_CHECK=1 compares them;
 *   - one `tip.submitted` audit event per case (a tipster's: no actor id), appended to the chain
 *     with links computed here by the application's formulas (bench/audit-chain.ts), so that the
 *     trail verifies like `audit:verify` (BENCH_GENERATE_CHECK=1 runs that verification);
 *     `audit: false` leaves them out. No checkpoint is signed over them.
 * Ids are a random prefix per run and a counter (not a random draw per row).
 *
 * How it is fast (a scratch database is assumed): the secondary indexes of the five tables are
 * dropped and rebuilt after the load; the COPY connections skip foreign-key checks and triggers
 * (session_replication_role = replica, so a superuser), the rows being right by construction; the
 * tables load side by side, from worker threads for large N. The standalone run prints where the
 * time went: rows built (CPU), load, index builds, ANALYZE.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sha256Hex } from '../src/audit/audit-canonical';
import { AUDIT_COPY_COLUMNS, auditCopyLine, EMPTY_AUDIT_HEAD, type AuditHead } from './audit-chain';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const STATUSES = ['new', 'acknowledged', 'verifying', 'actioned'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const CATEGORIES = ['trafficking', 'dealing_point', 'use_hotspot', 'production', 'crime_group', 'precursors', 'other'];

export interface World {
  units: string[];
  communes: string[];
  /** The measured unit: 1% of the cases. */
  target: string;
  dataKey: string;
}

/** Reads the seeded units and current communes and makes one shared (unusable) data key. */
export async function loadWorld(c: Client): Promise<World> {
  const units: string[] = (await c.query(`SELECT id FROM units ORDER BY code`)).rows.map((r: { id: string }) => r.id);
  const communes: string[] = (await c.query(`SELECT DISTINCT code FROM localities WHERE level = 'commune' AND valid_to IS NULL ORDER BY code`)).rows.map(
    (r: { code: string }) => r.code,
  );
  const target: string = (await c.query(`SELECT id FROM units WHERE kind = 'provincial_drug_police' ORDER BY code LIMIT 1`)).rows[0].id;
  const dataKey: string = (
    await c.query(`INSERT INTO data_keys (id, wrapped_key, master_key_id, wrap_version) VALUES (gen_random_uuid(), NULL, 'bench', 1) RETURNING id`)
  ).rows[0].id;
  return { units, communes, target, dataKey };
}

const CASE_COLUMNS =
  'id, reference, unit_id, status, outcome, priority, priority_rank, category, locality_code, channel, observed_at, routing_reason, data_key_id, created_at, stage_started_at, next_deadline_at, acknowledged_at, actioned_at, closed_at';
const TIP_COLUMNS = 'id, case_id, channel, category, locality_code, observed_at, narrative, created_at';
const EVENT_COLUMNS = 'id, case_id, type, actor_type, at, metadata';
/** The rest of case_figures keeps its defaults: no clocks, pauses or extensions (what the refresh computes for them). */
const FIGURE_COLUMNS = 'case_id, unit_id, locality_code, category, status, created_at, month, acknowledged_at, first_action_at, closed_at, ack_hours, first_action_hours, close_hours';
/** audit_append()'s lock: no event is appended by anyone else while the generated ones are. */
const AUDIT_CHAIN_LOCK = 'tipline:audit-chain';
/** From this many cases on, rows are built in worker threads. */
const WORKER_THRESHOLD = Number(process.env.BENCH_GENERATE_WORKER_THRESHOLD ?? 50_000);
const VN_OFFSET = 7 * HOUR; // Asia/Ho_Chi_Minh: UTC+7, no daylight saving

const N = '\\N';

type Table = 'cases' | 'tips' | 'events' | 'figures' | 'audit';

/** What each stream loads, in the order the batches fill them. */
const COPY_SQL: Record<Table, string> = {
  cases: `COPY cases (${CASE_COLUMNS}) FROM STDIN`,
  tips: `COPY tips (${TIP_COLUMNS}) FROM STDIN`,
  events: `COPY case_events (${EVENT_COLUMNS}) FROM STDIN`,
  figures: `COPY case_figures (${FIGURE_COLUMNS}) FROM STDIN`,
  audit: `COPY audit_events (${AUDIT_COPY_COLUMNS}) FROM STDIN`,
};
const TABLE_NAME: Record<Table, string> = { cases: 'cases', tips: 'tips', events: 'case_events', figures: 'case_figures', audit: 'audit_events' };

/**
 * Ids without a random draw per row: a random prefix per run (`prefix`, 12 hex digits), then the
 * kind of row and a counter (valid version-4 layout). Rows of one run sort in generation order,
 * so primary keys append.
 */
function idMaker(prefix: string): (kind: string, n: number) => string {
  const head = `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-4`;
  return (kind, n) => {
    const h = n.toString(16).padStart(17, '0');
    return `${head}${kind}${h.slice(0, 2)}-8${h.slice(2, 5)}-${h.slice(5)}`;
  };
}

/** One share of the load: some of the tables, for cases first..last. */
interface Part {
  url: string;
  first: number;
  last: number;
  world: World;
  now: number;
  prefix: string;
  narrative: string;
  tables: Table[];
  /** For the 'audit' table: the chain's head before the first generated event. */
  audit?: AuditHead;
}

/**
 * Generates the rows of the part's tables for its cases, 10,000 cases a batch, one COPY text per
 * table. Every table's rows derive from the case number alone, so each part makes its own.
 */
function* batches(p: Part): Generator<{ cases: number; rows: Record<Table, string> }> {
  const w = p.world;
  const now = p.now;
  const narrative = p.narrative;
  const want = new Set(p.tables);
  const [wCases, wTips, wEvents, wFigures] = [want.has('cases'), want.has('tips'), want.has('events'), want.has('figures')];
  const audit = want.has('audit') ? { ...p.audit! } : null;
  const uuid = idMaker(p.prefix);
  // Every time is `now` plus whole minutes, and few distinct: format each once.
  const isoCache = new Map<number, string>();
  const iso = (ms: number) => {
    let v = isoCache.get(ms);
    if (v === undefined) isoCache.set(ms, (v = new Date(ms).toISOString()));
    return v;
  };
  let cases = '';
  let tips = '';
  let events = '';
  let figures = '';
  let auditRows = '';
  let n = 0;
  for (let g = p.first; g <= p.last; g++) {
    const id = uuid('1', g);
    const tipId = uuid('2', g);
    const closed = (Math.floor(g / 100) + g) % 10 < 7;
    const unit = g % 100 === 0 ? w.target : w.units[g % w.units.length];
    const created = now - (g % 500) * DAY - (g % 24) * HOUR;
    const acked = created + (1 + (g % 48)) * HOUR;
    const actioned = (g * 7) % 10 < 6 ? acked + (1 + (g % 10)) * DAY : null;
    const closedAt = closed ? Math.max(acked, actioned ?? 0) + (1 + (g % 20)) * DAY : null;
    const status = closed ? 'closed' : actioned ? 'actioned' : STATUSES[g % 3];
    const category = CATEGORIES[g % CATEGORIES.length];
    const commune = w.communes[(g * 31) % w.communes.length];
    const hasAck = status !== 'new';
    const createdIso = iso(created);
    const ackIso = hasAck ? iso(acked) : N;
    const actionedIso = actioned ? iso(actioned) : N;
    const closedIso = closedAt ? iso(closedAt) : N;
    const observedIso = iso(created - 2 * HOUR);
    const tipAt = iso(created - (created % HOUR));
    if (wCases) {
      const prio = Math.floor(g / 7) % 4;
      const deadline = closed ? N : iso(now + ((g * 7919) % 100_000) * 60_000);
      const ref = g.toString(16).toUpperCase().padStart(8, '0');
      cases +=
        `${id}\tTL-${ref.slice(0, 4)}-${ref.slice(4)}\t${unit}\t${status}\t${closed ? 'unsubstantiated' : N}\t${PRIORITIES[prio]}\t${prio}\t${category}\t${commune}\tweb\t${observedIso}\t{}\t${w.dataKey}\t${createdIso}\t` +
        `${closedAt ? closedIso : actioned ? actionedIso : hasAck ? ackIso : createdIso}\t${deadline}\t${ackIso}\t${actionedIso}\t${closedIso}\n`;
    }
    if (wTips) tips += `${tipId}\t${id}\tweb\t${category}\t${commune}\t${observedIso}\t${narrative}\t${tipAt}\n`;
    if (wEvents) {
      let e = g * 4;
      events += `${uuid('3', e++)}\t${id}\topened\tsystem\t${createdIso}\t{}\n`;
      if (hasAck) events += `${uuid('3', e++)}\t${id}\tacknowledged\tsystem\t${ackIso}\t{}\n`;
      if (actioned) events += `${uuid('3', e++)}\t${id}\tactioned\tsystem\t${actionedIso}\t{}\n`;
      if (closedAt) events += `${uuid('3', e++)}\t${id}\tclosed\tsystem\t${closedIso}\t{}\n`;
    }
    if (wFigures) {
      // What the application's refresh computes from that row and timeline (no clocks): first
      // acknowledgement, first action (actioned, else closed), closing; hours since opening.
      const firstAction = actioned ?? closedAt;
      const hours = (at: number | null) => (at === null ? N : String((at - created) / HOUR));
      figures +=
        `${id}\t${unit}\t${commune}\t${category}\t${status}\t${createdIso}\t${iso(created + VN_OFFSET).slice(0, 7)}\t${ackIso}\t${firstAction === null ? N : iso(firstAction)}\t${closedIso}\t` +
        `${hours(hasAck ? acked : null)}\t${hours(firstAction)}\t${hours(closedAt)}\n`;
    }
    // The tip's audit event, as intake records it (a tipster: no actor id), linked to the last one.
    if (audit) {
      auditRows += `${auditCopyLine(audit, {
        at: tipAt.replace('Z', '000Z'),
        actorType: 'tipster',
        actorId: null,
        action: 'tip.submitted',
        targetType: 'tip',
        targetId: tipId,
        unitId: unit,
        requestId: `bench-${g}`,
        changeDigest: sha256Hex(`{"caseId":"${id}","category":"${category}","channel":"web","photos":0}`),
      })}\n`;
    }
    if (++n === 10_000 || g === p.last) {
      yield { cases: n, rows: { cases, tips, events, figures, audit: auditRows } };
      cases = tips = events = figures = auditRows = '';
      n = 0;
    }
  }
}

/** This thread's CPU time (ms), or wall time where Node cannot tell (before 23.9). */
const cpuMs = (): number => {
  const u = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.();
  return u ? (u.user + u.system) / 1000 : performance.now();
};

/**
 * Loads one part: a connection per table (triggers and foreign-key checks off), each fed by COPY
 * as the rows are built, with back-pressure. Returns the CPU milliseconds spent building rows.
 */
async function loadPart(p: Part, progress?: (cases: number) => void): Promise<number> {
  const conns = await Promise.all(p.tables.map(async () => {
    const c = new Client({ connectionString: p.url });
    c.on('error', () => undefined);
    await c.connect();
    await c.query('SET session_replication_role = replica; SET synchronous_commit = off');
    return c;
  }));
  try {
    const streams = p.tables.map((t, i) => conns[i].query(copyFrom(COPY_SQL[t])));
    const done = Promise.all(streams.map((s) => finished(s)));
    done.catch(() => undefined);
    let nodeMs = 0;
    const gen = batches(p);
    for (;;) {
      const s = cpuMs();
      const next = gen.next();
      nodeMs += cpuMs() - s;
      if (next.done) break;
      const waits: Promise<unknown>[] = [];
      p.tables.forEach((t, i) => {
        const text = next.value.rows[t];
        if (text && !streams[i].write(text)) waits.push(once(streams[i], 'drain'));
      });
      await Promise.race([Promise.all(waits), done]);
      progress?.(next.value.cases);
    }
    for (const s of streams) s.end();
    await done;
    return nodeMs;
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/** Runs a part in a worker thread (this file, under ts-node when it is TypeScript). */
function partInWorker(p: Part, progress?: (cases: number) => void): Promise<number> {
  const boot = `${__filename.endsWith('.ts') ? "require('ts-node').register({ transpileOnly: true });" : ''} require(${JSON.stringify(__filename)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: { generatePart: p } });
    worker.on('message', (m: { made?: number; nodeMs?: number; error?: string }) => {
      if (m.made !== undefined) progress?.(m.made);
      if (m.nodeMs !== undefined) resolve(m.nodeMs);
      if (m.error !== undefined) reject(new Error(m.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`generator worker exited (${code})`)));
  });
}

if (!isMainThread && (workerData as { generatePart?: Part } | null)?.generatePart) {
  loadPart((workerData as { generatePart: Part }).generatePart, (made) => parentPort!.postMessage({ made })).then(
    (nodeMs) => parentPort!.postMessage({ nodeMs }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
}

export interface GenerateOptions {
  /** The first case number (cases first..first+count-1; several calls add to one dataset). */
  first?: number;
  log?: (m: string) => void;
  /** One `tip.submitted` audit event per case, continuing the chain (default true). */
  audit?: boolean;
  /** Filled with where the time went (seconds). */
  timings?: Partial<GenerateTimings>;
}

export interface GenerateTimings {
  /** Building the rows (CPU of the worker threads, summed; they run side by side, within `load`). */
  node: number;
  /** Dropping the secondary indexes, then every COPY stream until committed. */
  load: number;
  /** Recreating the secondary indexes. */
  indexes: number;
  analyze: number;
  total: number;
}

/** Runs the tasks on the connections, each taking the next task when done. */
async function onConnections<T>(conns: Client[], tasks: T[], run: (c: Client, t: T) => Promise<void>): Promise<void> {
  const queue = [...tasks];
  await Promise.all(conns.map(async (c) => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) await run(c, t);
  }));
}

/**
 * Adds cases first..last with their tip, timeline events, report figures (case_figures) and,
 * unless `audit: false`, one audit event each, and returns the seconds it took.
 *
 * A scratch database is assumed (the benchmarks'): the secondary indexes of the loaded tables are
 * dropped for the load and rebuilt after it, and the COPY connections run with
 * session_replication_role = replica (needs a superuser), which skips the foreign-key checks and
 * the audit trail's sealing trigger: every row is right by construction (ids of rows this run
 * made; links computed here with the application's formulas, bench/audit-chain.ts). So the
 * tables load side by side: worker threads build the rows (cases and tips; events and figures;
 * the audit chain, which is sequential), each streaming its tables by COPY on its own
 * connections. Then the indexes are rebuilt two at a time and the tables ANALYZEd.
 */
export async function generateCases(url: string, count: number, w: World, options: GenerateOptions = {}): Promise<number> {
  const first = options.first ?? 1;
  const last = first + count - 1;
  const withAudit = options.audit ?? true;
  const tables: Table[] = ['cases', 'tips', 'events', 'figures', ...(withAudit ? (['audit'] as const) : [])];
  const t0 = performance.now();
  const conns = await Promise.all([0, 1].map(async () => {
    const c = new Client({ connectionString: url });
    c.on('error', () => undefined);
    await c.connect();
    await c.query(`SET maintenance_work_mem = '256MB'`);
    return c;
  }));
  const timings = options.timings ?? {};
  try {
    // Secondary indexes (all but the primary keys) out of the way, recreated after the load.
    const names = tables.map((t) => TABLE_NAME[t]);
    const indexes: { name: string; def: string; table: string }[] = (
      await conns[0].query(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def, i.indrelid::regclass::text AS "table"
           FROM pg_index i
          WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        [names],
      )
    ).rows;
    if (indexes.length) await conns[0].query(`DROP INDEX ${indexes.map((i) => i.name).join(', ')}`);

    const base = { url, first, last, world: w, now: Date.now(), prefix: randomBytes(6).toString('hex'), narrative: `\\\\x${randomBytes(48).toString('hex')}` };
    const parts: Part[] = [
      { ...base, tables: ['cases', 'tips'] },
      { ...base, tables: ['events', 'figures'] },
    ];
    if (withAudit) {
      // Held until the generated events are in: audit_append() waits for it.
      await conns[1].query('SELECT pg_advisory_lock(hashtext($1))', [AUDIT_CHAIN_LOCK]);
      const head = (await conns[1].query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0] as { seq: string; hash: string } | undefined;
      parts.push({ ...base, tables: ['audit'], audit: head ? { seq: Number(head.seq), hash: head.hash } : { ...EMPTY_AUDIT_HEAD } });
    }
    let made = 0;
    const progress = (n: number) => {
      made += n;
      options.log?.(`generated ${made.toLocaleString('en')} / ${count.toLocaleString('en')} cases`);
    };
    // Worker threads for a large load (each starts its own TypeScript loader: seconds); the audit
    // chain, and a small load entirely, on this thread.
    const threads = count >= WORKER_THRESHOLD;
    const nodeMs = await Promise.all(
      parts.map((p, i) => (threads && !p.tables.includes('audit') ? partInWorker(p, i === 0 ? progress : undefined) : loadPart(p, i === 0 ? progress : undefined))),
    );
    if (withAudit) await conns[1].query('SELECT pg_advisory_unlock(hashtext($1))', [AUDIT_CHAIN_LOCK]);
    const t1 = performance.now();
    timings.node = nodeMs.reduce((a, b) => a + b, 0) / 1000;
    timings.load = (t1 - t0) / 1000;
    options.log?.(`loaded in ${timings.load.toFixed(1)} s; rebuilding ${indexes.length} indexes`);

    // Two at a time (two CPUs), the biggest tables first.
    const size = (t: string) => ['case_events', 'cases', 'audit_events', 'case_figures', 'tips'].indexOf(t);
    await onConnections(conns, indexes.sort((a, b) => size(a.table) - size(b.table)), async (c, i) => {
      await c.query(i.def);
    });
    const t2 = performance.now();
    timings.indexes = (t2 - t1) / 1000;
    await onConnections(conns, names, async (c, t) => {
      await c.query(`ANALYZE ${t}`);
    });
    timings.analyze = (performance.now() - t2) / 1000;
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
  timings.total = (performance.now() - t0) / 1000;
  return timings.total;
}

/**
 * With BENCH_GENERATE_CHECK=1 (use a small N): the generated figures equal what the application's
 * own refresh statement computes, and the audit trail verifies like `audit:verify` does.
 */
async function check(db: { url: string; dataSource(n: number): Promise<import('typeorm').DataSource> }): Promise<void> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('CREATE TEMP TABLE generated_figures AS SELECT * FROM case_figures');
    await c.query('DELETE FROM case_figures');
    const { refreshCaseFiguresSql } = await import('../src/case-figures/case-figures.repository');
    const refreshed = (await c.query(refreshCaseFiguresSql('all'))).rowCount;
    const diff = (
      await c.query(`SELECT (SELECT count(*) FROM (SELECT * FROM generated_figures EXCEPT ALL SELECT * FROM case_figures) a)::int AS only_generated,
                            (SELECT count(*) FROM (SELECT * FROM case_figures EXCEPT ALL SELECT * FROM generated_figures) b)::int AS only_refreshed`)
    ).rows[0];
    await c.query('ROLLBACK');
    process.stdout.write(`check: case_figures vs the refresh over ${refreshed} cases: ${JSON.stringify(diff)}\n`);
    if (diff.only_generated || diff.only_refreshed) throw new Error('generated case_figures differ from the refresh');
  } finally {
    await c.end();
  }
  const { AuditSigningKey } = await import('../src/audit/audit-signing-key');
  const { AuditVerifyService } = await import('../src/audit/audit-verify.service');
  const { AuditWitnesses } = await import('../src/audit/audit-witnesses.service');
  const { AuditRepository } = await import('../src/audit/audit.repository');
  const { generateKeyPairSync } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const ds = await db.dataSource(2);
  const verifier = new AuditVerifyService(
    new AuditRepository(ds),
    new AuditSigningKey(generateKeyPairSync('ed25519').privateKey, 'bench'),
    { AUDIT_TRUSTED_KEY_IDS: '', AUDIT_CHECKPOINT_INTERVAL_MINUTES: 1 },
    new AuditWitnesses({ AUDIT_WITNESS_DIR: mkdtempSync(path.join(tmpdir(), 'bench-witness-')), EMBEDDED_PG_DIR: '.', AUDIT_WITNESS_EMAILS: '' }),
  );
  const result = await verifier.verify();
  process.stdout.write(`check: audit verify ${JSON.stringify(result)}\n`);
  if (!result.ok) throw new Error('the generated audit trail does not verify');
}

/** Standalone: times the generator on a scratch database (created, prepared and dropped). */
async function main(): Promise<void> {
  const { scratchDatabase } = await import('./scratch-database');
  const { loadavg } = await import('node:os');
  const count = Number(process.argv[2] ?? process.env.BENCH_GENERATE_CASES ?? 1_000_000);
  const db = await scratchDatabase('generate', { prepare: 'reference-data' });
  try {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const world = await loadWorld(c);
    await c.end();
    let last = 0;
    const timings: Partial<GenerateTimings> = {};
    const seconds = await generateCases(db.url, count, world, {
      timings,
      log: (m) => {
        if (Date.now() - last > 5000) (process.stdout.write(`${m}\n`), (last = Date.now()));
      },
    });
    const load = loadavg().map((x) => x.toFixed(2)).join(' ');
    const t = timings as GenerateTimings;
    process.stdout.write(
      `generated ${count.toLocaleString('en')} cases with tips, events, case figures and audit events by COPY in ${seconds.toFixed(1)} s ` +
        `(load ${t.load.toFixed(1)} s, building rows ${t.node.toFixed(1)} s of CPU over the threads side by side; indexes ${t.indexes.toFixed(1)} s; ANALYZE ${t.analyze.toFixed(1)} s; load average ${load})\n`,
    );
    if (process.env.BENCH_GENERATE_CHECK === '1') await check(db);
    process.stdout.write(`RESULT ${JSON.stringify({ bench: 'generate', cases: count, seconds, ...timings, loadavg: load })}\n`);
  } finally {
    await db.drop();
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
