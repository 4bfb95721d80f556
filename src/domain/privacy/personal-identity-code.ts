import { acceptedSpans, type Span } from './span.js';

/**
 * Matched on normalized text (ASCII digits, "-" for every dash, single spaces). Letters are
 * accepted in either case. Only digits are refused as neighbours, so a code glued to punctuation
 * or to a label ("hetu:131052-308T", "(131052-308T)") is still caught while a longer number is
 * not. A single space may stand inside the date and around the sign, and the date may be dotted
 * ("13.10.52-308T"), since a code broken over a line, or written to dodge a pattern, still points
 * at one person. The check character must follow the individual number directly, "131052-308 ja"
 * being the partial form, unless the whole code is spaced out character by character.
 */
const PERSONAL_IDENTITY_CODE =
  /(?<!\p{N})(\d ?\d)[. ]?(\d ?\d)[. ]?(\d ?\d) ?([+\-a-fu-y]) ?(?:\d{3}[0-9a-z](?!\p{N})|\d \d \d [0-9a-z](?![\p{L}\p{N}]))/giu;

const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900, U: 1900, V: 1900, W: 1900, X: 1900, Y: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/**
 * The check character is deliberately not verified. A code with a typo in the check
 * character, or in one digit of the individual number, still carries the birth date and
 * nearly all of the individual number and so still points at one person; refusing it only
 * when the checksum is right would let exactly the careless paste through. The calendar
 * date is what separates a henkilötunnus from other number runs of the same shape, so that
 * is validated instead (320199-1234 is not a date and is let through). The finnish-ssn
 * package was not used: its validate() couples date and checksum into one boolean, accepts
 * only the years 1850–1899 for "+" and 2000–2029 for the 2000s signs, and reads the clock.
 */
export function personalIdentityCodeSpans(text: string): Span[] {
  return acceptedSpans(text, PERSONAL_IDENTITY_CODE, (match) => {
    const [, day = '', month = '', year = '', sign = ''] = match;
    const century = CENTURY_BY_SIGN[sign.toUpperCase()];
    return century !== undefined && isCalendarDate(century + digits(year), digits(month), digits(day));
  });
}

function digits(pair: string): number {
  return Number(pair.replace(' ', ''));
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}
