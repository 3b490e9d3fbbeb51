import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import path from 'node:path';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs src/main.ts with `env` until it exits (or 60 s); returns its exit code and stderr. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', TS_NODE_TRANSPILE_ONLY: 'true', ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** The last stderr line must be one JSON error line: no stack, no secret. */
function lastError(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1]) as { level: string; msg: string };
  expect(last.level).toBe('error');
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('hunter2');
  return last.msg;
}

describe('start-up faults give one clear line and exit 1', () => {
  jest.setTimeout(120_000);

  it('names a DATABASE_URL that is not a postgres URL without echoing it', async () => {
    const r = await runMain({ DATABASE_URL: 'mysql://tip:hunter2@127.0.0.1/x', PORT: '0' });
    expect(r.code).toBe(1);
    expect(lastError(r.stderr)).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('says the database refused the connection when nothing listens at DATABASE_URL', async () => {
    const r = await runMain({ DATABASE_URL: 'postgres://tip:hunter2@127.0.0.1:1/tipline', PORT: '0' });
    expect(r.code).toBe(1);
    expect(lastError(r.stderr)).toMatch(/^the database refused the connection \(127\.0\.0\.1:1\); check DATABASE_URL/);
  });

  describe('with a database', () => {
    let db: TestDatabase;
    let blocker: Server;
    beforeAll(async () => {
      db = await createTestDatabase();
      blocker = await new Promise((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
      });
    });
    afterAll(async () => {
      blocker.close();
      await db.drop();
    });

    it('says its HTTP port is in use', async () => {
      const port = (blocker.address() as { port: number }).port;
      const r = await runMain({ DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1' });
      expect(r.code).toBe(1);
      expect(lastError(r.stderr)).toBe(`port ${port} is already in use; set PORT to a free port`);
    });
  });
});
