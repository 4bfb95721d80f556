import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, parseISO } from 'date-fns';
import Holidays from 'date-holidays';
import type { Locale } from '../locale.js';
import { COUNTY_TIME_ZONE } from '../time.js';
import { holidayNameOf } from './holiday-names.js';

/** A calendar date in the county, yyyy-MM-dd. */
export type CalendarDate = string;

/** The name of the holiday on a date, or undefined on an ordinary day. */
export type HolidayCalendar = (date: CalendarDate) => string | undefined;

const finland = new Holidays('FI');

interface DayOff {
  readonly rule: string;
  readonly name: string;
}

/** A year's days off by date: public holidays, and the eves date-holidays lists as bank holidays. */
function daysOffIn(year: number): ReadonlyMap<CalendarDate, DayOff> {
  // date-holidays works out a year's rules on every call (about a millisecond); years repeat a lot.
  let days = holidayYears.get(year);
  if (!days) {
    days = new Map();
    for (const h of finland.getHolidays(year)) {
      const date = h.date.slice(0, 10);
      if ((h.type === 'public' || h.type === 'bank') && !days.has(date)) days.set(date, { rule: h.rule, name: h.name });
    }
    holidayYears.set(year, days);
  }
  return days;
}

const holidayYears = new Map<number, Map<CalendarDate, DayOff>>();

/**
 * Finnish public holidays, and the eves that are days off in practice (juhannusaatto,
 * jouluaatto, uudenvuodenaatto), which date-holidays lists as bank holidays; named in Finnish.
 */
export const finnishHolidays: HolidayCalendar = (date) => holidayName(date, 'fi');

/** The name of the holiday on a date in the reader's language (holiday-names.ts), or undefined on an ordinary day. */
export function holidayName(date: CalendarDate, locale: Locale): string | undefined {
  const holiday = daysOffIn(Number(date.slice(0, 4))).get(date);
  return holiday ? (holidayNameOf(holiday.rule, locale) ?? holiday.name) : undefined;
}

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
