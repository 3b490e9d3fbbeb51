import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/env';

export interface IntakeSecrets {
  receiptPepper: Buffer;
  proofSecret: string;
}

/**
 * The intake's two secrets, kept outside the database. Configured values win; in development a
 * missing one is generated once into `<data folder>/keys/` (mode 600) so restarts keep receipts
 * valid; in tests each app gets fresh random ones; production refuses to start without them
 * (checked in loadConfig).
 */
export function resolveIntakeSecrets(config: AppConfig): IntakeSecrets {
  const get = (name: 'RECEIPT_PEPPER' | 'INTAKE_PROOF_SECRET'): string => {
    const configured = config[name];
    if (configured) return configured;
    if (config.NODE_ENV === 'test') return randomBytes(32).toString('base64');
    if (config.NODE_ENV === 'production') throw new Error(`${name} must be set in production`);
    const file = join(dirname(config.EMBEDDED_PG_DIR), 'keys', name.toLowerCase().replace(/_/g, '-'));
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    return readFileSync(file, 'utf8').trim();
  };
  return { receiptPepper: Buffer.from(get('RECEIPT_PEPPER'), 'utf8'), proofSecret: get('INTAKE_PROOF_SECRET') };
}

export const INTAKE_SECRETS = Symbol('INTAKE_SECRETS');
