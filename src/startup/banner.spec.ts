import path from 'node:path';
import { startupBanner } from './banner';

const config = { NODE_ENV: 'development' as const, EMBEDDED_PG_DIR: '/srv/tipline/.data/postgres' };

describe('startupBanner', () => {
  it('development on the embedded PostgreSQL: URL, data folder, each generated key file, backup advice, first admin', () => {
    const text = startupBanner({ url: 'http://127.0.0.1:3000', config, embeddedDataDir: '/var/lib/tipline/x/postgres', notes: ['moved'] });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('tipline serves on http://127.0.0.1:3000  (form /, API docs /docs, health /health)');
    expect(text).toContain('data in /var/lib/tipline/x/postgres');
    for (const f of ['master-keys.json', 'audit-signing-key.pem', path.join('keys', 'receipt-pepper'), path.join('keys', 'intake-proof-secret')]) {
      expect(text).toContain(path.join('/srv/tipline/.data', f));
    }
    expect(text).toContain('back up the keys together with the database');
    expect(text).toContain('npm run cli -- staff:create --username <name> --role admin --unit <unit code>');
    expect(text).toContain('note: moved');
    expect(lines.length).toBeLessThanOrEqual(8);
  });

  it('production with DATABASE_URL: names the variables that hold the keys, no files, never a value', () => {
    const text = startupBanner({
      url: 'http://0.0.0.0:3000',
      config: { ...config, NODE_ENV: 'production', MASTER_KEYS: 'k1:zq1value', AUDIT_SIGNING_KEY: 'zq2value', RECEIPT_PEPPER: 'zq3value', INTAKE_PROOF_SECRET: 'zq4value' },
      notes: [],
    });
    expect(text).toContain('database: DATABASE_URL');
    expect(text).toContain('keys from the environment: MASTER_KEYS, AUDIT_SIGNING_KEY, RECEIPT_PEPPER, INTAKE_PROOF_SECRET');
    expect(text).not.toContain('generated keys');
    expect(text).not.toMatch(/zq\dvalue/);
  });
});
