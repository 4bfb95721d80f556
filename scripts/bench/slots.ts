import { countyInstant, finnishHolidays, isWeekend, plusDays, type CalendarDate } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder, type BusyTime, type SlotQuery } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from '../../src/domain/slots/yhteistyoaika-series.js';
import { ascending, percentile } from './report.js';

const PARTICIPANTS = ['sending-worker', 'psychiatry-worker', 'health-worker', 'school-worker', 'family-worker'];
const ANCHOR = '2026-01-07';
/** A Monday; the calendars run two years from it. */
const FIRST_DAY = '2026-08-03';
const DAYS = 2 * 365;
const WARM_UP_RUNS = 50;

/** Deterministic, so every run searches the same calendars. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

let calendars: BusyTime[] | undefined;

/** Office-hours meetings most working days, and on some Wednesdays one over the noon hour. */
function busyCalendars(): BusyTime[] {
  const next = random(8);
  const busy: BusyTime[] = [];
  const block = (personId: string, date: CalendarDate, from: string, to: string) => busy.push({ personId, start: countyInstant(date, from), end: countyInstant(date, to) });
  for (let day = 0; day < DAYS; day++) {
    const date = plusDays(FIRST_DAY, day);
    if (isWeekend(date) || finnishHolidays(date)) continue;
    const wednesday = day % 7 === 2;
    for (const personId of PARTICIPANTS) {
      for (const [from, to] of [['08:30', '09:30'], ['10:00', '11:00'], ['13:45', '14:45'], ['15:00', '16:00']] as const) {
        if (next() < 0.6) block(personId, date, from, to);
      }
      if (wednesday && next() < 0.3) block(personId, date, next() < 0.5 ? '11:30' : '12:00', next() < 0.5 ? '12:30' : '13:30');
    }
  }
  return busy;
}

export interface SlotBench {
  readonly runs: number;
  readonly busyBlocks: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly skippedOnAverage: number;
  readonly foundAll: boolean;
}

export interface SlotSearchShape {
  readonly wanted: number;
  /** Only the busy times this many days from the earliest date, as booking asks Graph for them; none gives all two years. */
  readonly windowDays?: number | undefined;
}

/**
 * The finder with five participants and their busy calendars, the search starting at a different
 * week each run (78 weeks of two years), timed one `find` at a time.
 */
export function benchSlotSearch(runs: number, shape: SlotSearchShape): SlotBench {
  const finder = new SlotFinder({ ...DEFAULT_SERIES, anchor: ANCHOR }, finnishHolidays, []);
  const all = (calendars ??= busyCalendars());
  const queries: SlotQuery[] = Array.from({ length: 78 }, (_, week) => {
    const earliest = plusDays(FIRST_DAY, week * 7);
    const from = countyInstant(earliest, '00:00');
    const until = shape.windowDays === undefined ? undefined : countyInstant(plusDays(earliest, shape.windowDays), '00:00');
    const busy = until ? all.filter((b) => b.end > from && b.start < until) : all;
    return { earliest, participants: PARTICIPANTS, unitIds: ['perhesosiaalityo', 'lastenpsykiatria', 'terveysasemat'], busy, booked: [], casesPerSlot: 2, wholeSlot: false, wanted: shape.wanted };
  });
  for (let i = 0; i < WARM_UP_RUNS; i++) finder.find(queries[i % queries.length]!);
  const times: number[] = [];
  let skipped = 0;
  let foundAll = true;
  for (let i = 0; i < runs; i++) {
    const query = queries[i % queries.length]!;
    const started = performance.now();
    const search = finder.find(query);
    times.push(performance.now() - started);
    skipped += search.skipped.length;
    if (search.free.length < query.wanted) foundAll = false;
  }
  const sorted = ascending(times);
  const busyBlocks = queries.reduce((sum, q) => sum + q.busy.length, 0) / queries.length;
  return { runs, busyBlocks, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), skippedOnAverage: skipped / runs, foundAll };
}
