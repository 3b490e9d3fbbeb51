import { chain, checkpointAt, sampleBody, testKey } from '../../test/audit/audit-fixtures';
import { eventDigest, linkHash } from './audit-canonical';
import { AuditChainVerifier, verifyAuditLog } from './audit-verifier';

describe('audit chain verifier', () => {
  const key = testKey();
  const log = chain(Array.from({ length: 20 }, (_, i) => sampleBody(i)));
  const cps = [checkpointAt(key, log, 0, '1'), checkpointAt(key, log, 10, '2'), checkpointAt(key, log, 20, '3')];

  it('accepts an untampered log, in batches or one by one', async () => {
    const r = await verifyAuditLog([log.slice(0, 7), log.slice(7)], cps);
    expect(r).toEqual({
      ok: true,
      events: '20',
      headHash: log[19].hash,
      checkpoints: 3,
      lastCheckpoint: { id: '3', seq: '20' },
      covered: '20',
      uncovered: { events: '0', oldestSeq: null, oldestAt: null },
    });
    expect(await verifyAuditLog(log, [cps])).toMatchObject({ ok: true });
  });

  it('names a changed field', async () => {
    const bad = log.map((e) => ({ ...e }));
    bad[4].action = 'case.closed';
    expect(await verifyAuditLog(bad, cps)).toMatchObject({ ok: false, kind: 'hash', position: '5', validUpTo: '4' });
  });

  it('names a deleted event', async () => {
    expect(await verifyAuditLog([...log.slice(0, 5), ...log.slice(6)], cps)).toMatchObject({ ok: false, kind: 'seq_gap', position: '6' });
  });

  it('names swapped events', async () => {
    const bad = [...log];
    [bad[2], bad[8]] = [bad[8], bad[2]];
    expect(await verifyAuditLog(bad, cps)).toMatchObject({ ok: false, kind: 'seq_gap', position: '3' });
  });

  it('reports events after the last checkpoint as uncovered, with the oldest', async () => {
    const r = await verifyAuditLog(log, cps.slice(0, 2));
    expect(r).toMatchObject({ ok: true, events: '20', covered: '10', uncovered: { events: '10', oldestSeq: '11', oldestAt: log[10].at } });
  });

  it('names a deleted checkpoint by the chain of checkpoints', async () => {
    const chained = [checkpointAt(key, log, 5, '1', null)];
    chained.push(checkpointAt(key, log, 10, '2', chained[0]));
    chained.push(checkpointAt(key, log, 20, '3', chained[1]));
    expect(await verifyAuditLog(log, chained)).toMatchObject({ ok: true, checkpoints: 3 });
    expect(await verifyAuditLog(log, [chained[0], chained[2]])).toMatchObject({ ok: false, kind: 'checkpoint_chain', position: '20', checkpointId: '3' });
  });

  it('names a cut tail against the latest checkpoint', async () => {
    expect(await verifyAuditLog(log.slice(0, 15), cps)).toMatchObject({ ok: false, kind: 'tail_cut', position: '16', checkpointId: '3' });
  });

  it('names a rewritten history whose links were all recomputed, at the checkpoint that covers it', async () => {
    const bodies = log.map(({ seq: _s, prevHash: _p, hash: _h, ...b }) => b);
    bodies[12] = { ...bodies[12], action: 'case.closed' };
    const forged = [...log.slice(0, 12), ...chain(bodies.slice(12), 12, log[11].hash)];
    // reported as the range between the last checkpoint that matches and the one that does not
    expect(await verifyAuditLog(forged, cps)).toMatchObject({ ok: false, kind: 'checkpoint_hash', position: '20', firstBad: '11', lastGood: '10', checkpointId: '3' });
  });

  it('rejects a forged checkpoint signature and untrusted keys', async () => {
    const forged = { ...cps[1], headHash: log[9].hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
    expect(await verifyAuditLog(log, [cps[0], forged, cps[2]])).toMatchObject({ ok: false, kind: 'checkpoint_signature', position: '10' });
    const other = testKey();
    expect(await verifyAuditLog(log, [checkpointAt(other, log, 10)], { trustedKeyIds: new Set([key.keyId]) })).toMatchObject({
      ok: false,
      kind: 'checkpoint_key',
    });
  });

  it('names an inserted event with a well-formed link where the chain breaks', async () => {
    const forgedFields = { ...sampleBody(99), seq: '4' };
    const forged = { ...forgedFields, prevHash: log[2].hash, hash: linkHash('4', log[2].hash, eventDigest(forgedFields)) };
    const bad = [...log.slice(0, 3), forged, ...log.slice(3)];
    expect(await verifyAuditLog(bad, cps)).toMatchObject({ ok: false, kind: 'seq_order', position: '5' });
  });

  it('keeps O(1) state: only the head is remembered', () => {
    const v = new AuditChainVerifier();
    for (const e of log) expect(v.event(e)).toBeNull();
    expect(Object.keys(v).sort()).toEqual([
      'anchoredSeq',
      'checkpointCount',
      'coveredSeq',
      'failure',
      'firstUncovered',
      'head',
      'keys',
      'lastCheckpoint',
      'options',
      'prevCheckpointHash',
      'sawChainedCheckpoint',
      'seq',
      'versionTwoSeen',
    ]);
  });
});
