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
  /** How much harder a `receipt` challenge is. */
  receiptFactor?: number;
}

export type ProofFailure = 'missing' | 'invalid' | 'expired' | 'too_fast';

export type ProofCheck =
  | { ok: true; digest: string; expiresAt: Date; kind: 'pow' | 'wait' }
  | { ok: false; reason: ProofFailure; remainingSeconds?: number };

/** What a proof is for: a tip (normal difficulty) or a receipt look-up past the failure limit (harder). */
export type ProofPurpose = 'tip' | 'receipt';

export interface VerifyOptions {
  purpose?: ProofPurpose;
  /** Wait tokens count only on the HTML form, and only for the form they were rendered into. */
  waitFor?: string;
}

/** The one accepted spelling of each kind of proof: anything else is `invalid`. */
const WAIT_FORM = /^wait:([A-Za-z0-9_-]{1,512})\.([A-Za-z0-9_-]{43})$/;
const ALTCHA_FORM = /^altcha:([A-Za-z0-9+/]{4,4000}={0,2})$/;

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

  /** `receipt` challenges are `receiptFactor` times harder and accepted only for look-ups. */
  async challenge(purpose: ProofPurpose = 'tip'): Promise<Challenge> {
    const iat = Math.floor(this.now() / 1000);
    const range = purpose === 'receipt' ? this.s.difficulty * (this.s.receiptFactor ?? 1) : this.s.difficulty;
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(0, Math.min(range, 2 ** 32 - 1)),
      keyLength: 32,
      keyPrefixLength: 16,
      data: purpose === 'tip' ? { iat } : { iat, purpose },
      expiresAt: iat + this.s.maxAgeSeconds,
      deriveKey,
      hmacSignatureSecret: this.s.secret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  /**
   * A wait token for the form identified by `form` (see formBinding); valid on that form only.
   * A `receipt` token (the JS-off page's way past a failed-address lock) must wait
   * `receiptWaitSeconds` instead, and counts only for a receipt look-up.
   */
  waitToken(form: string, purpose: ProofPurpose = 'tip'): string {
    const body: { iat: number; n: string; f: string; p?: 'receipt' } = { iat: Math.floor(this.now() / 1000), n: randomBytes(12).toString('base64url'), f: form };
    if (purpose === 'receipt') body.p = 'receipt';
    const payload = b64url(JSON.stringify(body));
    return `wait:${payload}.${this.sign(payload)}`;
  }

  /** The wait a `receipt` wait token needs: `receiptFactor` times the form's, as its proof-of-work is that much harder. */
  get receiptWaitSeconds(): number {
    return Math.max(this.s.minAgeSeconds, this.s.waitSeconds) * (this.s.receiptFactor ?? 1);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.s.secret).update(`wait:${payload}`).digest('base64url');
  }

  async verify(proof: unknown, opts: VerifyOptions = {}): Promise<ProofCheck> {
    if (typeof proof !== 'string' || proof.trim() === '') return { ok: false, reason: 'missing' };
    if (proof.length > 4096) return { ok: false, reason: 'invalid' };
    const purpose = opts.purpose ?? 'tip';
    const nowS = this.now() / 1000;
    if (proof.startsWith('wait:')) {
      // Only the HTML pages take wait tokens (the JSON API and channels need the real work).
      if (opts.waitFor === undefined) return { ok: false, reason: 'invalid' };
      const m = WAIT_FORM.exec(proof);
      if (!m) return { ok: false, reason: 'invalid' };
      const [, payload, sig] = m;
      const expected = Buffer.from(this.sign(payload));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
      let body: { iat?: unknown; f?: unknown; p?: unknown };
      try {
        body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat?: unknown; f?: unknown; p?: unknown };
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      const iat = typeof body.iat === 'number' ? body.iat : NaN;
      if (!Number.isFinite(iat) || body.f !== opts.waitFor || (body.p ?? 'tip') !== purpose) return { ok: false, reason: 'invalid' };
      const age = nowS - iat;
      if (age > this.s.maxAgeSeconds) return { ok: false, reason: 'expired' };
      const needed = purpose === 'receipt' ? this.receiptWaitSeconds : Math.max(this.s.minAgeSeconds, this.s.waitSeconds);
      if (age < needed) return { ok: false, reason: 'too_fast', remainingSeconds: Math.max(1, Math.ceil(needed - age)) };
      return { ok: true, kind: 'wait', digest: digest(proof), expiresAt: new Date((iat + this.s.maxAgeSeconds) * 1000) };
    }
    const m = ALTCHA_FORM.exec(proof);
    if (!m) return { ok: false, reason: 'invalid' };
    const raw = Buffer.from(m[1], 'base64');
    // Canonical base64 only: one spelling per solution.
    if (raw.toString('base64') !== m[1]) return { ok: false, reason: 'invalid' };
    let payload: { challenge?: Challenge; solution?: { counter: number; derivedKey: string } };
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const challenge = payload?.challenge;
    const solution = payload?.solution;
    if (
      !challenge ||
      typeof challenge !== 'object' ||
      !challenge.parameters ||
      typeof challenge.parameters !== 'object' ||
      typeof challenge.signature !== 'string' ||
      !solution ||
      typeof solution !== 'object' ||
      !Number.isInteger(solution.counter) ||
      typeof solution.derivedKey !== 'string'
    ) {
      return { ok: false, reason: 'invalid' };
    }
    if (challenge.parameters.algorithm !== 'SHA-256' || challenge.parameters.cost !== 1) return { ok: false, reason: 'invalid' };
    const data = (challenge.parameters.data ?? {}) as { iat?: unknown; purpose?: unknown };
    if ((data.purpose ?? 'tip') !== purpose) return { ok: false, reason: 'invalid' };
    // Expiry by our own clock as well (altcha checks it against the wall clock).
    if (!(typeof challenge.parameters.expiresAt === 'number' && challenge.parameters.expiresAt > nowS)) return { ok: false, reason: 'expired' };
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
    const iat = typeof data.iat === 'number' ? data.iat : NaN;
    if (!Number.isFinite(iat)) return { ok: false, reason: 'invalid' };
    if (nowS - iat < this.s.minAgeSeconds) return { ok: false, reason: 'too_fast', remainingSeconds: Math.max(1, Math.ceil(this.s.minAgeSeconds - (nowS - iat))) };
    return {
      ok: true,
      kind: 'pow',
      digest: digest(challenge.signature),
      expiresAt: new Date(challenge.parameters.expiresAt * 1000),
    };
  }
}

/** What a receipt wait token is bound to: the HTML status page (check or reply). */
export const STATUS_PAGE_BINDING = 'status-page';

/** What a wait token is bound to: the rendered form (language, province, kind of tip). */
export function formBinding(lang: unknown, province: unknown, category: unknown): string {
  const part = (v: unknown) => (typeof v === 'string' ? v.slice(0, 40) : '');
  return createHash('sha256').update(`${part(lang)}|${part(province)}|${part(category)}`).digest('base64url').slice(0, 16);
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
