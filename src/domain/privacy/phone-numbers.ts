import { findPhoneNumbersInText } from 'libphonenumber-js';
import type { Span } from './span.js';

/**
 * libphonenumber-js decides what is a callable number; alone it is far too generous for case
 * notes, because the Finnish numbering plan makes almost any digit run valid once a trunk 0 is
 * assumed ("10 000 000", "2026-0042" and the date 01.03.2024 all parse as Finnish numbers).
 * A number is therefore also required to be written as one: starting with "+", a trunk 0 or the
 * 00 prefix (also in parentheses), or with 358 dialled without its "+". Ordinary numbers in case
 * notes (years, ages, amounts, counts) do not start that way; the ones that do are dates, clock
 * ranges and amounts that happen to begin with 358, refused by shape below. Known gaps: service
 * numbers without a leading 0 (116 117) and local numbers without an area code (123 4567).
 */
const WRITTEN_AS_PHONE = /^(?:\+|\(?0|358)/u;
const MIN_PHONE_DIGITS = 7;
/** 1.3.2024, 01/03/2024, 01-03-24, 01–05/2026: a day and a month, or a range of weeks or months, first. */
const STARTS_WITH_DATE = /^\d{1,2}[./-]\d{1,2}(?:[./-]|$)/u;
/** 358 400 000 €: groups of three after a leading 358 are an amount, not a number dialled without "+". */
const AMOUNT = /^[1-9]\d{0,2}(?: \d{3})+$/u;
/** 0800-1600, 08.00-16.00: opening hours. */
const CLOCK_RANGE = /^(?:[01]\d|2[0-3])[.:]?[0-5]\d ?- ?(?:[01]\d|2[0-3])[.:]?[0-5]\d$/u;

/**
 * Runs of digits and the punctuation libphonenumber-js accepts inside a number. Its text search
 * costs milliseconds per page, so it is only handed these runs, each with one character of
 * context either side: the characters it looks at to refuse a number glued to letters.
 */
const NUMBER_RUN = /[+([]*\d[\d ()[\]./~-]*/gu;
/** A group in the run written the way a phone number starts; runs without one are not searched. */
const PHONE_START_IN_RUN = /(?:^|\D)(?:\+|0|358)/u;
/**
 * On digit-dense text the search spends tens of microseconds per character, so a pasted table of
 * numbers could hold a core for seconds. Past this many characters of candidate runs in one text,
 * a further run is refused as a phone number without being searched: a case description comes
 * nowhere near it, and refusing is the safe side of not knowing.
 */
const SEARCH_BUDGET = 1_000;

export function phoneNumberSpans(text: string): Span[] {
  const spans: Span[] = [];
  let budget = SEARCH_BUDGET;
  for (const run of text.matchAll(NUMBER_RUN)) {
    if ((run[0].match(/\d/gu)?.length ?? 0) < MIN_PHONE_DIGITS || !PHONE_START_IN_RUN.test(run[0])) continue;
    const from = Math.max(0, run.index - 1);
    const window = text.slice(from, run.index + run[0].length + 1);
    budget -= window.length;
    if (budget < 0) {
      spans.push({ start: run.index, end: run.index + run[0].length });
      continue;
    }
    for (const found of findPhoneNumbersInText(window, 'FI')) {
      const written = window.slice(found.startsAt, found.endsAt);
      if (!WRITTEN_AS_PHONE.test(written) || (written.match(/\d/gu)?.length ?? 0) < MIN_PHONE_DIGITS) continue;
      if (STARTS_WITH_DATE.test(written) || CLOCK_RANGE.test(written) || AMOUNT.test(written)) continue;
      spans.push({ start: from + found.startsAt, end: from + found.endsAt });
    }
  }
  return spans;
}
