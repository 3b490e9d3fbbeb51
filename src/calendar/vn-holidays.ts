/**
 * Vietnam's public holidays for a year, as the Labor Code 2019, art. 112 counts them. Pure.
 *
 * The lunar dates (Tết, Hùng Kings' Commemoration Day) come from date-holidays, a well-kept
 * holiday library with a Vietnamese lunar calendar. Its VN data marks only New Year's Eve and
 * the first day of Tết as public holidays and one day for National Day, so the library alone
 * under-counts; the lengths here follow art. 112(1):
 *   - Tết Dương lịch: 1 January (1 day)
 *   - Tết Âm lịch: 5 days — New Year's Eve and the first four days of the lunar year (the
 *     government picks the exact days each year; a different choice goes in the exceptions table)
 *   - Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month (1 day)
 *   - 30 April and 1 May (1 day each)
 *   - Quốc khánh: 2 September and one adjacent day (2 days; 1 September by default, the
 *     government's yearly choice goes in the exceptions table)
 * and art. 112(3): a holiday that falls on a weekly day off (Saturday, Sunday) is made up on the
 * next working day.
 */
import Holidays from 'date-holidays';
import { addDays, isWeekend } from './calendar-dates';

export interface Holiday {
  date: string;
  name: string;
  /** 'holiday' (art. 112(1)) or 'compensatory' (art. 112(3)). */
  kind: 'holiday' | 'compensatory';
}

const cache = new Map<number, Holiday[]>();
let library: Holidays | undefined;

function lunarDates(year: number): { tet: string; hungKings: string } {
  library ??= new Holidays('VN');
  const days = library.getHolidays(year);
  const find = (rule: string) => {
    const h = days.find((d) => d.rule === rule);
    if (!h) throw new Error(`date-holidays has no ${rule} for ${year}`);
    return h.date.slice(0, 10);
  };
  return { tet: find('vietnamese 1-0-1'), hungKings: find('vietnamese 3-0-10') };
}

/** The public holidays and compensatory days off of `year`, sorted by date. */
export function vietnamHolidays(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const { tet, hungKings } = lunarDates(year);
  const base: Holiday[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch', kind: 'holiday' },
    { date: addDays(tet, -1), name: 'Tết Nguyên Đán (giao thừa)', kind: 'holiday' },
    ...[0, 1, 2, 3].map((i) => ({ date: addDays(tet, i), name: `Tết Nguyên Đán (mùng ${i + 1})`, kind: 'holiday' as const })),
    { date: hungKings, name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: `${year}-04-30`, name: 'Ngày Giải phóng miền Nam', kind: 'holiday' },
    { date: `${year}-05-01`, name: 'Quốc tế Lao động', kind: 'holiday' },
    { date: `${year}-09-01`, name: 'Quốc khánh (ngày liền kề)', kind: 'holiday' },
    { date: `${year}-09-02`, name: 'Quốc khánh', kind: 'holiday' },
  ];
  const taken = new Set(base.map((h) => h.date));
  const out = [...base];
  // Art. 112(3): each holiday on a weekend is made up on the next day that is neither a weekend nor a holiday.
  for (const h of [...base].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: `Nghỉ bù ${h.name}`, kind: 'compensatory' });
  }
  out.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, out);
  return out;
}
