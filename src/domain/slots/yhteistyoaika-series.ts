import { differenceInCalendarDays, getISODay, parseISO } from 'date-fns';
import { countyInstant, plusDays, type CalendarDate } from './calendar-days.js';

/**
 * Yhteistyöaika: every other Wednesday 12:00–13:30 in Finnish time, counted from an anchor
 * Wednesday the county chose. Each occurrence holds a number of case meetings of equal length.
 */
export interface SeriesSettings {
  /** A Wednesday of the series, yyyy-MM-dd. */
  readonly anchor: CalendarDate;
  readonly startTime: string;
  readonly endTime: string;
  readonly intervalDays: number;
  /** Case meetings per occurrence (2 gives 12:00–12:45 and 12:45–13:30). */
  readonly casesPerSlot: number;
}

export const DEFAULT_SERIES: Omit<SeriesSettings, 'anchor'> = { startTime: '12:00', endTime: '13:30', intervalDays: 14, casesPerSlot: 2 };

export interface Occurrence {
  readonly date: CalendarDate;
  readonly start: Date;
  readonly end: Date;
}

export interface CaseTime {
  /** Which part of the occurrence, from 0. */
  readonly index: number;
  readonly start: Date;
  readonly end: Date;
}

export function assertAnchor(settings: SeriesSettings): void {
  if (getISODay(parseISO(settings.anchor)) !== 3) throw new Error(`The series anchor ${settings.anchor} is not a Wednesday`);
}

/** The first occurrence on or after a date. */
export function firstOccurrenceFrom(settings: SeriesSettings, from: CalendarDate): CalendarDate {
  const offset = differenceInCalendarDays(parseISO(from), parseISO(settings.anchor));
  const steps = Math.ceil(offset / settings.intervalDays);
  return plusDays(settings.anchor, steps * settings.intervalDays);
}

export function occurrenceOn(settings: SeriesSettings, date: CalendarDate): Occurrence {
  return { date, start: countyInstant(date, settings.startTime), end: countyInstant(date, settings.endTime) };
}

/** Occurrences from a date on, lazily: the finder stops when it has what it needs. */
export function* occurrencesFrom(settings: SeriesSettings, from: CalendarDate): Generator<Occurrence> {
  for (let date = firstOccurrenceFrom(settings, from); ; date = plusDays(date, settings.intervalDays)) {
    yield occurrenceOn(settings, date);
  }
}

export function caseTimes(settings: SeriesSettings, occurrence: Occurrence): CaseTime[] {
  const length = (occurrence.end.getTime() - occurrence.start.getTime()) / settings.casesPerSlot;
  return Array.from({ length: settings.casesPerSlot }, (_, index) => ({
    index,
    start: new Date(occurrence.start.getTime() + index * length),
    end: new Date(occurrence.start.getTime() + (index + 1) * length),
  }));
}
