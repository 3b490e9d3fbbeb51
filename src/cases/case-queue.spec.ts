import { DomainError } from '../common/errors/domain-error';
import { decodeCursor, encodeCursor, keyOf } from './case-queue';

const id = '8f14e45f-ceea-467f-a0e6-0a1b2c3d4e5f';
const row = { id, nextDeadlineAt: new Date('2026-01-02T00:00:00.000Z'), priorityRank: 1, createdAt: new Date('2026-01-01T00:00:00.000Z') };

describe('queue cursors', () => {
  it('round-trip for each sort', () => {
    for (const sort of ['deadline', 'priority', 'age'] as const) {
      const c = { sort, key: keyOf(sort, row) };
      expect(decodeCursor(encodeCursor(c), sort)).toEqual(c);
    }
    expect(keyOf('deadline', { ...row, nextDeadlineAt: null })).toEqual(['infinity', id]);
  });

  it('refuse garbage, tampering and a cursor of another sort with a 400 on `cursor`', () => {
    const bad = [
      'not base64 json',
      encodeCursor({ sort: 'age', key: keyOf('age', row) }),
      Buffer.from(JSON.stringify({ s: 'deadline', k: ["2026-01-01T00:00:00Z'; drop table cases;--", id] })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'deadline', k: ['2026-01-01T00:00:00Z', 'x'] })).toString('base64url'),
      // PostgreSQL refuses these timestamps: they must be a 400 here, not a 500 from the query
      Buffer.from(JSON.stringify({ s: 'deadline', k: ['0000-01-01T00:00:00Z', id] })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'deadline', k: ['2026-02-30T00:00:00Z', id] })).toString('base64url'),
    ];
    for (const raw of bad) {
      let err: DomainError | undefined;
      try {
        decodeCursor(raw, 'deadline');
      } catch (e) {
        err = e as DomainError;
      }
      expect(err?.code).toBe('validation_failed');
    }
  });

  it('refuse a priority rank outside 0..3 (it would overflow the smallint cast)', () => {
    for (const rank of [-1, 4, 1e20, 1.5]) {
      const raw = Buffer.from(JSON.stringify({ s: 'priority', k: [rank, '2026-01-01T00:00:00.000Z', id] })).toString('base64url');
      expect(() => decodeCursor(raw, 'priority')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });
});
