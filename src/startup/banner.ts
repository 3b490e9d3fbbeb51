import path from 'node:path';
import type { EnvironmentVariables } from '../config/env';

export interface BannerInput {
  url: string;
  config: Pick<EnvironmentVariables, 'NODE_ENV' | 'EMBEDDED_PG_DIR' | 'MASTER_KEYS' | 'MASTER_KEY_FILE' | 'AUDIT_SIGNING_KEY' | 'RECEIPT_PEPPER' | 'INTAKE_PROOF_SECRET'>;
  /** Where the embedded PostgreSQL keeps its data (undefined: DATABASE_URL). */
  embeddedDataDir?: string;
  /** Further facts from the database start (a moved data folder, copied binaries). */
  notes: string[];
}

/**
 * The few lines `npm start` prints once it serves: the URL, where the data and the keys are
 * (and that they are backed up together), how to make the first administrator. Pure.
 */
export function startupBanner(b: BannerInput): string {
  const c = b.config;
  const keysDir = path.dirname(path.resolve(c.EMBEDDED_PG_DIR));
  const generated = c.NODE_ENV === 'development';
  const keys: string[] = [];
  const fromEnv: string[] = [];
  const add = (set: boolean, name: string, file: string) => (set ? fromEnv.push(name) : generated ? keys.push(file) : undefined);
  add(Boolean(c.MASTER_KEYS || c.MASTER_KEY_FILE), c.MASTER_KEY_FILE ? `MASTER_KEY_FILE (${c.MASTER_KEY_FILE})` : 'MASTER_KEYS', path.join(keysDir, 'master-keys.json'));
  add(Boolean(c.AUDIT_SIGNING_KEY), 'AUDIT_SIGNING_KEY', path.join(keysDir, 'audit-signing-key.pem'));
  add(Boolean(c.RECEIPT_PEPPER), 'RECEIPT_PEPPER', path.join(keysDir, 'keys', 'receipt-pepper'));
  add(Boolean(c.INTAKE_PROOF_SECRET), 'INTAKE_PROOF_SECRET', path.join(keysDir, 'keys', 'intake-proof-secret'));
  const lines = [
    `tipline serves on ${b.url}  (form /, API docs /docs, health /health)`,
    `  database: ${b.embeddedDataDir ? `embedded PostgreSQL, data in ${b.embeddedDataDir}` : 'DATABASE_URL'}`,
    ...(keys.length ? [`  generated keys: ${keys.join(', ')}`] : []),
    ...(fromEnv.length ? [`  keys from the environment: ${fromEnv.join(', ')}`] : []),
    '  back up the keys together with the database: without them the stored tips and receipts cannot be read',
    '  first administrator: npm run cli -- staff:create --username <name> --role admin --unit <unit code>',
    ...b.notes.map((n) => `  note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
