/**
 * `npm run bench:report-export`: memory of the report export writers on a large export, without a
 * database: N synthetic case rows (BENCH_EXPORT_ROWS, default 500,000: a year of the country)
 * streamed from an async source, as a cursor delivers them, through the API's CSV and XLSX
 * writers into a byte counter. Prints time, bytes and peak RSS over the RSS before, sampled every
 * 20 ms, and the live heap after a forced GC (run with --expose-gc, as the npm script does). The
 * memory must not grow with N: run it with two sizes to see.
 */
import { loadavg } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RESPONSE_TIMES_CASE_COLUMNS } from '../src/reports/report-columns';
import { csvStream, xlsxStream } from '../src/reports/report-export';

const N = Number(process.env.BENCH_EXPORT_ROWS ?? 500_000);

async function* rows(n: number): AsyncGenerator<Record<string, unknown>> {
  for (let i = 0; i < n; i++) {
    yield {
      reference: `TL-${i.toString(36).padStart(8, '0')}`, unit_code: 'BC-12345', locality_code: '12345', category: 'trafficking', status: i % 4 ? 'closed' : 'verifying',
      created_at: new Date(1.75e12 + i * 60_000), ack_h: (i % 97) / 3, first_action_h: 12.5 + (i % 13), close_h: i % 4 ? 100 + (i % 500) / 7 : null, paused_h: '0',
    };
    // A cursor delivers rows in batches of 1000, each after a round trip.
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
}

async function run(format: 'csv' | 'xlsx'): Promise<string> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let bytes = 0;
  const t0 = Date.now();
  const sheet = { name: 'Bench', columns: RESPONSE_TIMES_CASE_COLUMNS, rows: Readable.from(rows(N)) };
  await pipeline(format === 'csv' ? csvStream(sheet, 'vi') : xlsxStream([sheet], 'vi'), new Writable({ write: (c: Buffer, _e, cb) => ((bytes += c.length), cb()) }));
  clearInterval(timer);
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  return `${format.toUpperCase()} ${N.toLocaleString('en')} rows: ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s; peak RSS +${((peak - base) / 1e6).toFixed(0)} MB over ${(base / 1e6).toFixed(0)} MB; heap after GC ${(heap / 1e6).toFixed(0)} MB; load ${loadavg()[0].toFixed(1)}`;
}

async function main(): Promise<void> {
  for (const format of ['csv', 'xlsx'] as const) process.stdout.write(`${await run(format)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
