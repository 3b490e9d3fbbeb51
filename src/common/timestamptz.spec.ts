import fc from 'fast-check';
import { types } from 'pg';
import { parseTimestamptz } from './timestamptz';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** PostgreSQL's text output of a timestamptz (DateStyle ISO) and the same instant as an ISO 8601 string Date parses. */
const timestamptzText = fc
  .record({
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    // PostgreSQL prints 0 to 6 fraction digits, trailing zeros dropped: each length about as often.
    micros: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 999_999 }),
      ...[100_000, 10_000, 1000, 100, 10].map((step) => fc.integer({ min: 0, max: 1_000_000 / step - 1 }).map((x) => x * step)),
    ),
    offset: fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 15 }), m: fc.constantFrom(0, 30, 45, 17), s: fc.constantFrom(0, 0, 0, 8) }),
  })
  .map(({ year, month, day, hour, minute, second, micros, offset }) => {
    const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    const time = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
    const fraction = micros ? `.${pad(micros, 6).replace(/0+$/, '')}` : '';
    const zone = `${offset.sign}${pad(offset.h, 2)}${offset.m || offset.s ? `:${pad(offset.m, 2)}` : ''}${offset.s ? `:${pad(offset.s, 2)}` : ''}`;
    // Date parses ±HH:MM only: a seconds offset is applied by hand.
    const iso = `${date}T${time}${micros ? `.${pad(Math.floor(micros / 1000), 3)}` : ''}${offset.sign}${pad(offset.h, 2)}:${pad(offset.m, 2)}`;
    const extra = (offset.sign === '+' ? -1 : 1) * offset.s * 1000;
    return { text: `${date} ${time}${fraction}${zone}`, expected: Date.parse(iso) + extra };
  });

describe('parseTimestamptz', () => {
  it('gives the instant Date gives for PostgreSQL output, to the millisecond', () => {
    fc.assert(
      fc.property(timestamptzText, ({ text, expected }) => {
        const got = parseTimestamptz(text);
        expect(got).toBeInstanceOf(Date);
        expect((got as Date).getTime()).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with node-postgres default parser where that one is exact', () => {
    const pgDefault = types.getTypeParser(1184, 'text') as (s: string) => Date;
    for (const s of ['2026-12-03 07:21:41+00', '2026-12-03 07:21:41.5+07', '1999-01-01 00:00:00.123456-05:30', '2030-06-30 23:59:59.999+14']) {
      expect((parseTimestamptz(s) as Date).getTime()).toBe(pgDefault(s).getTime());
    }
  });

  it('hands anything else to the default parser', () => {
    expect(parseTimestamptz('infinity')).toBe(Infinity);
    expect(parseTimestamptz('-infinity')).toBe(-Infinity);
    const bc = parseTimestamptz('0044-03-15 12:00:00+00 BC') as Date;
    expect(bc.getUTCFullYear()).toBe(-43);
    expect((parseTimestamptz('0099-01-01 00:00:00+00') as Date).getUTCFullYear()).toBe(99);
    expect((parseTimestamptz('12026-01-01 00:00:00+00') as Date).getUTCFullYear()).toBe(12026);
    expect(parseTimestamptz('2026-01-01 00:00:00.1234567+00')).toEqual(types.getTypeParser(1184, 'text')('2026-01-01 00:00:00.1234567+00'));
  });
});
