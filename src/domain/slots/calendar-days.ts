import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, parseISO } from 'date-fns';
import Holidays from 'date-holidays';
import { COUNTY_TIME_ZONE } from '../time.js';

/** A calendar date in the county, yyyy-MM-dd. */
export type CalendarDate = string;

/** The name of the holiday on a date, or undefined on an ordinary day. */
export type HolidayCalendar = (date: CalendarDate) => string | undefined;

const finland = new Holidays('FI');

/**
 * Finnish public holidays, and the eves that are days off in practice (juhannusaatto,
 * jouluaatto, uudenvuodenaatto), which date-holidays lists as bank holidays.
 */
export const finnishHolidays: HolidayCalendar = (date) => {
  // date-holidays works out a year's rules on every call (about a millisecond); dates repeat a lot.
  if (holidayCache.has(date)) return holidayCache.get(date);
  const found = finland.isHoliday(parseISO(`${date}T12:00:00`));
  const name = found ? found.find((h) => h.type === 'public' || h.type === 'bank')?.name : undefined;
  holidayCache.set(date, name);
  return name;
};

const holidayCache = new Map<CalendarDate, string | undefined>();

export function plusDays(date: CalendarDate, days: number): CalendarDate {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

export function isWeekend(date: CalendarDate): boolean {
  return getISODay(parseISO(date)) >= 6;
}

/** The date `count` working days after `date` (weekends and holidays do not count). */
export function addWorkingDays(date: CalendarDate, count: number, holidays: HolidayCalendar): CalendarDate {
  let current = date;
  for (let left = count; left > 0; ) {
    current = plusDays(current, 1);
    if (!isWeekend(current) && !holidays(current)) left--;
  }
  return current;
}

/** The instant of a wall-clock time on a county date; DST is the time zone's business, not ours. */
export function countyInstant(date: CalendarDate, time: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, 0, COUNTY_TIME_ZONE).getTime());
}
