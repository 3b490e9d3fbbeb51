import { DomainError } from '../common/errors/domain-error';
import { parseBacklog, parseHotspots, parseResponseTimes, vietnamDayStart, yearEnd } from './report-filters';

const NOW = new Date('2026-06-15T20:00:00Z'); // 16 June 2026 in Vietnam

function problems(fn: () => unknown): { field: string; reason: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('validation_failed');
    return (e as DomainError).details as { field: string; reason: string; message: string }[];
  }
  throw new Error('expected a validation error');
}

describe('report filters', () => {
  it('default to the 30 Vietnamese days ending today, grouped by unit, JSON in Vietnamese', () => {
    const f = parseResponseTimes({}, NOW);
    expect(f.period).toMatchObject({ from: '2026-05-18', to: '2026-06-16' });
    expect(f.period.fromInstant.toISOString()).toBe('2026-05-17T17:00:00.000Z');
    expect(f.period.toInstant.toISOString()).toBe('2026-06-16T17:00:00.000Z');
    expect(f).toMatchObject({ groupBy: 'unit', format: 'json', lang: 'vi', unitCode: null, localityCode: null, category: null });
  });

  it('take the days inclusive, as instants in Vietnam', () => {
    const f = parseResponseTimes({ from: '2026-03-01', to: '2026-03-31' }, NOW);
    expect(f.period.fromInstant).toEqual(vietnamDayStart('2026-03-01'));
    expect(f.period.toInstant.toISOString()).toBe('2026-03-31T17:00:00.000Z');
  });

  it('refuse from after to, a malformed or impossible date, over 5 years, an unknown groupBy, format or key', () => {
    expect(problems(() => parseResponseTimes({ from: '2026-03-02', to: '2026-03-01' }, NOW))).toEqual([expect.objectContaining({ field: 'from', reason: 'afterTo' })]);
    expect(problems(() => parseResponseTimes({ from: '2026-02-29' }, NOW))[0]).toMatchObject({ field: 'from', reason: 'isDate' });
    expect(problems(() => parseResponseTimes({ to: '16/06/2026' }, NOW))[0]).toMatchObject({ field: 'to', reason: 'isDate' });
    expect(problems(() => parseResponseTimes({ from: '2021-01-01', to: '2026-01-01' }, NOW))[0]).toMatchObject({ field: 'to', reason: 'rangeTooLong' });
    expect(parseResponseTimes({ from: '2021-01-02', to: '2026-01-01' }, NOW).period.from).toBe('2021-01-02');
    expect(problems(() => parseResponseTimes({ from: '2024-02-29', to: '2029-03-01' }, NOW))[0]).toMatchObject({ reason: 'rangeTooLong' });
    expect(parseResponseTimes({ from: '2024-02-29', to: '2029-02-28' }, NOW).period.to).toBe('2029-02-28');
    const many = problems(() => parseResponseTimes({ groupBy: 'week', format: 'pdf', lang: 'fr', colour: 'red', category: 'x', unit: 'a b', locality: '1' }, NOW));
    expect(many.map((p) => `${p.field}:${p.reason}`).sort()).toEqual(['category:isIn', 'colour:unknown', 'format:isIn', 'groupBy:isIn', 'lang:isIn', 'locality:isLocalityCode', 'unit:isUnitCode']);
    // Vietnamese first, English after
    expect(many.find((p) => p.field === 'groupBy')!.message).toMatch(/^"groupBy" phải là một trong: .*\(groupBy must be one of/);
  });

  it('refuse a repeated key instead of picking one', () => {
    expect(problems(() => parseResponseTimes({ unit: ['A', 'B'] }, NOW))[0]).toMatchObject({ field: 'unit', reason: 'single' });
  });

  it('hotspots: a year up to this one, a 2-digit province', () => {
    expect(parseHotspots({}, NOW)).toMatchObject({ year: 2026, provinceCode: null });
    expect(parseHotspots({ year: '2024', province: '01' }, NOW)).toMatchObject({ year: 2024, provinceCode: '01' });
    expect(problems(() => parseHotspots({ year: '2027' }, NOW))[0]).toMatchObject({ field: 'year', reason: 'isYear' });
    expect(problems(() => parseHotspots({ year: '1999' }, NOW))[0]).toMatchObject({ field: 'year', reason: 'isYear' });
    expect(problems(() => parseHotspots({ province: '001' }, NOW))[0]).toMatchObject({ field: 'province', reason: 'isProvinceCode' });
    expect(yearEnd(2025, NOW)).toBe('2025-12-31');
    expect(yearEnd(2026, NOW)).toBe('2026-06-16');
  });

  it('backlog: the summary or the at-risk list', () => {
    expect(parseBacklog({})).toMatchObject({ list: 'summary', format: 'json' });
    expect(parseBacklog({ list: 'at-risk', format: 'csv', lang: 'en' })).toMatchObject({ list: 'at-risk', format: 'csv', lang: 'en' });
    expect(problems(() => parseBacklog({ from: '2026-01-01' }))[0]).toMatchObject({ field: 'from', reason: 'unknown' });
  });
});
