import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(what: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return what();
}

/**
 * `npm start` as a service manager runs it: a signal to the npm process alone (not its process
 * group) must stop the app and its embedded PostgreSQL. Real processes: npm, sh, node, postgres.
 */
describe('npm start stops like a service', () => {
  jest.setTimeout(300_000);
  let base: string;
  const started: ChildProcess[] = [];

  beforeAll(() => {
    // what `npm start` runs (prestart builds; here it is built once, then npm start --ignore-scripts)
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 240_000 });
    base = mkdtempSync(path.join(tmpdir(), 'tipline-signals-'));
    chmodSync(base, 0o755);
  });
  afterAll(() => {
    for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(base, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the npm process stops the app and its PostgreSQL`, async () => {
      const dir = path.join(base, 'pg');
      const port = await freePort();
      const npm = spawn('npm', ['start', '--ignore-scripts'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '' },
      });
      started.push(npm);
      let stderr = '';
      npm.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      npm.stdout!.on('data', () => undefined);
      // The banner is its own write after the 'serves on' line: wait for both chunks (under load they arrive apart).
      expect(await until(() => stderr.includes('tipline serves on') && stderr.includes('data in '), 240_000)).toBe(true);
      expect(stderr).toContain(`data in ${dir}`); // the banner
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

      const postgresPid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const appPid = Number(readFileSync(`/proc/${postgresPid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      expect(readFileSync(`/proc/${appPid}/cmdline`, 'utf8')).toContain('dist/src/main.js');

      npm.kill(signal);
      expect(await until(() => !alive(appPid) && !alive(postgresPid), 60_000)).toBe(true);
      expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false); // PostgreSQL shut down cleanly
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      expect(stderr).toContain(`${signal} received, shutting down`);
    });
  }
});
