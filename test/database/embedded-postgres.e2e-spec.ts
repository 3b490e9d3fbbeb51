import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '..', '..');
const WORK = path.join(ROOT, '.data', 'test-embedded');

interface ChildResult {
  child: ChildProcess;
  line: { url?: string; error?: string; pid?: number };
}

function startChild(dir: string, port: number): Promise<ChildResult> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/utils/embedded-child.ts', dir, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
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
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    mkdirSync(WORK, { recursive: true });
    const base = mkdtempSync(path.join(WORK, 'c-'));
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
});
