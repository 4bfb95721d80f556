import { describe, expect, it } from 'vitest';
import { GraphError } from '../../src/graph/graph-error.js';
import { fromGraphDateTime, parseInstant, toGraphDateTime } from '../../src/graph/graph-time.js';

describe('times sent to Graph', () => {
  it.each([
    ['winter, UTC+2', '2026-03-25T10:00:00Z', '2026-03-25T12:00:00'],
    ['after the March change, UTC+3', '2026-04-01T09:00:00Z', '2026-04-01T12:00:00'],
    ['the last hour before the October change', '2026-10-25T00:30:00Z', '2026-10-25T03:30:00'],
    ['the first hour after the October change', '2026-10-25T01:30:00Z', '2026-10-25T03:30:00'],
    ['an offset other than Z', '2026-10-28T12:00:00+02:00', '2026-10-28T12:00:00'],
  ])('are Helsinki wall-clock time in FLE Standard Time: %s', (_case, iso, wallClock) => {
    expect(toGraphDateTime(iso)).toEqual({ dateTime: wallClock, timeZone: 'FLE Standard Time' });
  });

  it('refuses a time without an offset, which would mean different instants to different readers', () => {
    expect(() => parseInstant('2026-03-25T12:00:00')).toThrow(RangeError);
  });
});

describe('times read from Graph', () => {
  it('are UTC with Graph\'s seven fraction digits', () => {
    expect(fromGraphDateTime({ dateTime: '2026-03-25T10:00:00.0000000', timeZone: 'UTC' })).toBe('2026-03-25T10:00:00.000Z');
  });

  it('are refused in any other zone rather than misread', () => {
    expect(() => fromGraphDateTime({ dateTime: '2026-03-25T12:00:00.0000000', timeZone: 'FLE Standard Time' })).toThrow(GraphError);
  });
});
