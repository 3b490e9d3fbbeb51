import { parseCoordinates, parseObservedAt, validateTip } from './tip-input';

const now = new Date('2026-11-28T10:00:00Z');
const good = {
  category: 'dealing_point',
  locality: '00004',
  observedAt: '2026-11-27T21:30',
  narrative: 'Có người bán ma túy ở quán nước đầu ngõ mỗi tối.',
  details: { people: '3', timesOfDay: ['evening', 'night'] },
  place: 'quán nước đầu ngõ 12',
  coordinates: '21.0285, 105.8542',
  localPoliceInvolved: 'on',
};

describe('validateTip', () => {
  it('accepts a form-shaped tip and normalises it', () => {
    const { tip, problems } = validateTip(good, 'vi', now);
    expect(problems).toEqual([]);
    expect(tip).toMatchObject({
      category: 'dealing_point',
      locality: '00004',
      details: { people: 3, timesOfDay: ['evening', 'night'] },
      coordinates: { lat: 21.0285, lng: 105.8542 },
      localPoliceInvolved: true,
    });
    expect(tip!.observedAt.toISOString()).toBe('2026-11-27T14:30:00.000Z');
  });

  it('names every bad field with a reason in the tipster language', () => {
    const { tip, problems } = validateTip(
      { category: 'weather', locality: 'x', observedAt: '2027-01-01', narrative: 'short', coordinates: '51.5,0.1' },
      'en',
      now,
    );
    expect(tip).toBeUndefined();
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['category', 'invalid_category'],
      ['locality', 'invalid_locality'],
      ['observedAt', 'future_date'],
      ['narrative', 'too_short'],
      ['coordinates', 'invalid_coordinates'],
    ]);
    expect(problems[3].message).toMatch(/at least 10 characters/);
    const vi = validateTip({}, 'vi', now).problems;
    expect(vi.find((p) => p.field === 'narrative')?.message).toBe('Vui lòng điền mục này.');
  });

  it('parses the time formats people and apps send', () => {
    expect(parseObservedAt('2026-11-01')?.toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(parseObservedAt('2026-11-01T08:00:00Z')?.toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(parseObservedAt('yesterday')).toBeNull();
    expect(parseObservedAt('2026-02-30T10:00')).toBeNull();
    expect(parseObservedAt('2026-02-29')).toBeNull();
    expect(parseObservedAt('2028-02-29')?.toISOString()).toBe('2028-02-29T05:00:00.000Z');
    expect(parseCoordinates({ lat: 10.77, lng: 106.7 })).toEqual({ lat: 10.77, lng: 106.7 });
    expect(parseCoordinates('abc')).toBe('invalid');
  });
});
