/**
 * The benchmarks' data generator: N cases with their tips and timeline events across the
 * national dataset, loaded by COPY (three streams, one per table) into a prepared database
 * (migrations + reference data). Used by `bench/http.ts` and runnable alone:
 *
 *   npm run bench:generate -- 1000000      (DATABASE_URL's server, or a temporary embedded one)
 *
 * Shape, deterministic from the case number g:
 *   - unit: 1% to the measured unit (`target`, the first provincial drug police), the rest spread
 *     over every seeded unit; place: every current commune in turn; category and priority cycle;
 *   - created up to 500 days ago; ~70% closed; open cases have a deadline within ~70 days;
 *   - events: opened, then acknowledged (after 1–48 h), actioned (after 1–10 days) for 60% of
 *     them, closed for the closed ones — the timestamps the reports compute response times from;
 *   - one tip per case with a random (not decryptable) narrative: the benchmarks measure queries
 *     and pages, not decryption of generated text. Audit rows are not generated here (the audit
 *     benchmark builds a valid chain of its own).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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

const iso = (ms: number) => new Date(ms).toISOString();
const N = '\\N';

interface Batch {
  cases: string[];
  tips: string[];
  events: string[];
}

/** Generates the rows of cases first..last (1-based), in batches of 10,000 cases. */
function* batches(first: number, last: number, w: World, now: number): Generator<Batch> {
  let b: Batch = { cases: [], tips: [], events: [] };
  const narrative = `\\\\x${randomBytes(48).toString('hex')}`;
  for (let g = first; g <= last; g++) {
    const id = randomUUID();
    const closed = (Math.floor(g / 100) + g) % 10 < 7;
    const unit = g % 100 === 0 ? w.target : w.units[g % w.units.length];
    const created = now - (g % 500) * DAY - (g % 24) * HOUR;
    const acked = created + (1 + (g % 48)) * HOUR;
    const actioned = (g * 7) % 10 < 6 ? acked + (1 + (g % 10)) * DAY : null;
    const closedAt = closed ? Math.max(acked, actioned ?? 0) + (1 + (g % 20)) * DAY : null;
    const status = closed ? 'closed' : actioned ? 'actioned' : STATUSES[g % 3];
    const prio = Math.floor(g / 7) % 4;
    const category = CATEGORIES[g % CATEGORIES.length];
    const commune = w.communes[(g * 31) % w.communes.length];
    const deadline = closed ? N : iso(now + ((g * 7919) % 100_000) * 60_000);
    const hasAck = status !== 'new';
    b.cases.push(
      [
        id,
        `TL-${g.toString(16).toUpperCase().padStart(8, '0').replace(/^(.{4})/, '$1-')}`,
        unit,
        status,
        closed ? 'unsubstantiated' : N,
        PRIORITIES[prio],
        prio,
        category,
        commune,
        'web',
        iso(created - 2 * HOUR),
        '{}',
        w.dataKey,
        iso(created),
        iso(closedAt ?? actioned ?? (hasAck ? acked : created)),
        deadline,
        hasAck ? iso(acked) : N,
        actioned ? iso(actioned) : N,
        closedAt ? iso(closedAt) : N,
      ].join('\t'),
    );
    b.tips.push([randomUUID(), id, 'web', category, commune, iso(created - 2 * HOUR), narrative, iso(created - (created % HOUR))].join('\t'));
    const event = (type: string, at: number) => b.events.push([randomUUID(), id, type, 'system', iso(at), '{}'].join('\t'));
    event('opened', created);
    if (hasAck) event('acknowledged', acked);
    if (actioned) event('actioned', actioned);
    if (closedAt) event('closed', closedAt);
    if (b.cases.length === 10_000) {
      yield b;
      b = { cases: [], tips: [], events: [] };
    }
  }
  if (b.cases.length) yield b;
}

/**
 * Adds cases first..last with their tips and events (COPY, three connections' worth of streams
 * in sequence per batch set). Returns the seconds it took. ANALYZEs the three tables.
 */
export async function generateCases(url: string, count: number, w: World, options: { first?: number; log?: (m: string) => void } = {}): Promise<number> {
  const first = options.first ?? 1;
  const last = first + count - 1;
  const t0 = performance.now();
  const conns = await Promise.all([0, 1, 2].map(async () => {
    const c = new Client({ connectionString: url });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  }));
  try {
    // Cases are committed before the tips and events that reference them: one COPY per table per
    // chunk of 100,000 cases, cases first, then tips and events side by side.
    let done = 0;
    let chunk: Batch = { cases: [], tips: [], events: [] };
    const flush = async () => {
      const rows = (r: string[]) => Readable.from([`${r.join('\n')}\n`]);
      await pipeline(rows(chunk.cases), conns[0].query(copyFrom(`COPY cases (${CASE_COLUMNS}) FROM STDIN`)));
      await Promise.all([
        pipeline(rows(chunk.tips), conns[1].query(copyFrom(`COPY tips (${TIP_COLUMNS}) FROM STDIN`))),
        pipeline(rows(chunk.events), conns[2].query(copyFrom(`COPY case_events (${EVENT_COLUMNS}) FROM STDIN`))),
      ]);
      done += chunk.cases.length;
      chunk = { cases: [], tips: [], events: [] };
      options.log?.(`generated ${done.toLocaleString('en')} / ${count.toLocaleString('en')} cases`);
    };
    for (const b of batches(first, last, w, Date.now())) {
      chunk.cases.push(...b.cases);
      chunk.tips.push(...b.tips);
      chunk.events.push(...b.events);
      if (chunk.cases.length >= 100_000) await flush();
    }
    if (chunk.cases.length) await flush();
    await Promise.all([conns[0].query('ANALYZE cases'), conns[1].query('ANALYZE tips'), conns[2].query('ANALYZE case_events')]);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
  return (performance.now() - t0) / 1000;
}

/** Standalone: times the generator on a scratch database (created, prepared and dropped). */
async function main(): Promise<void> {
  const { scratchDatabase } = await import('./scratch-database');
  const count = Number(process.argv[2] ?? process.env.BENCH_GENERATE_CASES ?? 1_000_000);
  const db = await scratchDatabase('generate', { prepare: 'reference-data' });
  try {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const world = await loadWorld(c);
    await c.end();
    let last = 0;
    const seconds = await generateCases(db.url, count, world, {
      log: (m) => {
        if (Date.now() - last > 5000) (process.stdout.write(`${m}\n`), (last = Date.now()));
      },
    });
    process.stdout.write(`generated ${count.toLocaleString('en')} cases with tips and events by COPY in ${seconds.toFixed(1)} s\n`);
    process.stdout.write(`RESULT ${JSON.stringify({ bench: 'generate', cases: count, seconds })}\n`);
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
