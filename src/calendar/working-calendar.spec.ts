import { WorkingCalendar } from './working-calendar';
import { vietnamHolidays } from './vn-holidays';

// Expectations computed by hand from a wall calendar (weekdays) and the Labor Code 2019, art. 112.
describe('Vietnam public holidays', () => {
  it('gives Tết its five days (eve + first four days) and makes up the weekend ones (2027)', () => {
    const days = vietnamHolidays(2027).filter((h) => h.date.startsWith('2027-02'));
    // Lunar New Year 2027 is Saturday 6 Feb: eve Fri 5, 6, 7, 8, 9; Sat 6 and Sun 7 made up on Wed 10 and Thu 11.
    expect(days.map((h) => [h.date, h.kind])).toEqual([
      ['2027-02-05', 'holiday'],
      ['2027-02-06', 'holiday'],
      ['2027-02-07', 'holiday'],
      ['2027-02-08', 'holiday'],
      ['2027-02-09', 'holiday'],
      ['2027-02-10', 'compensatory'],
      ['2027-02-11', 'compensatory'],
    ]);
  });

  it('counts National Day as two days and Hùng Kings’ day from the lunar calendar', () => {
    const y27 = vietnamHolidays(2027).map((h) => h.date);
    expect(y27).toEqual(expect.arrayContaining(['2027-09-01', '2027-09-02', '2027-04-16']));
    // 2026: Hùng Kings' day (10/3 lunar) is Sunday 26 April, made up on Monday 27 April.
    const y26 = vietnamHolidays(2026);
    expect(y26.find((h) => h.date === '2026-04-26')?.kind).toBe('holiday');
    expect(y26.find((h) => h.date === '2026-04-27')?.kind).toBe('compensatory');
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  const cal = new WorkingCalendar();

  it('skips a weekend', () => {
    // Fri 4 Dec 2026 + 1 working day = Mon 7 Dec.
    expect(cal.addWorkingDays('2026-12-04', 1)).toEqual({
      due: '2026-12-07',
      skipped: [
        { date: '2026-12-05', reason: 'weekend', name: null },
        { date: '2026-12-06', reason: 'weekend', name: null },
      ],
    });
  });

  it('skips Tết and its compensatory days', () => {
    // Thu 4 Feb 2027 + 3: 5–9 Tết, 10–11 made up, Fri 12 (1), 13–14 weekend, Mon 15 (2), Tue 16 (3).
    const r = cal.addWorkingDays('2027-02-04', 3);
    expect(r.due).toBe('2027-02-16');
    expect(r.skipped.map((s) => s.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-13', '2027-02-14']);
  });

  it('skips Hùng Kings’ day', () => {
    // Thu 15 Apr 2027 + 1: Fri 16 is Hùng Kings' day, then the weekend: Mon 19.
    expect(cal.addWorkingDays('2027-04-15', 1).due).toBe('2027-04-19');
    // Fri 24 Apr 2026 + 1: weekend (Sun 26 is the holiday), Mon 27 made up: Tue 28.
    expect(cal.addWorkingDays('2026-04-24', 1).due).toBe('2026-04-28');
  });

  it('honours the admin’s exceptions: a working Saturday and an extra day off', () => {
    const swapped = new WorkingCalendar([
      { date: '2027-04-24', kind: 'working_day', note: 'làm bù' },
      { date: '2027-04-29', kind: 'day_off', note: 'nghỉ bù' },
    ]);
    // Fri 23 Apr + 2: Sat 24 works (1), Sun 25, Mon 26 (2). Without the swap: Tue 27.
    expect(swapped.addWorkingDays('2027-04-23', 2).due).toBe('2027-04-26');
    expect(cal.addWorkingDays('2027-04-23', 2).due).toBe('2027-04-27');
    // Wed 28 + 1: Thu 29 off (exception), Fri 30 holiday, Sat 1 May holiday, Sun 2, Mon 3 made up: Tue 4 May.
    const r = swapped.addWorkingDays('2027-04-28', 1);
    expect(r.due).toBe('2027-05-04');
    expect(r.skipped[0]).toEqual({ date: '2027-04-29', reason: 'exception', name: 'nghỉ bù' });
  });

  it('refuses a negative count', () => {
    expect(() => cal.addWorkingDays('2027-01-04', -1)).toThrow(RangeError);
  });
});
