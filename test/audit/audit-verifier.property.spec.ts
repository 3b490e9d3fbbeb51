import fc from 'fast-check';
import { AuditEventRecord, eventDigest, GENESIS_HASH, linkHash } from '../../src/audit/audit-canonical';
import { CheckpointRecord, verifyAuditLog, VerifyResult } from '../../src/audit/audit-verifier';
import { chain, checkpointAt, EventBody, testKey } from './audit-fixtures';

/**
 * Property: an untampered log always verifies; one random tampering always fails verification at
 * the position where it was made (or, where a single log cannot tell which of two neighbours is the
 * forgery, at the second of them; or at the checkpoint that covers a fully re-linked rewrite).
 */
const key = testKey();

const body: fc.Arbitrary<EventBody> = fc.record({
  hashVersion: fc.constant(2),
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorType: fc.constantFrom('staff', 'tipster', 'system', 'channel') as fc.Arbitrary<EventBody['actorType']>,
  actorId: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  action: fc.constantFrom('case.viewed', 'case.acknowledged', 'tip.submitted', 'unit.created'),
  targetType: fc.constantFrom('case', 'tip', 'unit'),
  targetId: fc.option(fc.uuid(), { nil: null }),
  unitId: fc.option(fc.uuid(), { nil: null }),
  requestId: fc.string({ minLength: 1, maxLength: 16 }),
  changeDigest: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')), { nil: null }),
} as unknown as Record<keyof EventBody, fc.Arbitrary<unknown>>) as fc.Arbitrary<EventBody>;

interface Scenario {
  bodies: EventBody[];
  /** checkpoint positions (always including the last event, as a periodic checkpoint would) */
  cps: number[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .array(body, { minLength: 2, maxLength: 30 })
  .chain((bodies) =>
    fc.record({
      bodies: fc.constant(bodies),
      cps: fc
        .uniqueArray(fc.integer({ min: 1, max: bodies.length }), { maxLength: 4 })
        .map((xs) => [...new Set([...xs, bodies.length])].sort((a, b) => a - b)),
    }),
  );

function build(s: Scenario): { log: AuditEventRecord[]; checkpoints: CheckpointRecord[] } {
  const log = chain(s.bodies);
  return { log, checkpoints: s.cps.map((p, i) => checkpointAt(key, log, p, String(i + 1))) };
}

const FIELDS = ['seq', 'at', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'unitId', 'requestId', 'changeDigest', 'prevHash', 'hash'] as const;

function flipChar(s: string, at: number): string {
  const i = at % s.length;
  const c = s.charCodeAt(i);
  const replacement = String.fromCharCode(c === 0x30 ? 0x31 : c ^ 1 || 0x30);
  return s.slice(0, i) + replacement + s.slice(i + 1);
}

type Tamper =
  | { kind: 'change'; k: number; field: (typeof FIELDS)[number]; at: number }
  | { kind: 'delete'; k: number }
  | { kind: 'insert'; k: number; forged: EventBody; wellLinked: boolean }
  | { kind: 'swap'; i: number; j: number }
  | { kind: 'cut'; k: number }
  | { kind: 'restore_fork'; k: number; older: EventBody }
  | { kind: 'restore_stale'; k: number; j: number }
  | { kind: 'relink'; k: number; field: 'action' | 'requestId' };

const tamper = (n: number): fc.Arbitrary<Tamper> => {
  const pos = fc.integer({ min: 1, max: n });
  return fc.oneof(
    fc.record({ kind: fc.constant('change' as const), k: pos, field: fc.constantFrom(...FIELDS), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), k: pos }),
    fc.record({ kind: fc.constant('insert' as const), k: pos, forged: body, wellLinked: fc.boolean() }),
    fc
      .tuple(pos, pos)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ kind: 'swap' as const, i: Math.min(a, b), j: Math.max(a, b) })),
    fc.record({ kind: fc.constant('cut' as const), k: pos }),
    fc.record({ kind: fc.constant('restore_fork' as const), k: pos, older: body }),
    fc
      .tuple(pos, pos)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ kind: 'restore_stale' as const, k: Math.max(a, b), j: Math.min(a, b) })),
    fc.record({ kind: fc.constant('relink' as const), k: pos, field: fc.constantFrom('action' as const, 'requestId' as const) }),
  );
};

/** Applies the tampering; returns the tampered log and the positions the verifier may rightly name. */
function apply(t: Tamper, log: AuditEventRecord[], cps: number[]): { tampered: AuditEventRecord[]; expected: number[] } | null {
  const n = log.length;
  const out = log.map((e) => ({ ...e }));
  switch (t.kind) {
    case 'change': {
      const v = out[t.k - 1][t.field];
      if (v === null) return null;
      const changed = flipChar(v, t.at);
      if (changed === v) return null;
      (out[t.k - 1] as unknown as Record<string, string>)[t.field] = changed;
      return { tampered: out, expected: [t.k] };
    }
    case 'delete':
      out.splice(t.k - 1, 1);
      return { tampered: out, expected: [t.k] };
    case 'insert': {
      const prev = t.k === 1 ? GENESIS_HASH : log[t.k - 2].hash;
      const fields = { ...t.forged, seq: String(t.k) };
      const hash = t.wellLinked ? linkHash(fields.seq, prev, eventDigest(fields)) : 'f'.repeat(64);
      out.splice(t.k - 1, 0, { ...fields, prevHash: prev, hash });
      // a well-linked forgery is only exposed by its successor (or by a checkpoint right after it)
      return { tampered: out, expected: t.wellLinked ? [t.k, t.k + 1] : [t.k] };
    }
    case 'swap':
      [out[t.i - 1], out[t.j - 1]] = [out[t.j - 1], out[t.i - 1]];
      return { tampered: out, expected: [t.i] };
    case 'cut':
      return { tampered: out.slice(0, t.k - 1), expected: [t.k] };
    case 'restore_fork': {
      // the row as it was in an earlier history that shared the prefix: self-consistent, but not this chain's
      const prev = t.k === 1 ? GENESIS_HASH : log[t.k - 2].hash;
      const fields = { ...t.older, seq: String(t.k) };
      const hash = linkHash(fields.seq, prev, eventDigest(fields));
      if (hash === log[t.k - 1].hash) return null;
      out[t.k - 1] = { ...fields, prevHash: prev, hash };
      return { tampered: out, expected: t.k === n ? [n] : [t.k, t.k + 1] };
    }
    case 'restore_stale':
      out[t.k - 1] = { ...log[t.j - 1] };
      return { tampered: out, expected: [t.k] };
    case 'relink': {
      // rewrite event k and recompute every later link: only a signed checkpoint can tell
      const bodies = log.map(({ seq: _s, prevHash: _p, hash: _h, ...b }) => b);
      bodies[t.k - 1] = { ...bodies[t.k - 1], [t.field]: `${bodies[t.k - 1][t.field]}x` };
      const rewritten = chain(bodies.slice(t.k - 1), t.k - 1, t.k === 1 ? GENESIS_HASH : log[t.k - 2].hash);
      return { tampered: [...out.slice(0, t.k - 1), ...rewritten], expected: [cps.find((p) => p >= t.k)!] };
    }
  }
}

function batches<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

describe('audit verifier (property-based)', () => {
  it('verifies every untampered log, however it is batched', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.integer({ min: 1, max: 7 }), async (s, size) => {
        const { log, checkpoints } = build(s);
        const r = await verifyAuditLog(batches(log, size), batches(checkpoints, 2));
        expect(r).toMatchObject({ ok: true, events: String(log.length), lastCheckpoint: { seq: String(log.length) } });
      }),
      { numRuns: 150 },
    );
  });

  it('fails any single tampering and names its position', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario.chain((s) => fc.tuple(fc.constant(s), tamper(s.bodies.length))),
        async ([s, t]) => {
          const { log, checkpoints } = build(s);
          const applied = apply(t, log, s.cps);
          fc.pre(applied !== null);
          const r: VerifyResult = await verifyAuditLog(applied!.tampered, checkpoints);
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(applied!.expected).toContain(Number(r.position));
            // the reported range holds the tampering, and nothing before it is called bad
            if (t.kind === 'relink') expect(Number(r.firstBad)).toBeLessThanOrEqual(t.k);
            if (t.kind === 'relink') expect(Number(r.firstBad)).toBe((s.cps.filter((p) => p < t.k).pop() ?? 0) + 1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
