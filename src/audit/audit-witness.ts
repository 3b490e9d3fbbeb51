import { chmodSync, closeSync, createReadStream, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CheckpointRecord } from './audit-verifier';

/**
 * What the witness file holds, one JSON object a line, in the order it happened: every signed
 * checkpoint, every incident (a failed pre-signing verification) and every acknowledgement of
 * one. Kept outside the database, so whoever rewrites the database cannot rewrite these.
 */
export type WitnessEntry =
  | ({ type: 'checkpoint' } & CheckpointRecord)
  | { type: 'incident'; incidentId: string; kind: string; position: string | null; reason: string; headSeq: string; at: string }
  | { type: 'acknowledgement'; incidentId: string; by: string; reason: string; headSeq: string; headHash: string; at: string };

export const WITNESS_FILE_NAME = 'checkpoints.jsonl';

/** The witness folder: AUDIT_WITNESS_DIR, or `audit-witness` beside the embedded database's data folder. */
export function witnessDir(config: { AUDIT_WITNESS_DIR?: string; EMBEDDED_PG_DIR: string }): string {
  return path.resolve(config.AUDIT_WITNESS_DIR ?? path.join(path.dirname(path.resolve(config.EMBEDDED_PG_DIR)), 'audit-witness'));
}

/**
 * The append-only witness file (mode 0600, folder 0700). Every append is one write of a whole line
 * followed by fsync, so a line is either there completely or (after a crash mid-write) a torn last
 * line that readers skip.
 */
export class AuditWitnessFile {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, WITNESS_FILE_NAME);
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  append(entry: WitnessEntry): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const fd = openSync(this.file, 'a', 0o600);
    try {
      if ((fstatSync(fd).mode & 0o077) !== 0) chmodSync(this.file, 0o600);
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every entry, oldest first (streams: the file may be large). */
  async *entries(): AsyncGenerator<WitnessEntry> {
    if (!this.exists()) return;
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) {
      const entry = parseLine(line);
      if (entry) yield entry;
    }
  }

  /** The witnessed checkpoints in pages, oldest first. */
  async *checkpoints(): AsyncGenerator<CheckpointRecord[]> {
    let page: CheckpointRecord[] = [];
    for await (const e of this.entries()) {
      if (e.type !== 'checkpoint') continue;
      const { type: _t, ...c } = e;
      page.push(c);
      if (page.length >= 1000) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** The newest complete entry (read from the end of the file, not the whole file). */
  last(): WitnessEntry | null {
    if (!this.exists()) return null;
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      let span = 64 * 1024;
      for (;;) {
        const start = Math.max(0, size - span);
        const buf = Buffer.alloc(size - start);
        readSync(fd, buf, 0, buf.length, start);
        const lines = buf.toString('utf8').split('\n');
        // the first line of a chunk that does not start the file may be cut
        const from = start === 0 ? 0 : 1;
        for (let i = lines.length - 1; i >= from; i--) {
          const entry = parseLine(lines[i]);
          if (entry) return entry;
        }
        if (start === 0) return null;
        span *= 4;
      }
    } finally {
      closeSync(fd);
    }
  }
}

function parseLine(line: string): WitnessEntry | null {
  if (line.trim() === '') return null;
  try {
    const v = JSON.parse(line) as WitnessEntry;
    return v && typeof v === 'object' && typeof v.type === 'string' ? v : null;
  } catch {
    return null;
  }
}
