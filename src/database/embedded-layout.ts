import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where the embedded PostgreSQL's binaries and data folder can live. PostgreSQL refuses to run
 * as root, so a root user's tipline runs it as the `postgres` user, which must be able to enter
 * every folder on the way to both (search permission). A clone in root's home folder (mode 0700)
 * fails that. Pure: folder facts in, a decision out (embedded-postgres.ts gathers the facts).
 */

/** One folder on the way to a path: its mode bits and owner. */
export interface FolderFacts {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/** The user PostgreSQL runs as. */
export interface RunAs {
  name: string;
  uid: number;
  gids: number[];
}

/** The first folder of `chain` (outermost first) that `user` may not enter, if any. */
export function firstBlockingFolder(chain: FolderFacts[], user: RunAs): FolderFacts | undefined {
  if (user.uid === 0) return undefined;
  return chain.find((f) => {
    const bit = f.uid === user.uid ? 0o100 : user.gids.includes(f.gid) ? 0o010 : 0o001;
    return (f.mode & bit) === 0;
  });
}

/** Where tipline keeps what a root-run PostgreSQL must reach when the clone is out of its reach. */
export const SHARED_STATE_ROOT = '/var/lib/tipline';

export type EmbeddedLayout =
  | { kind: 'ok'; dataDir: string; binariesDir: string; notes: string[] }
  | { kind: 'refuse'; message: string };

export interface LayoutInput {
  /** Undefined when PostgreSQL runs as the current user (not root): nothing to decide. */
  runAs?: RunAs;
  dataDir: string;
  /** The first folder on the way to dataDir that runAs cannot enter. */
  dataBlockedAt?: FolderFacts;
  /** Whether the user chose dataDir (EMBEDDED_PG_DIR set), or it is tipline's default. */
  dataDirChosen: boolean;
  /** Where to put the data instead when the default folder is out of reach (undefined: refuse). */
  fallbackDataDir?: string;
  binariesDir: string;
  binariesBlockedAt?: FolderFacts;
  /** A copy of the binaries in a place runAs can reach (e.g. /var/lib/tipline/postgres-17.x). */
  binariesCopyDir: string;
}

function describeFolder(f: FolderFacts): string {
  return `${f.path} (mode ${(f.mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${f.uid})`;
}

/**
 * The decision. Binaries out of reach are copied (they are the same files anywhere). A data
 * folder out of reach: tipline's default moves to `fallbackDataDir` (said in the start-up
 * banner); a folder the user chose is never moved behind their back, tipline stops with one line
 * naming the folder, why, and the setting that fixes it.
 */
export function decideEmbeddedLayout(input: LayoutInput): EmbeddedLayout {
  const notes: string[] = [];
  if (!input.runAs) return { kind: 'ok', dataDir: input.dataDir, binariesDir: input.binariesDir, notes };
  const who = `the '${input.runAs.name}' user`;
  let dataDir = input.dataDir;
  if (input.dataBlockedAt) {
    const why = `the embedded PostgreSQL runs as ${who} (PostgreSQL refuses to run as root), which may not enter ${describeFolder(input.dataBlockedAt)}`;
    if (input.dataDirChosen || !input.fallbackDataDir) {
      return {
        kind: 'refuse',
        message: `EMBEDDED_PG_DIR=${input.dataDir} cannot be used: ${why}; set EMBEDDED_PG_DIR to a folder it can reach (e.g. ${SHARED_STATE_ROOT}/postgres), or DATABASE_URL to use an existing PostgreSQL`,
      };
    }
    dataDir = input.fallbackDataDir;
    notes.push(`the PostgreSQL data folder is ${dataDir}, not ${input.dataDir}: ${why}`);
  }
  let binariesDir = input.binariesDir;
  if (input.binariesBlockedAt) {
    binariesDir = input.binariesCopyDir;
    notes.push(`PostgreSQL runs from a copy of its binaries in ${binariesDir}: ${who} may not enter ${describeFolder(input.binariesBlockedAt)}`);
  }
  return { kind: 'ok', dataDir, binariesDir, notes };
}

/**
 * The data folder a root-run tipline uses instead of a default one it cannot use: one per
 * original folder (two clones never share a cluster), named so a person can tell whose it is.
 */
export function fallbackDataDirFor(originalDir: string, root = SHARED_STATE_ROOT): string {
  const resolved = path.resolve(originalDir);
  const tag = createHash('sha256').update(resolved).digest('hex').slice(0, 10);
  const name = path.basename(path.dirname(path.dirname(resolved))).replace(/[^A-Za-z0-9._-]/g, '_') || 'tipline';
  return path.join(root, `${name}-${tag}`, path.basename(resolved));
}

/** Every folder from the root down to (and including) `target`'s parent, then target if it exists. */
export function foldersOnTheWay(target: string): string[] {
  const resolved = path.resolve(target);
  const parts: string[] = [];
  let p = resolved;
  for (;;) {
    parts.unshift(p);
    const up = path.dirname(p);
    if (up === p) break;
    p = up;
  }
  return parts;
}
