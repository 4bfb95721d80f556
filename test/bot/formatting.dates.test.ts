import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth } from '../../src/bot/cards/formatting.js';

describe('dates on cards', () => {
  it('writes Swedish dates as Finland does, numeric like Finnish: 1.12.2026, 1.12.2026 kl. 12.00', () => {
    expect(formatDate('2026-12-01', 'sv')).toBe('1.12.2026');
    expect(formatDate('2026-12-01', 'fi')).toBe('1.12.2026');
    expect(formatDateTime('2026-12-01T10:00:00Z', 'sv')).toBe('1.12.2026 kl. 12.00');
    expect(formatDateTime('2026-12-01T10:00:00Z', 'fi')).toBe('1.12.2026 klo 12.00');
  });

  it('dates a time by the county’s calendar: 22.30 UTC on 30 June is 1 July in Helsinki', () => {
    expect(formatDateTime('2026-06-30T22:30:00Z', 'sv')).toBe('1.7.2026 kl. 1.30');
  });

  it('keeps English dates spelled out, which no reader takes for another month', () => {
    expect(formatDate('2026-12-01', 'en')).toBe('1 Dec 2026');
  });

  it('heads a report month 11/2026 in every language', () => {
    expect(['fi', 'sv', 'en'].map((l) => formatMonth('2026-11', l as 'fi'))).toEqual(['11/2026', '11/2026', '11/2026']);
  });
});
