import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
// altcha-lib v2 ships a CommonJS build under its `require` export, which jest and node both load.
import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Challenge } from 'altcha-lib';

export interface ProofSettings {
  secret: string;
  /** Largest counter the solver may have to try. */
  difficulty: number;
  minAgeSeconds: number;
  maxAgeSeconds: number;
  /** Age a no-JavaScript wait token must reach before it counts. */
  waitSeconds: number;
}

export type ProofFailure = 'missing' | 'invalid' | 'expired' | 'too_fast';

export type ProofCheck =
  | { ok: true; digest: string; expiresAt: Date; kind: 'pow' | 'wait' }
  | { ok: false; reason: ProofFailure };

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/**
 * Abuse control without identity. Two kinds of proof, both signed by the server, expiring, and
 * single use (the caller stores `digest` until `expiresAt`):
 * - `pow`: an ALTCHA v2 challenge (SHA-256, deterministic counter up to `difficulty`), solved by
 *   the page's script or an app; sent as `altcha:<base64 of {challenge, solution}>`.
 * - `wait`: for browsers without JavaScript, a token embedded in the form that only becomes
 *   valid `waitSeconds` after it was issued: `wait:<payload>.<hmac>`.
 */
export class ProofOfWork {
  constructor(
    private readonly s: ProofSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private get keySecret(): string {
    return createHmac('sha256', this.s.secret).update('altcha-key-signature').digest('base64');
  }

  async challenge(): Promise<Challenge> {
    const iat = Math.floor(this.now() / 1000);
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(0, this.s.difficulty),
      keyLength: 32,
      keyPrefixLength: 16,
      data: { iat },
      expiresAt: iat + this.s.maxAgeSeconds,
      deriveKey,
      hmacSignatureSecret: this.s.secret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  waitToken(): string {
    const payload = b64url(JSON.stringify({ iat: Math.floor(this.now() / 1000), n: randomBytes(12).toString('base64url') }));
    return `wait:${payload}.${this.sign(payload)}`;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.s.secret).update(`wait:${payload}`).digest('base64url');
  }

  async verify(proof: unknown): Promise<ProofCheck> {
    if (typeof proof !== 'string' || proof.trim() === '') return { ok: false, reason: 'missing' };
    if (proof.length > 4096) return { ok: false, reason: 'invalid' };
    const nowS = this.now() / 1000;
    if (proof.startsWith('wait:')) {
      const [payload, sig] = proof.slice(5).split('.');
      if (!payload || !sig) return { ok: false, reason: 'invalid' };
      const expected = Buffer.from(this.sign(payload));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
      let iat: number;
      try {
        iat = Number((JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat?: unknown }).iat);
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      if (!Number.isFinite(iat)) return { ok: false, reason: 'invalid' };
      const age = nowS - iat;
      if (age > this.s.maxAgeSeconds) return { ok: false, reason: 'expired' };
      if (age < Math.max(this.s.minAgeSeconds, this.s.waitSeconds)) return { ok: false, reason: 'too_fast' };
      return { ok: true, kind: 'wait', digest: digest(proof), expiresAt: new Date((iat + this.s.maxAgeSeconds) * 1000) };
    }
    const encoded = proof.startsWith('altcha:') ? proof.slice(7) : proof;
    let payload: { challenge?: Challenge; solution?: { counter: number; derivedKey: string } };
    try {
      payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const challenge = payload?.challenge;
    const solution = payload?.solution;
    if (!challenge?.parameters || typeof challenge.signature !== 'string' || !solution || !Number.isInteger(solution.counter)) {
      return { ok: false, reason: 'invalid' };
    }
    if (challenge.parameters.algorithm !== 'SHA-256' || challenge.parameters.cost !== 1) return { ok: false, reason: 'invalid' };
    // Expiry by our own clock as well (altcha checks it against the wall clock).
    if (!(Number(challenge.parameters.expiresAt) > nowS)) return { ok: false, reason: 'expired' };
    let result;
    try {
      result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.s.secret,
        hmacKeySignatureSecret: this.keySecret,
      });
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (result.expired) return { ok: false, reason: 'expired' };
    if (!result.verified) return { ok: false, reason: 'invalid' };
    const iat = Number(challenge.parameters.data?.iat);
    if (!Number.isFinite(iat) || nowS - iat < this.s.minAgeSeconds) return { ok: false, reason: 'too_fast' };
    return {
      ok: true,
      kind: 'pow',
      digest: digest(challenge.signature),
      expiresAt: new Date(Number(challenge.parameters.expiresAt) * 1000),
    };
  }
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Solves a challenge the way the page's script does (for tests and benchmarks). */
export async function solveForTest(challenge: Challenge): Promise<string> {
  const { solveChallenge } = await import('altcha-lib');
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution');
  return `altcha:${Buffer.from(JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } })).toString('base64')}`;
}
