import { differenceInCalendarDays, getISODay, parseISO } from 'date-fns';
import { countyInstant, plusDays, type CalendarDate } from './calendar-days.js';

/**
 * Yhteistyöaika: every other Wednesday 12:00–13:30 in Finnish time, counted from an anchor
 * Wednesday the county chose. Each unit holds its own occurrences, each with a number of case
 * meetings of equal length that the unit sets (unit-directory.ts).
 */
export interface SeriesSettings {
  /** A Wednesday of the series, yyyy-MM-dd. */
  readonly anchor: CalendarDate;
  readonly startTime: string;
  readonly endTime: string;
  readonly intervalDays: number;
}

export const DEFAULT_SERIES: Omit<SeriesSettings, 'anchor'> = { startTime: '12:00', endTime: '13:30', intervalDays: 14 };

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

/** The parts of an occurrence of a unit that holds `parts` case meetings in each. */
export function caseTimes(occurrence: Occurrence, parts: number): CaseTime[] {
  const length = (occurrence.end.getTime() - occurrence.start.getTime()) / parts;
  return Array.from({ length: parts }, (_, index) => ({
    index,
    start: new Date(occurrence.start.getTime() + index * length),
    end: new Date(occurrence.start.getTime() + (index + 1) * length),
  }));
}
