import { ConfigError, loadConfig, SECRET_VARIABLES } from './env';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.EMBEDDED_PG_DIR).toBe('./.data/postgres');
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DB_POOL_SIZE: '0' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('LOG_LEVEL');
      expect(msg).toContain('DB_POOL_SIZE');
    }
  });

  it('never echoes a secret back', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@h/db' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:hunter2@h/db' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
      expect((e as Error).message).toContain('DATABASE_URL');
    }
  });
});

describe('README configuration table', () => {
  // The README promises every variable with its default: parse its table and compare.
  const readme = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../README.md'), 'utf8') as string;
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \|/.exec(line);
    if (m) rows.set(m[1], m[2].trim());
  }
  const defaults = loadConfig({}) as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(defaults), 'DATABASE_URL', 'AUDIT_SIGNING_KEY', 'MASTER_KEYS', 'MASTER_KEY_FILE', 'RECEIPT_PEPPER', 'INTAKE_PROOF_SECRET', 'METRICS_TOKEN'])];
  // Read by Node itself, not by loadConfig; main.ts gives it a default (see the README row).
  const processVariables = ['UV_THREADPOOL_SIZE'];

  it('has a row for every environment variable, and none for unknown ones', () => {
    expect(keys.filter((k) => !rows.has(k))).toEqual([]);
    expect([...rows.keys()].filter((k) => !keys.includes(k) && !processVariables.includes(k))).toEqual([]);
  });

  it('states each default as loadConfig applies it', () => {
    const wrong: string[] = [];
    for (const key of keys) {
      const shown = rows.get(key);
      const value = defaults[key];
      if (shown === undefined) continue;
      const expected = value === undefined ? /^\*\((unset|generated)\)\*$/ : value === '' ? /^\*\(empty\)\*$/ : new RegExp(`^\`${String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`$`);
      if (!expected.test(shown)) wrong.push(`${key}: README says ${shown}, default is ${JSON.stringify(value)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('marks every secret as a secret', () => {
    for (const key of SECRET_VARIABLES) expect(readme).toMatch(new RegExp(`\\| \`${key}\` \\| [^|]* \\| \\*\\*secret\\.\\*\\*`));
  });
});
