import { WorkingCalendar } from '../calendar/working-calendar';
import { ClockEventInput, clockDisplayState, replayClock } from './clock-arithmetic';

const cal = new WorkingCalendar();
const at = (s: string) => new Date(s);

describe('replayClock', () => {
  it('counts hours on the wall clock, holidays or not', () => {
    const s = replayClock([{ type: 'started', at: at('2027-02-04T10:00:00+07:00'), duration: { value: 24, unit: 'hours' } }], cal);
    expect(s.dueAt?.toISOString()).toBe(at('2027-02-05T10:00:00+07:00').toISOString());
  });

  it('counts working days across Tết to the end of the last day in Vietnam', () => {
    const s = replayClock([{ type: 'started', at: at('2027-02-04T10:00:00+07:00'), duration: { value: 3, unit: 'working_days' } }], cal);
    expect(s.dueAt?.toISOString()).toBe(at('2027-02-17T00:00:00+07:00').toISOString());
  });

  it('moves a calendar-day deadline that ends on a day off to the next working day', () => {
    // 20 Jan 2027 + 20 days = Tue 9 Feb (Tết); 10–11 made up; Fri 12 Feb.
    const s = replayClock([{ type: 'started', at: at('2027-01-20T09:00:00+07:00'), duration: { value: 20, unit: 'days' } }], cal);
    expect(s.dueAt?.toISOString()).toBe(at('2027-02-13T00:00:00+07:00').toISOString());
  });

  it('a pause keeps the working days left and gives them back from resumption', () => {
    const events: ClockEventInput[] = [
      // Mon 1 Jun 2026 + 3 working days = Thu 4 Jun.
      { type: 'started', at: at('2026-06-01T08:00:00+07:00'), duration: { value: 3, unit: 'working_days' } },
      // Paused Tue 2 Jun: Wed 3 and Thu 4 are left.
      { type: 'paused', at: at('2026-06-02T10:00:00+07:00') },
    ];
    const paused = replayClock(events, cal);
    expect(paused.status).toBe('paused');
    expect(paused.dueAt).toBeNull();
    // Resumed Mon 8 Jun: Tue 9, Wed 10.
    const resumed = replayClock([...events, { type: 'resumed', at: at('2026-06-08T09:00:00+07:00') }], cal);
    expect(resumed.status).toBe('running');
    expect(resumed.dueAt?.toISOString()).toBe(at('2026-06-11T00:00:00+07:00').toISOString());
    expect(resumed.pausedSeconds).toBe((6 * 24 - 1) * 3600);
  });

  it('an extension adds to the current due time (months, then the next working day)', () => {
    const events: ClockEventInput[] = [
      // Mon 2 Mar 2026 + 20 days = Sun 22 Mar → Mon 23 Mar.
      { type: 'started', at: at('2026-03-02T08:00:00+07:00'), duration: { value: 20, unit: 'days' } },
      // + 2 months from 23 Mar = Sat 23 May → Mon 25 May.
      { type: 'extended', at: at('2026-03-20T08:00:00+07:00'), by: { value: 2, unit: 'months' } },
    ];
    expect(replayClock(events.slice(0, 1), cal).dueAt?.toISOString()).toBe(at('2026-03-24T00:00:00+07:00').toISOString());
    const s = replayClock(events, cal);
    expect(s.dueAt?.toISOString()).toBe(at('2026-05-26T00:00:00+07:00').toISOString());
    expect(s.extensions).toBe(1);
  });

  it('a recomputation (policy change) re-derives the due time from the start', () => {
    const s = replayClock(
      [
        { type: 'started', at: at('2026-06-01T08:00:00+07:00'), duration: { value: 24, unit: 'hours' } },
        { type: 'recomputed', at: at('2026-06-01T09:00:00+07:00'), duration: { value: 8, unit: 'hours' } },
      ],
      cal,
    );
    expect(s.dueAt?.toISOString()).toBe(at('2026-06-01T16:00:00+07:00').toISOString());
  });

  it('met after a breach keeps the breach', () => {
    const s = replayClock(
      [
        { type: 'started', at: at('2026-06-01T08:00:00+07:00'), duration: { value: 1, unit: 'hours' } },
        { type: 'breached', at: at('2026-06-01T09:01:00+07:00') },
        { type: 'met', at: at('2026-06-01T10:00:00+07:00') },
      ],
      cal,
    );
    expect([s.status, s.breachedAt?.toISOString(), s.metAt?.toISOString()]).toEqual(['met', '2026-06-01T02:01:00.000Z', '2026-06-01T03:00:00.000Z']);
  });
});

describe('clockDisplayState', () => {
  const now = at('2026-06-01T12:00:00Z');
  const h = 3_600_000;
  it('on time, at risk, breached', () => {
    expect(clockDisplayState({ status: 'running', dueAt: new Date(now.getTime() + 48 * h) }, now, 24 * h)).toBe('on_time');
    expect(clockDisplayState({ status: 'running', dueAt: new Date(now.getTime() + 2 * h) }, now, 24 * h)).toBe('at_risk');
    expect(clockDisplayState({ status: 'running', dueAt: new Date(now.getTime() - 1) }, now, 24 * h)).toBe('breached');
    expect(clockDisplayState({ status: 'breached', dueAt: new Date(now.getTime() - h) }, now, 24 * h)).toBe('breached');
  });
});

describe('replayClock: extension while paused', () => {
  it('adds the extension to the time left, given back on resumption', () => {
    const s = replayClock(
      [
        // 24 h from Mon 1 Jun 2026 08:00; paused at 10:00 with 22 h left; extended by 6 h; resumed Wed 3 Jun 08:00.
        { type: 'started', at: at('2026-06-01T08:00:00+07:00'), duration: { value: 24, unit: 'hours' } },
        { type: 'paused', at: at('2026-06-01T10:00:00+07:00') },
        { type: 'extended', at: at('2026-06-02T10:00:00+07:00'), by: { value: 6, unit: 'hours' } },
        { type: 'resumed', at: at('2026-06-03T08:00:00+07:00') },
      ],
      cal,
    );
    // 22 + 6 = 28 h after Wed 08:00 = Thu 4 Jun 12:00.
    expect(s.dueAt?.toISOString()).toBe(at('2026-06-04T12:00:00+07:00').toISOString());
    expect(s.extensions).toBe(1);
  });
});
