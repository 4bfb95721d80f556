import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plusDays, type CalendarDate } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder, type BusyTime } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES, firstOccurrenceFrom, occurrencesFrom } from '../../src/domain/slots/yhteistyoaika-series.js';

const ANCHOR = '2026-11-25';
const local = (instant: Date) => new TZDate(instant, 'Europe/Helsinki');

/** Any date from 2020 to 2045, as yyyy-MM-dd. */
const anyDate = fc.integer({ min: 0, max: 25 * 366 }).map((days) => plusDays('2020-01-01', days));
/** A Wednesday of the same range (1.1.2020 was one), for anchors. */
const anyWednesday = fc.integer({ min: 0, max: 25 * 52 }).map((weeks) => plusDays('2020-01-01', weeks * 7));

describe('Yhteistyöaika series properties', () => {
  it('every occurrence is a Wednesday 12:00–13:30 in Finnish time, two weeks after the previous, whatever the DST', () => {
    fc.assert(
      fc.property(anyWednesday, anyDate, (anchor, from) => {
        const occurrences = occurrencesFrom({ ...DEFAULT_SERIES, anchor }, from);
        let previous: CalendarDate | undefined;
        for (let i = 0; i < 30; i++) {
          const { date, start, end } = occurrences.next().value!;
          const [s, e] = [local(start), local(end)];
          expect(s.getDay()).toBe(3);
          expect([s.getHours(), s.getMinutes(), e.getHours(), e.getMinutes()]).toEqual([12, 0, 13, 30]);
          expect(end.getTime() - start.getTime()).toBe(90 * 60_000);
          if (previous) expect(plusDays(previous, 14)).toBe(date);
          else expect(date >= from && date < plusDays(from, 14)).toBe(true);
          previous = date;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('SlotFinder properties', () => {
  const busyTimes = fc.array(
    fc.record({
      personId: fc.constantFrom('a', 'b', 'c'),
      day: fc.integer({ min: 0, max: 200 }),
      startMinute: fc.integer({ min: 8 * 60, max: 16 * 60 }),
      length: fc.integer({ min: 15, max: 240 }),
    }),
    { maxLength: 40 },
  );

  it('offers only slots that are in order, on or after the earliest day, off holidays and blackouts, and free for everyone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 15 }),
        busyTimes,
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        (startOffset, holidayOffsets, rawBusy, wholeSlot, wanted) => {
          const earliest = plusDays('2026-11-20', startOffset);
          const holidays = new Set(holidayOffsets.map((d) => plusDays('2026-11-20', d)));
          const busy: BusyTime[] = rawBusy.map(({ personId, day, startMinute, length }) => {
            const start = new TZDate(2026, 10, 20 + day, 0, startMinute, 0, 'Europe/Helsinki');
            return { personId, start: new Date(start.getTime()), end: new Date(start.getTime() + length * 60_000) };
          });
          const blackout = { from: plusDays(earliest, 20), to: plusDays(earliest, 34) };
          const finder = new SlotFinder({ ...DEFAULT_SERIES, anchor: ANCHOR }, (d) => (holidays.has(d) ? 'pyhä' : undefined), [blackout]);
          const participants = ['a', 'b'];
          const { free, skipped } = finder.find({ earliest, participants, unitIds: [], busy, booked: [], casesPerSlot: 2, wholeSlot, wanted });

          const dates = free.map((f) => f.date);
          expect([...dates].sort()).toEqual(dates);
          for (const slot of free) {
            expect(slot.date >= earliest).toBe(true);
            expect(holidays.has(slot.date)).toBe(false);
            expect(slot.date >= blackout.from && slot.date <= blackout.to).toBe(false);
            expect(busy.some((b) => participants.includes(b.personId) && b.start < slot.end && slot.start < b.end)).toBe(false);
            if (wholeSlot) expect(slot.caseIndexes).toEqual([0, 1]);
          }
          // Every occurrence up to the last offered one is either offered or explained.
          const last = dates.at(-1) ?? skipped.at(-1)?.date;
          for (let date = firstOccurrenceFrom({ ...DEFAULT_SERIES, anchor: ANCHOR }, earliest); last && date <= last; date = plusDays(date, 14)) {
            const explained = skipped.find((s) => s.date === date);
            expect(dates.includes(date) !== Boolean(explained)).toBe(true);
            if (explained?.reason.kind === 'holiday') expect(holidays.has(date)).toBe(true);
            if (explained?.reason.kind === 'busy') expect(explained.reason.personIds.every((p) => participants.includes(p))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
