import { randomInt } from 'node:crypto';
import * as argon2 from 'argon2';
import { createHmac } from 'node:crypto';

/**
 * Tipster receipts: 16 digits from a CSPRNG (about 53 bits), shown as four groups of four so
 * it can be read over a phone. Only a deterministic argon2id hash is stored: OWASP/ASVS
 * parameters (19 MiB, 2 passes, 1 lane), a fixed salt derived from the pepper and the pepper as
 * argon2's secret, both kept outside the database; lookup is one equality query on the hash.
 */
export const RECEIPT_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, hashLength: 32 } as const;

export function newReceipt(): string {
  const groups: string[] = [];
  for (let i = 0; i < 4; i++) groups.push(String(randomInt(0, 10_000)).padStart(4, '0'));
  return groups.join(' ');
}

/** Digits only, or null when it cannot be a receipt (spaces, dashes and dots are allowed). */
export function normalizeReceipt(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const digits = input.replace(/[\s.\-–]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

export class ReceiptHasher {
  private readonly salt: Buffer;
  constructor(private readonly pepper: Buffer) {
    this.salt = createHmac('sha256', pepper).update('tipline receipt salt v1').digest().subarray(0, 16);
  }

  /** The stored form of a receipt; any string is hashed (a wrong receipt costs the same). */
  async hash(receiptDigits: string): Promise<string> {
    const raw = await argon2.hash(receiptDigits, {
      type: argon2.argon2id,
      ...RECEIPT_ARGON2,
      salt: this.salt,
      secret: this.pepper,
      raw: true,
    });
    return raw.toString('base64');
  }
}
