import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run cli -- --help', () => {
  it('lists every command without a database or a valid configuration (nothing is started)', () => {
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/cli.ts', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      // nothing listens at port 1, the embedded folder cannot be created, and PORT is invalid:
      // any attempt to start or reach a database, or to check the configuration, would fail
      env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', DATABASE_URL: 'postgres://x:y@127.0.0.1:1/none', EMBEDDED_PG_DIR: '/proc/none/pg', PORT: 'bad' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const name of ['db:migrate', 'audit:verify', 'audit:checkpoint', 'audit:checkpoints', 'keys:rotate', 'retention:run', 'staff:create', 'units:seed']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});
