import {
  CiphertextFormatError,
  openField,
  parseField,
  sealField,
  unwrapDataKey,
  wrapDataKey,
  wrappedMasterKeyId,
} from './envelope-format';

/*
 * Known-answer vectors. The expected bytes were computed independently of this code, with Python's
 * `cryptography` AESGCM from the layout documented in envelope-format.ts, so they pin both the
 * primitive and the layout: changing either breaks stored data and must be a new format version.
 */
const dataKey = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const dataKeyId = '6f1c2a3b-4d5e-4f60-8172-839495a6b7c8';
const iv = Buffer.from(Array.from({ length: 12 }, (_, i) => 0xa0 + i));
const aad = { table: 'tips', column: 'narrative', rowId: '0b7a3f2e-1111-4222-8333-944455556666' };
const plaintext = Buffer.from('Có tụ điểm ma túy ở hẻm 12', 'utf8');
const FIELD_KAT =
  '016f1c2a3b4d5e4f608172839495a6b7c8a0a1a2a3a4a5a6a7a8a9aaaba5dbcf0d312ab91a42a116bae6c143b350c13830e674f815bcef9d195fc394bb691b67ce9de6f6a3b93ed2b45905f8486bcdf25aba';

const masterKey = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x40 + i));
const wrapIv = Buffer.from(Array.from({ length: 12 }, (_, i) => 0xc0 + i));
const WRAP_KAT =
  '01056b32303236c0c1c2c3c4c5c6c7c8c9cacb5f4532cd7e9f3bec7cb02e3da7aeacc28fe44c42ca3b381fe4aa297734676459b8b3c61bfcc2ebdce9202d1858f43d2f';

describe('field format v1', () => {
  it('matches the known-answer vector', () => {
    expect(sealField(dataKey, dataKeyId, aad, iv, plaintext).toString('hex')).toBe(FIELD_KAT);
  });

  it('opens the known-answer vector', () => {
    expect(openField(dataKey, aad, Buffer.from(FIELD_KAT, 'hex')).toString('utf8')).toBe('Có tụ điểm ma túy ở hẻm 12');
  });

  it('carries the format version and data key id in its header', () => {
    const p = parseField(Buffer.from(FIELD_KAT, 'hex'));
    expect(p.version).toBe(1);
    expect(p.dataKeyId).toBe(dataKeyId);
    expect(p.iv.equals(iv)).toBe(true);
  });

  it.each([
    ['another row', { ...aad, rowId: '0b7a3f2e-1111-4222-8333-944455556667' }],
    ['another column', { ...aad, column: 'details' }],
    ['another table', { ...aad, table: 'case_messages' }],
    ['a shifted boundary', { table: 'tipsn', column: 'arrative', rowId: aad.rowId }],
  ])('does not open in %s', (_, other) => {
    expect(() => openField(dataKey, other, Buffer.from(FIELD_KAT, 'hex'))).toThrow();
  });

  it('does not open with another key or a flipped bit', () => {
    const other = Buffer.from(dataKey);
    other[0] ^= 1;
    expect(() => openField(other, aad, Buffer.from(FIELD_KAT, 'hex'))).toThrow();
    for (const at of [0, 5, 20, 40, 70]) {
      const ct = Buffer.from(FIELD_KAT, 'hex');
      ct[at] ^= 0x01;
      expect(() => openField(dataKey, aad, ct)).toThrow();
    }
  });

  it('rejects unknown versions and truncated input with a format error', () => {
    const ct = Buffer.from(FIELD_KAT, 'hex');
    ct[0] = 2;
    expect(() => parseField(ct)).toThrow(CiphertextFormatError);
    expect(() => parseField(Buffer.alloc(10))).toThrow(CiphertextFormatError);
  });

  it('round-trips empty and large plaintexts', () => {
    for (const size of [0, 1, 2048, 300_000]) {
      const pt = Buffer.alloc(size, 7);
      expect(openField(dataKey, aad, sealField(dataKey, dataKeyId, aad, iv, pt)).equals(pt)).toBe(true);
    }
  });
});

describe('wrapped data key format v1', () => {
  it('matches the known-answer vector and names its master key', () => {
    const w = wrapDataKey(masterKey, 'k2026', dataKeyId, wrapIv, dataKey);
    expect(w.toString('hex')).toBe(WRAP_KAT);
    expect(wrappedMasterKeyId(w)).toBe('k2026');
    expect(unwrapDataKey(masterKey, dataKeyId, w).equals(dataKey)).toBe(true);
  });

  it('is bound to its data key id', () => {
    expect(() => unwrapDataKey(masterKey, '6f1c2a3b-4d5e-4f60-8172-839495a6b7c9', Buffer.from(WRAP_KAT, 'hex'))).toThrow();
  });

  it('is bound to its master key id', () => {
    const w = Buffer.from(WRAP_KAT, 'hex');
    w[2] = 'j'.charCodeAt(0); // claims master key "j2026"
    expect(() => unwrapDataKey(masterKey, dataKeyId, w)).toThrow();
  });
});
