/**
 * `npm run bench`: runs every benchmark in turn and writes `bench/results/latest.md`: the
 * machine (CPU count and model, Node and PostgreSQL versions, date) and one table of the figures
 * each benchmark printed, next to what each is compared with and the machine's load average
 * while it ran. Quiet: it prints one line per benchmark as it finishes, then the table; each
 * benchmark's whole output is kept beside it (`bench/results/<name>.log`; BENCH_VERBOSE=1 streams
 * it too). Benchmarks print figures; this passes or fails nothing, but says which benchmark did
 * not finish.
 *
 *   BENCH_ONLY=intake,http   runs only those (names as in the table below); the table keeps the
 *                            other benchmarks' rows from the last run that ran them
 *                            (`bench/results/<name>.rows.json`), marked as such.
 * Each benchmark uses DATABASE_URL's server when it is set (role with CREATEDB), otherwise a
 * temporary embedded PostgreSQL of its own (bench/scratch-database.ts); bench:intake uses the
 * server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

interface Bench {
  name: string;
  script: string;
  /** What a figure is compared with, by row label. */
  rows: { label: string; pattern: RegExp; compare?: string }[];
  env?: Record<string, string>;
}

const BENCHES: Bench[] = [
  {
    name: 'intake',
    script: 'bench:intake',
    rows: [
      { label: 'Intake: POST /api/v1/tips at concurrency 32', pattern: /^POST \/api\/v1\/tips.*$/m, compare: 'the argon2id ceiling of the same run (target ≥ 80 %)' },
      { label: 'Intake latency', pattern: /^latency p50.*$/m, compare: 'p99 target < 1 s' },
      { label: 'argon2id ceiling', pattern: /^argon2id receipt hashes.*$/m },
      { label: 'Intake CPU per tip', pattern: /^CPU per tip.*$/m },
    ],
  },
  {
    name: 'http',
    script: 'bench:http',
    rows: [
      { label: 'PostgreSQL commit rate (two inserts)', pattern: /^PostgreSQL commit rate.*$/m },
      { label: 'Staff write over HTTP, concurrency 8', pattern: /^staff writes \(claim\/release\) at concurrency 8.*$/m, compare: 'the commit rate at 8 connections (target ≥ 0.3 ×, p99 < 50 ms)' },
      { label: 'Staff write CPU, concurrency 8', pattern: /(?<=^staff writes \(claim\/release\) at concurrency 8.*\n)\s*CPU per action.*$/m, compare: 'what bounds the rate on this machine' },
      { label: 'Staff write over HTTP, concurrency 1', pattern: /^staff writes \(claim\/release\) at concurrency 1.*$/m, compare: 'the commit rate at 1 connection' },
      { label: 'Queue page over HTTP', pattern: /^== [\d,]+ cases[\s\S]*?queue page at concurrency 8.*\n\s*CPU per page.*$/gm, compare: 'target ≥ 1,000 pages/s, p95 ≤ 20 ms at 1M' },
    ],
  },
  { name: 'generate', script: 'bench:generate', rows: [{ label: 'Data generator', pattern: /^generated [\d,]+ cases with .*$/m, compare: 'target: 1,000,000 in < 2 min' }] },
  {
    name: 'audit',
    script: 'bench:audit',
    rows: [
      { label: 'Audit write overhead', pattern: /^\d+ writer\(s\)[\s\S]*?overhead:.*$/gm, compare: 'the same transactions without the audit event (target ≥ 0.6 × at 8 writers)' },
      { label: 'Audit verification', pattern: /^verified [\d,]+ events.*$/m },
      { label: 'Audit verification memory', pattern: /^RSS before.*$/m },
    ],
  },
  {
    name: 'routing',
    script: 'bench:routing',
    rows: [
      { label: 'Routing decisions', pattern: /^RoutingService\.route:.*$/m },
      { label: 'Locality import', pattern: /^import of the full dataset.*$/m },
    ],
  },
  {
    name: 'overload',
    script: 'bench:overload',
    rows: [
      { label: 'Overload: answers at 4× the sustainable rate', pattern: /^answers during the flood.*$/m, compare: 'sheds with 429/503 + Retry-After' },
      { label: 'Overload: /health and staff', pattern: /^(\/health|officer's queue page) during the flood.*$/gm },
      { label: 'Overload: memory, recovery, nothing lost', pattern: /^(server peak RSS|acknowledged \d+ tips).*$/gm },
    ],
  },
  { name: 'clocks', script: 'bench:clocks', rows: [{ label: 'Deadline sweeps', pattern: /^.*(sweep|breach).*$/gim, compare: 'targets: nothing due ≤ 50 ms; 10,000 breaches ≤ 30 s' }] },
  {
    name: 'reports',
    script: 'bench:reports',
    rows: [
      { label: 'Reports at 1M cases (median warm run)', pattern: /^\s*(ok|SLOW)\s+\d+ ms.*$/gm, compare: 'target ≤ 1 s each' },
      { label: 'Report exports', pattern: /^\s*a year.*\((groupBy=case)\) (CSV|XLSX):.*$/gm, compare: 'time and peak memory; memory flat in the rows' },
    ],
  },
  {
    name: 'limits',
    script: 'bench:limits',
    rows: [
      { label: 'Limiter per tip admission', pattern: /^limiter per tip admission.*$/m, compare: 'budget ≤ 1 ms per tip' },
      { label: 'Limiter per check (shared store)', pattern: /^database store: consume\(\).*$/gm, compare: 'one SELECT 1 round trip' },
      { label: 'Limiter round-trip floor', pattern: /^baseline: SELECT 1.*$/m },
    ],
  },
  { name: 'hotline', script: 'bench:hotline', rows: [{ label: 'Signed hotline deliveries', pattern: /^.*(deliveries|hotline).*\/s.*$/gim, compare: 'the argon2id ceiling of the same run (target ≥ 80 %)' }] },
];

const RESULTS = path.join(__dirname, 'results');

const verbose = process.env.BENCH_VERBOSE === '1';
const loadNow = () => loadavg()[0].toFixed(1);

function run(b: Bench): Promise<{ code: number | null; output: string; seconds: number; load: string }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const loadBefore = loadNow();
    process.stdout.write(verbose ? `\n=== ${b.name} (npm run ${b.script})\n` : `${b.name} (npm run ${b.script}) … `);
    const child = spawn('npm', ['run', '--silent', b.script], { env: { ...process.env, ...b.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (d: Buffer) => {
      output += d.toString('utf8');
      if (verbose) process.stdout.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      const seconds = (Date.now() - t0) / 1000;
      const load = `${loadBefore}→${loadNow()}`;
      if (!verbose) process.stdout.write(`${code === 0 ? 'done' : `exit ${code}`} in ${seconds.toFixed(0)} s (load ${load})\n`);
      resolve({ code, output, seconds, load });
    });
  });
}

async function postgresVersion(): Promise<string> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new Client({ connectionString: url });
  try {
    await c.connect();
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v + (process.env.DATABASE_URL ? '' : ' (the intake benchmark; others start an embedded PostgreSQL 17 unless DATABASE_URL is set)');
  } catch {
    return 'unknown (no server at DATABASE_URL)';
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Terminal colour codes (Nest's logger colours its lines) do not belong in a Markdown table. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const cell = (s: string) => plain(s).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, '; ').trim();

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const packageScripts = (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const lines: string[] = [];
  const earlier: string[] = [];
  for (const b of BENCHES) {
    const rowsFile = path.join(RESULTS, `${b.name}.rows.json`);
    if (only && !only.includes(b.name)) {
      // Not run now: its rows of the last run that ran it, marked with that run's date.
      if (existsSync(rowsFile)) {
        const kept = JSON.parse(readFileSync(rowsFile, 'utf8')) as { date: string; rows: string[] };
        lines.push(...kept.rows.map(plain));
        earlier.push(`${b.name} (${kept.date})`);
      }
      continue;
    }
    if (!packageScripts[b.script]) {
      lines.push(`| ${b.name} | not available (no \`${b.script}\` script) | | |`);
      continue;
    }
    const r = await run(b);
    writeFileSync(path.join(RESULTS, `${b.name}.log`), r.output);
    const rows: string[] = [];
    if (r.code !== 0) rows.push(`| ${b.name} | did not finish (exit ${r.code}); see \`bench/results/${b.name}.log\` | | ${r.load} |`);
    for (const row of b.rows) {
      const found = row.pattern.global ? [...r.output.matchAll(row.pattern)].map((m) => m[0]) : [row.pattern.exec(r.output)?.[0]].filter((x): x is string => !!x);
      if (found.length === 0) continue;
      rows.push(`| ${row.label} | ${cell(found.join('\n'))} | ${row.compare ?? ''} | ${r.load} |`);
    }
    writeFileSync(rowsFile, JSON.stringify({ date: new Date().toISOString(), rows }, null, 1));
    lines.push(...rows);
  }
  const cpu = cpus();
  const md = [
    '# Benchmark results (`npm run bench`)',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu.length} CPU (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node.js ${process.version}; PostgreSQL ${await postgresVersion()}`,
    '',
    '| benchmark | figure | compared with | load (1-min average, start→end) |',
    '|---|---|---|---|',
    ...lines,
    '',
    `Each figure is the line the benchmark printed; the whole outputs are in \`bench/results/*.log\`. This machine has ${cpu.length} CPUs: a load above that means the figures were taken while other work shared them.`,
    ...(earlier.length ? ['', `Not run this time (BENCH_ONLY); their rows are from the last run that ran them: ${earlier.join(', ')}.`] : []),
    '',
  ].join('\n');
  writeFileSync(path.join(RESULTS, 'latest.md'), md);
  process.stdout.write(`\n${md}`);
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), path.join(RESULTS, 'latest.md'))}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
