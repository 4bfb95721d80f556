import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/domain/locale.js';
import { holidayName } from '../../src/domain/slots/calendar-days.js';
import { HOLIDAY_NAMES } from '../../src/domain/slots/holiday-names.js';

/** Every day off date-holidays reports for Finland in 2026–2028: public holidays and the eves it lists as bank holidays. */
const daysOff = [2026, 2027, 2028].flatMap((year) =>
  new Holidays('FI').getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => ({ rule: h.rule, date: h.date.slice(0, 10), name: h.name })),
);

describe('holiday names', () => {
  it('has a name in Finnish, Swedish and English for every Finnish day off of 2026–2028', () => {
    expect(daysOff.length).toBeGreaterThan(40);
    for (const day of daysOff) for (const locale of LOCALES) expect(HOLIDAY_NAMES[day.rule]?.[locale], `${day.rule} (${day.name}) in ${locale}`).toBeTruthy();
  });

  it('names a date in the reader’s language: vappu is första maj in Swedish and May Day in English', () => {
    expect(['fi', 'sv', 'en'].map((locale) => holidayName('2026-05-01', locale as 'fi'))).toEqual(['vappu', 'första maj', 'May Day']);
    expect(holidayName('2027-01-06', 'sv')).toBe('trettondagen');
    expect(holidayName('2026-12-02', 'sv')).toBeUndefined();
  });

  it('gives every Swedish and English name apart from the Finnish one, so no Finnish name shows through', () => {
    for (const names of Object.values(HOLIDAY_NAMES)) {
      expect(names.sv).not.toBe(names.fi);
      expect(names.en).not.toBe(names.fi);
    }
  });
});
