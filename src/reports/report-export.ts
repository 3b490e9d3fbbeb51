/**
 * Report export: CSV (csv-stringify, streamed, UTF-8 with a byte order mark so that Excel reads
 * Vietnamese correctly) and XLSX (exceljs' streaming WorkbookWriter: a bold, frozen header row,
 * numbers as numbers, durations as hours with two decimals, times in Vietnam time). Rows come in
 * as an async iterable (a database cursor for long exports) and leave as a byte stream: neither
 * writer holds the whole result.
 */
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Column, label } from './report-columns';
import type { ReportLang } from './report-filters';

export interface Sheet {
  name: string;
  columns: Column[];
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
}

const VN_OFFSET_MS = 7 * 3_600_000;

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A value as a CSV cell. Hours with 2 decimals, ratios with 4, times as ISO in Vietnam time (+07:00). */
export function csvCell(col: Column, v: unknown, lang: ReportLang): string {
  if (v === null || v === undefined) return '';
  switch (col.type) {
    case 'int':
    case 'number': {
      const n = num(v);
      return n === null ? '' : String(Math.round(n * 100) / 100);
    }
    case 'hours': {
      const n = num(v);
      return n === null ? '' : n.toFixed(2);
    }
    case 'ratio': {
      const n = num(v);
      return n === null ? '' : n.toFixed(4);
    }
    case 'datetime': {
      const d = v instanceof Date ? v : new Date(String(v));
      return `${new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
    }
    case 'bool':
      return v ? (lang === 'vi' ? 'có' : 'yes') : lang === 'vi' ? 'không' : 'no';
    case 'label':
      return label(v, lang);
    default:
      return String(v);
  }
}

/** A value as an XLSX cell: a number, a Date shown in Vietnam time, or text. */
export function xlsxCell(col: Column, v: unknown, lang: ReportLang): string | number | Date | null {
  if (v === null || v === undefined) return null;
  switch (col.type) {
    case 'int':
    case 'number':
    case 'hours':
    case 'ratio':
      return num(v);
    case 'datetime': {
      const d = v instanceof Date ? v : new Date(String(v));
      // Excel has no time zones: the cell holds the wall-clock time in Vietnam.
      return new Date(d.getTime() + VN_OFFSET_MS);
    }
    default:
      return csvCell(col, v, lang);
  }
}

const NUM_FMT: Partial<Record<Column['type'], string>> = {
  int: '0',
  number: '0.##',
  hours: '0.00',
  ratio: '0.00%',
  datetime: 'yyyy-mm-dd hh:mm',
};

async function* asAsync<T>(rows: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> {
  for await (const r of rows) yield r;
}

/** The sheet as CSV bytes: BOM, header row in `lang`, one line per row. */
export function csvStream(sheet: Sheet, lang: ReportLang): Readable {
  const out = new PassThrough();
  const stringifier = stringify({ bom: true, header: true, columns: sheet.columns.map((col) => ({ key: col.key, header: col[lang] })), record_delimiter: 'windows' });
  const cells = Readable.from(
    (async function* () {
      for await (const row of asAsync(sheet.rows)) {
        const rec: Record<string, string> = {};
        for (const col of sheet.columns) rec[col.key] = csvCell(col, row[col.key], lang);
        yield rec;
      }
    })(),
  );
  pipeline(cells, stringifier, out).catch((e) => out.destroy(e));
  return out;
}

/** exceljs' sheet stream (lib/utils/stream-buf.js), the part of it that holds bytes not yet compressed. */
interface SheetStream {
  pipes?: Writable[];
  buffers?: unknown[];
}

/**
 * Whether a stream wants the writer to wait. The zip's entry stream is archiver's readable-stream
 * PassThrough, which predates `writableNeedDrain`: read its state instead.
 */
function needsDrain(w: Writable): boolean {
  return w.writableNeedDrain ?? (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain === true;
}

/** Bytes a sheet may hold before the zip takes its entry (64 KiB buffers): ~1 MiB. */
const MAX_UNPIPED_BUFFERS = 16;

/**
 * Backpressure for exceljs' streaming writer, which has none of its own: a committed row goes
 * into the sheet's buffer stream (exceljs StreamBuf), which writes to the zip's deflate stream
 * without waiting, so rows read from a fast cursor pile up in memory ahead of the compression
 * (measured: +200 MB for 200,000 rows). Before taking the next row this waits until the deflate
 * stream asks for more (`drain`), until the sheet's buffer is small while the zip has not yet
 * started on the sheet, and until the response itself drains (a client reading slowly).
 */
async function sheetDrained(ws: unknown, out: Writable): Promise<void> {
  const sheet = (ws as unknown as { stream?: SheetStream }).stream;
  for (;;) {
    if (out.destroyed) return;
    const sink = sheet?.pipes?.[0];
    if (sink && needsDrain(sink) && !sink.destroyed) await waitFor(sink, 'drain');
    else if (!sink && (sheet?.buffers?.length ?? 0) > MAX_UNPIPED_BUFFERS) await new Promise((r) => setTimeout(r, 5));
    else if (out.writableNeedDrain) await waitFor(out, 'drain');
    else return;
  }
}

/** The event, or the stream closing or failing (the caller looks again). */
function waitFor(stream: Writable, event: 'drain'): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.once(event, done);
    stream.once('close', done);
    stream.once('error', done);
  });
}

/** The sheets as one XLSX workbook, written while the rows arrive, memory flat (see sheetDrained). */
export function xlsxStream(sheets: Sheet[], lang: ReportLang): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  (async () => {
    for (const sheet of sheets) {
      const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((col) => ({
        key: col.key,
        width: Math.min(Math.max(col[lang].length + 2, col.type === 'datetime' ? 18 : 10), 48),
        style: NUM_FMT[col.type] ? { numFmt: NUM_FMT[col.type] } : {},
      }));
      const header = ws.addRow(sheet.columns.map((col) => col[lang]));
      header.font = { bold: true };
      header.commit();
      for await (const row of asAsync(sheet.rows)) {
        // The client went away: stop reading (leaving the loop closes the cursor).
        if (out.destroyed) return;
        ws.addRow(sheet.columns.map((col) => xlsxCell(col, row[col.key], lang))).commit();
        await sheetDrained(ws, out);
      }
      ws.commit();
    }
    await wb.commit();
  })().catch((e) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

const FILE_NAMES: Record<string, { vi: string; en: string }> = {
  'response-times': { vi: 'bao-cao-thoi-gian-xu-ly', en: 'response-times' },
  hotspots: { vi: 'bao-cao-tu-diem', en: 'hotspots' },
  backlog: { vi: 'bao-cao-ton-dong', en: 'backlog' },
  'at-risk': { vi: 'danh-sach-sap-qua-han', en: 'at-risk' },
};

/** e.g. `bao-cao-thoi-gian-xu-ly_2026-01-01_2026-03-31.xlsx` (ASCII only, so every client keeps it). */
export function exportFileName(report: keyof typeof FILE_NAMES, period: string, format: 'csv' | 'xlsx', lang: ReportLang): string {
  return `${FILE_NAMES[report][lang]}_${period.replace(/[^0-9A-Za-z_-]/g, '-')}.${format}`;
}

export function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Collects a stream (tests and small exports). */
export async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}

export { pipeline };
