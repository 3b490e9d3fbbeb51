import { canonicalJson, CanonicalEncodingError, changeDigest, encodeEventV1, encodeEventV2, eventDigest, GENESIS_HASH, linkHash, sha256Hex } from './audit-canonical';

describe('canonical encoding', () => {
  it('sorts object keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('encodes dates as ISO strings, bigints as decimal strings, -0 as 0 and escapes strings', () => {
    expect(canonicalJson([new Date('2026-01-02T03:04:05.006Z'), 12n, -0, 'a"\n'])).toBe('["2026-01-02T03:04:05.006Z","12",0,"a\\"\\n"]');
  });

  it('encodes class instances by their own fields (or their toJSON), like JSON', () => {
    class Row {
      constructor(
        readonly id: string,
        readonly status: string,
      ) {}
    }
    expect(canonicalJson({ row: new Row('r1', 'open') })).toBe('{"row":{"id":"r1","status":"open"}}');
    expect(canonicalJson({ v: { toJSON: () => 'v1' } })).toBe('{"v":"v1"}');
  });

  it('refuses values without one canonical form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(CanonicalEncodingError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(CanonicalEncodingError);
    expect(() => canonicalJson(new Map())).toThrow(CanonicalEncodingError);
    expect(() => canonicalJson({ b: Buffer.from('x') })).toThrow(CanonicalEncodingError);
    expect(() => canonicalJson(new Date('nope'))).toThrow(CanonicalEncodingError);
  });

  it('digests a change, and no change as null', () => {
    expect(changeDigest(undefined)).toBeNull();
    expect(changeDigest({ status: 'open' })).toBe(sha256Hex('{"status":"open"}'));
    expect(changeDigest({ status: 'open' })).not.toBe(changeDigest({ status: 'closed' }));
  });

  it('encodes an event as a fixed-order array, so every field is bound to the digest', () => {
    const e = {
      seq: '7',
      hashVersion: 1,
      at: '2026-01-01T00:00:00.000000Z',
      actorType: 'staff' as const,
      actorId: 's',
      action: 'case.viewed',
      targetType: 'case',
      targetId: 'c',
      unitId: null,
      requestId: 'r',
      changeDigest: null,
    };
    expect(encodeEventV1({ ...e, at: '2026-01-01T00:00:00.000Z' })).toBe('["tipline.audit.event.v1","2026-01-01T00:00:00.000Z","staff","s","case.viewed","case","c",null,"r",null]');
    // version 1 events came from JavaScript Dates: a time with microseconds was changed
    expect(eventDigest(e)).toBe(sha256Hex(encodeEventV1({ ...e, at: '2026-01-01T00:00:00.000Z' })));
    expect(eventDigest({ ...e, at: '2026-01-01T00:00:00.000001Z' })).not.toBe(eventDigest(e));
    // version 2: length-prefixed fields, null distinct from text, microseconds kept
    expect(encodeEventV2({ ...e, actorId: 'ô' })).toBe('tipline.audit.event.v2\n+27:2026-01-01T00:00:00.000000Z\n+5:staff\n+2:ô\n+11:case.viewed\n+4:case\n+1:c\n-\n+1:r\n-');
    const v2 = { ...e, hashVersion: 2 };
    expect(eventDigest({ ...v2, at: '2026-01-01T00:00:00.000001Z' })).not.toBe(eventDigest(v2));
    expect(eventDigest({ ...v2, unitId: '' })).not.toBe(eventDigest(v2));
    // moving a value between fields changes the digest
    expect(eventDigest({ ...e, actorId: null, targetId: 's' })).not.toBe(eventDigest(e));
    const d = eventDigest(e);
    expect(linkHash('7', GENESIS_HASH, d)).toBe(sha256Hex(`tipline.audit.link.v1\n7\n${GENESIS_HASH}\n${d}`));
    expect(linkHash('7', GENESIS_HASH, d)).not.toBe(linkHash('7', '1'.repeat(64), d));
    expect(linkHash('7', GENESIS_HASH, d)).not.toBe(linkHash('8', GENESIS_HASH, d));
  });
});
