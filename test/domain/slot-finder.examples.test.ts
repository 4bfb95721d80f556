import { describe, expect, it } from 'vitest';
import { finnishHolidays } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder, type SlotQuery } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES, occurrencesFrom } from '../../src/domain/slots/yhteistyoaika-series.js';

const series = { ...DEFAULT_SERIES, anchor: '2026-11-25' };
const finder = new SlotFinder(series, finnishHolidays, [{ from: '2026-12-21', to: '2026-12-27' }]);
const query = (overrides: Partial<SlotQuery> = {}): SlotQuery => ({
  earliest: '2026-11-24',
  participants: ['wilma', 'olli'],
  unitIds: ['perhesosiaalityo', 'lastenpsykiatria'],
  busy: [],
  booked: [],
  casesPerSlot: 2,
  wholeSlot: false,
  wanted: 3,
  ...overrides,
});
const iso = (d: Date) => d.toISOString();

describe('the Yhteistyöaika series', () => {
  it('falls every other Wednesday at 12:00–13:30 Finnish time, across the change to summer time', () => {
    const dates = [...take(occurrencesFrom({ ...series, anchor: '2027-03-17' }, '2027-03-17'), 3)].map((o) => [o.date, iso(o.start), iso(o.end)]);
    expect(dates).toEqual([
      ['2027-03-17', '2027-03-17T10:00:00.000Z', '2027-03-17T11:30:00.000Z'],
      ['2027-03-31', '2027-03-31T09:00:00.000Z', '2027-03-31T10:30:00.000Z'],
      ['2027-04-14', '2027-04-14T09:00:00.000Z', '2027-04-14T10:30:00.000Z'],
    ]);
  });

  it('keeps 12:00 local across the change back to winter time', () => {
    const [before, after] = [...take(occurrencesFrom({ ...series, anchor: '2026-10-21' }, '2026-10-21'), 2)];
    expect([iso(before!.start), iso(after!.start)]).toEqual(['2026-10-21T09:00:00.000Z', '2026-11-04T10:00:00.000Z']);
  });
});

describe('SlotFinder', () => {
  it('offers the next occurrences, skipping Christmas week and loppiainen with the reason', () => {
    const found = finder.find(query({ earliest: '2026-12-10' }));
    expect(found.free.map((f) => f.date)).toEqual(['2027-01-20', '2027-02-03', '2027-02-17']);
    expect(found.skipped).toEqual([
      { date: '2026-12-23', reason: { kind: 'blackout' } },
      { date: '2027-01-06', reason: { kind: 'holiday', name: 'loppiainen' } },
    ]);
  });

  it('takes the second part of the slot when someone is busy during the first', () => {
    const busy = [{ personId: 'olli', start: new Date('2026-11-25T10:00:00Z'), end: new Date('2026-11-25T10:45:00Z') }];
    const [first] = finder.find(query({ busy, wanted: 1 })).free;
    expect(first).toEqual({ date: '2026-11-25', start: new Date('2026-11-25T10:45:00Z'), end: new Date('2026-11-25T11:30:00Z'), caseIndexes: [1], parts: 2 });
  });

  it('gives every case the whole occurrence for a unit that holds one case in each, and thirds for one that holds three', () => {
    const [whole] = finder.find(query({ casesPerSlot: 1, wanted: 1 })).free;
    expect(whole).toEqual({ date: '2026-11-25', start: new Date('2026-11-25T10:00:00Z'), end: new Date('2026-11-25T11:30:00Z'), caseIndexes: [0], parts: 1 });
    const thirds = finder.find(query({ casesPerSlot: 3, booked: [{ date: '2026-11-25', index: 0, parts: 3 }], wanted: 1 })).free[0];
    expect(thirds).toEqual({ date: '2026-11-25', start: new Date('2026-11-25T10:30:00Z'), end: new Date('2026-11-25T11:00:00Z'), caseIndexes: [1], parts: 3 });
  });

  it('keeps an occurrence in the parts its first case was booked into after the unit changed its cases per slot', () => {
    // Booked 12:00–12:45 while the unit held two; now it holds three, but 12:30–13:00 would overlap that meeting.
    const [next] = finder.find(query({ casesPerSlot: 3, booked: [{ date: '2026-11-25', index: 0, parts: 2 }], wanted: 1 })).free;
    expect(next).toEqual({ date: '2026-11-25', start: new Date('2026-11-25T10:45:00Z'), end: new Date('2026-11-25T11:30:00Z'), caseIndexes: [1], parts: 2 });
  });

  it('skips an occurrence where a participant is busy throughout, naming who', () => {
    const busy = [{ personId: 'olli', start: new Date('2026-11-25T09:00:00Z'), end: new Date('2026-11-25T12:00:00Z') }];
    const found = finder.find(query({ busy, wanted: 1 }));
    expect(found.skipped).toEqual([{ date: '2026-11-25', reason: { kind: 'busy', personIds: ['olli'] } }]);
    expect(found.free[0]?.date).toBe('2026-12-09');
  });

  it('skips a full occurrence, and one with any part taken when the case needs the whole slot', () => {
    const full = finder.find(query({ booked: [{ date: '2026-11-25', index: 0, parts: 2 }, { date: '2026-11-25', index: 1, parts: 2 }], wanted: 1 }));
    expect(full.skipped[0]).toEqual({ date: '2026-11-25', reason: { kind: 'full' } });
    const whole = finder.find(query({ booked: [{ date: '2026-11-25', index: 0, parts: 2 }], wholeSlot: true, wanted: 1 }));
    expect(whole.skipped[0]).toEqual({ date: '2026-11-25', reason: { kind: 'full' } });
    expect(whole.free[0]).toMatchObject({ date: '2026-12-09', caseIndexes: [0, 1] });
  });

  it('closes a unit-specific blackout only for requests involving that unit', () => {
    const closing = new SlotFinder(series, finnishHolidays, [{ from: '2026-11-23', to: '2026-11-29', unitIds: ['lastenpsykiatria'] }]);
    expect(closing.find(query({ wanted: 1 })).free[0]?.date).toBe('2026-12-09');
    expect(closing.find(query({ wanted: 1, unitIds: ['terveysasemat'] })).free[0]?.date).toBe('2026-11-25');
  });

  it('leaves two working days to prepare after the last worker is named, holidays excluded', () => {
    expect(finder.earliestAfterNaming(new Date('2026-12-21T08:00:00Z'), 2)).toBe('2026-12-23');
    expect(finder.earliestAfterNaming(new Date('2026-12-23T08:00:00Z'), 2)).toBe('2026-12-29');
  });
});

function* take<T>(source: Generator<T>, count: number): Generator<T> {
  for (let i = 0; i < count; i++) yield source.next().value as T;
}

describe('series configuration', () => {
  it('refuses an anchor that is not a Wednesday', () => {
    expect(() => new SlotFinder({ ...series, anchor: '2026-11-26' }, finnishHolidays, [])).toThrow(/not a Wednesday/);
  });
});
