import { countyDate } from '../time.js';
import { addWorkingDays, type CalendarDate, type HolidayCalendar } from './calendar-days.js';
import type { CalendarQuery, UnitOccurrence } from './unit-occurrences.js';
import { assertAnchor, caseTimes, occurrencesFrom, type CaseTime, type Occurrence, type SeriesSettings } from './yhteistyoaika-series.js';

/** A period without Yhteistyöaika: summer weeks, Christmas week, or one unit's closure. */
export interface Blackout {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** Only these units are closed; none means everyone. */
  readonly unitIds?: readonly string[] | undefined;
}

export interface BusyTime {
  readonly personId: string;
  readonly start: Date;
  readonly end: Date;
}

/** A case meeting already booked into an occurrence of the unit's, which then had `parts` parts. */
export interface BookedCase {
  readonly date: CalendarDate;
  readonly index: number;
  readonly parts: number;
}

export interface SlotQuery {
  /** Nothing before this date: people need time to prepare. */
  readonly earliest: CalendarDate;
  /** The sending worker and every named worker. */
  readonly participants: readonly string[];
  readonly unitIds: readonly string[];
  readonly busy: readonly BusyTime[];
  /** What the unit whose Yhteistyöaika it is has booked: no other unit's cases take its parts. */
  readonly booked: readonly BookedCase[];
  /** That unit's case meetings per occurrence. */
  readonly casesPerSlot: number;
  /** Occurrences that unit's supervisor blocked (unit-occurrences.ts). */
  readonly blocked?: readonly CalendarDate[] | undefined;
  /** The case takes the whole occurrence instead of one part of it. */
  readonly wholeSlot: boolean;
  readonly wanted: number;
}

export interface FreeSlot {
  readonly date: CalendarDate;
  readonly start: Date;
  readonly end: Date;
  /** The parts of the occurrence the case takes, of how many it has. */
  readonly caseIndexes: readonly number[];
  readonly parts: number;
}

export type SkipReason =
  | { readonly kind: 'holiday'; readonly name: string }
  | { readonly kind: 'blackout' }
  | { readonly kind: 'full' }
  | { readonly kind: 'busy'; readonly personIds: readonly string[] };

export interface SkippedSlot {
  readonly date: CalendarDate;
  readonly reason: SkipReason;
}

export interface SlotSearch {
  readonly free: readonly FreeSlot[];
  /** Every occurrence passed over before the last free one, with why, so a card can explain. */
  readonly skipped: readonly SkippedSlot[];
}

/** How far ahead the finder looks before it gives up: half a year of occurrences. */
const HORIZON = 13;

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => a.start < b.end && b.start < a.end;

const DAY_MS = 24 * 3600 * 1000;
const dayIndex = (instant: Date) => Math.floor(instant.getTime() / DAY_MS);

/** Busy times by the UTC days they touch, so judging an occurrence reads only its own day's. */
function busyByDay(busy: readonly BusyTime[]): Map<number, BusyTime[]> {
  const byDay = new Map<number, BusyTime[]>();
  for (const block of busy) {
    for (let day = dayIndex(block.start); day <= dayIndex(block.end); day++) {
      const list = byDay.get(day);
      if (list) list.push(block);
      else byDay.set(day, [block]);
    }
  }
  return byDay;
}

function busyDuring(byDay: ReadonlyMap<number, readonly BusyTime[]>, span: { start: Date; end: Date }): BusyTime[] {
  const found: BusyTime[] = [];
  for (let day = dayIndex(span.start); day <= dayIndex(span.end); day++) found.push(...(byDay.get(day) ?? []).filter((b) => overlaps(b, span)));
  return found;
}

/**
 * Finds the next free Yhteistyöaika occurrences for a case. Pure: the calendars, bookings and
 * holidays are given, and the answer explains every occurrence it skipped.
 */
export class SlotFinder {
  constructor(
    private readonly series: SeriesSettings,
    private readonly holidays: HolidayCalendar,
    private readonly blackouts: readonly Blackout[],
  ) {
    assertAnchor(series);
  }

  /** The first date a meeting may be on: a number of working days after the last worker was named. */
  earliestAfterNaming(lastNamedAt: Date, leadWorkingDays: number): CalendarDate {
    return addWorkingDays(countyDate(lastNamedAt), leadWorkingDays, this.holidays);
  }

  find(query: SlotQuery): SlotSearch {
    const free: FreeSlot[] = [];
    const skipped: SkippedSlot[] = [];
    const occurrences = occurrencesFrom(this.series, query.earliest);
    const byDay = busyByDay(query.busy);
    for (let seen = 0; seen < HORIZON + query.wanted && free.length < query.wanted; seen++) {
      const occurrence = occurrences.next().value as Occurrence;
      const outcome = this.judge(occurrence, query, byDay);
      if ('reason' in outcome) skipped.push({ date: occurrence.date, reason: outcome.reason });
      else free.push(outcome);
    }
    return { free, skipped };
  }

  private judge(occurrence: Occurrence, query: SlotQuery, byDay: ReadonlyMap<number, readonly BusyTime[]>): FreeSlot | { reason: SkipReason } {
    const holiday = this.holidays(occurrence.date);
    if (holiday) return { reason: { kind: 'holiday', name: holiday } };
    if (this.blackouts.some((b) => this.closes(b, occurrence.date, query.unitIds)) || query.blocked?.includes(occurrence.date)) return { reason: { kind: 'blackout' } };
    const bookedThen = query.booked.filter((b) => b.date === occurrence.date);
    // An occurrence keeps the parts its first case was booked into: a unit that changed its cases
    // per slot since must not get a meeting overlapping one already in calendars.
    const partCount = bookedThen[0]?.parts ?? query.casesPerSlot;
    const bookedIndexes = new Set(bookedThen.map((b) => b.index));
    const parts = caseTimes(occurrence, partCount).filter((c) => !bookedIndexes.has(c.index));
    const candidates: CaseTime[][] = query.wholeSlot
      ? parts.length === partCount
        ? [parts]
        : []
      : parts.map((part) => [part]);
    if (candidates.length === 0) return { reason: { kind: 'full' } };
    const blockers = new Set<string>();
    for (const candidate of candidates) {
      const span = { start: candidate[0]!.start, end: candidate[candidate.length - 1]!.end };
      const busyNow = busyDuring(byDay, span);
      const busyPeople = query.participants.filter((p) => busyNow.some((b) => b.personId === p));
      if (busyPeople.length === 0) return { date: occurrence.date, ...span, caseIndexes: candidate.map((c) => c.index), parts: partCount };
      busyPeople.forEach((p) => blockers.add(p));
    }
    return { reason: { kind: 'busy', personIds: query.participants.filter((p) => blockers.has(p)) } };
  }

  /** A unit's next `count` occurrences from `from` on, each as its supervisor sees it (unit-occurrences.ts). */
  calendar(query: CalendarQuery): UnitOccurrence[] {
    const occurrences = occurrencesFrom(this.series, query.from);
    return Array.from({ length: query.count }, () => {
      const occurrence = occurrences.next().value as Occurrence;
      const bookedThen = query.booked.filter((b) => b.date === occurrence.date);
      const parts = caseTimes(occurrence, bookedThen[0]?.parts ?? query.casesPerSlot).map((part) => ({ ...part, requestId: bookedThen.find((b) => b.index === part.index)?.requestId }));
      return {
        ...occurrence,
        holiday: this.holidays(occurrence.date),
        blackout: this.blackouts.some((b) => this.closes(b, occurrence.date, [query.unitId])),
        block: query.blocks.get(occurrence.date),
        parts,
      };
    });
  }

  private closes(blackout: Blackout, date: CalendarDate, unitIds: readonly string[]): boolean {
    const inPeriod = blackout.from <= date && date <= blackout.to;
    return inPeriod && (!blackout.unitIds || blackout.unitIds.some((u) => unitIds.includes(u)));
  }
}
