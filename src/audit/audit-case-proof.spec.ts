import { chain, checkpointAt, sampleBody, testKey } from '../../test/audit/audit-fixtures';
import { buildCaseProof, CaseProof, verifyCaseProof } from './audit-case-proof';
import type { CheckpointRecord } from './audit-verifier';

describe('per-case proof', () => {
  const key = testKey();
  // 30 events over cases case-0..case-6; checkpoints after 10 and 20 (events 21..30 unanchored)
  const log = chain(Array.from({ length: 30 }, (_, i) => sampleBody(i)));
  const cps: CheckpointRecord[] = [checkpointAt(key, log, 10, '1'), checkpointAt(key, log, 20, '2')];
  const sources = {
    checkpointCovering: async (seq: string) => cps.find((c) => Number(c.seq) >= Number(seq)) ?? null,
    events: async function* (from: string, to: string) {
      yield log.slice(Number(from) - 1, Number(to));
    },
  };
  const own = log.filter((e) => e.targetId === 'case-3');
  const build = () => buildCaseProof('case', 'case-3', own, sources);

  it("proves the case's anchored events and lists the rest as unanchored", async () => {
    const proof = await build();
    const r = verifyCaseProof(proof, { trustedKeyIds: new Set([key.keyId]) });
    expect(r).toMatchObject({ ok: true, complete: false, unanchored: 1, checkpoints: [{ id: '1' }, { id: '2' }] });
    expect(proof.unanchored[0].covered).toBe(false);
    expect(proof.coverage.uncovered).toBe(1);
    if (r.ok) expect(r.message).toContain('NOT covered');
    expect(verifyCaseProof(proof, { trustedKeyIds: [key.keyId] })).toEqual(r);
    if (r.ok) expect(r.events.map((e) => e.seq)).toEqual(['4', '11', '18']);
    expect(proof.unanchored.map((e) => e.seq)).toEqual(['25']);
  });

  it('reveals no field of any other event (only opaque digests and link hashes)', async () => {
    const text = JSON.stringify(await build());
    for (const e of log.filter((x) => x.targetId !== 'case-3')) {
      expect(text).not.toContain(`"${e.requestId}"`);
      expect(text).not.toContain(e.at);
    }
    expect(text).not.toMatch(/case-[0-24-6]/);
  });

  it('fails when an event, a digest, the order or the signer is wrong', async () => {
    const fresh = async () => JSON.parse(JSON.stringify(await build())) as CaseProof;
    const changed = await fresh();
    (changed.segments[0].items[0] as { event: { action: string } }).event.action = 'case.closed';
    expect(verifyCaseProof(changed)).toMatchObject({ ok: false, reason: expect.stringContaining('do not lead to the head') });

    const digest = await fresh();
    const i = digest.segments[0].items.findIndex((x) => 'digest' in x);
    (digest.segments[0].items[i] as { digest: string }).digest = 'f'.repeat(64);
    expect(verifyCaseProof(digest)).toMatchObject({ ok: false });

    const dropped = await fresh();
    dropped.segments[1].items.splice(3, 1);
    expect(verifyCaseProof(dropped)).toMatchObject({ ok: false });

    const foreign = await fresh();
    (foreign.segments[0].items[0] as { event: { targetId: string } }).event.targetId = 'case-4';
    expect(verifyCaseProof(foreign)).toMatchObject({ ok: false, reason: expect.stringContaining('is not about case case-3') });

    expect(verifyCaseProof(await build(), { trustedKeyIds: new Set(['ffffffffffffffff']) })).toMatchObject({ ok: false });
    // the README's form: an array of trusted key ids
    expect(verifyCaseProof(await build(), { trustedKeyIds: ['ffffffffffffffff'] })).toMatchObject({ ok: false });
  });
});
