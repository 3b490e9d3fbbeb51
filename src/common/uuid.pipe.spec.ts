import { DomainError } from './errors/domain-error';
import { UuidPipe } from './uuid.pipe';

const meta = (data: string) => ({ type: 'param' as const, data });
const thrown = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('did not throw');
};

describe('UuidPipe', () => {
  it('passes a UUID through unchanged', () => {
    expect(new UuidPipe().transform('3f1c1f44-2a8e-4b43-9a8e-0c9d6c1c2b11', meta('id'))).toBe('3f1c1f44-2a8e-4b43-9a8e-0c9d6c1c2b11');
  });
  it.each(['', 'x', '3f1c1f44-2a8e-4b43-9a8e-0c9d6c1c2b1', '3f1c1f44-2a8e-4b43-9a8e-0c9d6c1c2b11 ', "1' OR '1'='1"])(
    'answers %j with a 400 naming the parameter',
    (bad) => {
      const e = thrown(() => new UuidPipe().transform(bad, meta('caseId')));
      expect(e.code).toBe('validation_failed');
      expect(e.details).toEqual([expect.objectContaining({ field: 'caseId', reason: 'isUuid' })]);
      expect(e.text?.vi).toContain('caseId');
    },
  );
  it('answers a malformed id as a 404 when asked to', () => {
    const e = thrown(() => new UuidPipe({ notFound: 'Hotspot' }).transform('nope', meta('id')));
    expect(e.code).toBe('not_found');
    expect(e.text).toEqual({ vi: 'Không tìm thấy điểm nóng.', en: 'Hotspot was not found.' });
  });
});
