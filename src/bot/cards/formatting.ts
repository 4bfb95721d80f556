import { COUNTY_TIME_ZONE } from '../../domain/time.js';
import type { Locale } from '../../domain/locale.js';

const INTL_LOCALE: Readonly<Record<Locale, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const timeFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached(cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: COUNTY_TIME_ZONE });
    cache.set(locale, format);
  }
  return format;
}

/**
 * Dates as Finland writes them, in Swedish too: 1.12.2026, not Sweden's "1 dec. 2026" beside a
 * Finnish 1.12.2026 (Finland-Swedish writes "1.12.2026 kl. 12.00"). English keeps its own
 * "1 Dec 2026": a numeric 01/12/2026 would read as January to some.
 */
const DATE_OPTIONS: Readonly<Record<Locale, Intl.DateTimeFormatOptions>> = {
  fi: { day: 'numeric', month: 'numeric', year: 'numeric' },
  sv: { day: 'numeric', month: 'numeric', year: 'numeric' },
  en: { dateStyle: 'medium' },
};

/** Dates and times in the county's time zone and the reader's language. */
export function formatDateTime(iso: string, locale: Locale): string {
  if (locale === 'sv') return `${formatDate(countyDateOf(iso), locale)} kl. ${formatTime(iso, locale)}`;
  return cached(dateTimeFormats, locale, locale === 'fi' ? { ...DATE_OPTIONS.fi, hour: 'numeric', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale): string {
  return cached(timeFormats, locale, { timeStyle: 'short' }).format(new Date(iso));
}

const countyDates = new Intl.DateTimeFormat('sv-SE', { timeZone: COUNTY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The county's calendar date (yyyy-MM-dd) of an instant. */
function countyDateOf(iso: string): string {
  return countyDates.format(new Date(iso));
}

/** A calendar date (yyyy-MM-dd) as the reader writes dates; the date is the county's, no shift. */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : cached(dateFormats, locale, DATE_OPTIONS[locale]).format(date);
}

/**
 * A county month (yyyy-MM) as a table heading: numeric (11/2026) in every language, so it is
 * short enough for a narrow column and reads the same in Finnish, Swedish and English.
 */
export function formatMonth(month: string, _locale: Locale): string {
  const [year, mm] = month.split('-');
  return year && mm ? `${Number(mm)}/${year}` : month;
}

/** Averages read with one decimal and the reader's decimal sign. */
export function formatDecimal(value: number, locale: Locale): string {
  return value.toLocaleString(INTL_LOCALE[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A fraction 0..1 as a whole percent, spaced as the reader's language spaces it. */
export function formatPercent(value: number, locale: Locale): string {
  return value.toLocaleString(INTL_LOCALE[locale], { style: 'percent', maximumFractionDigits: 0 });
}

const listFormats = new Map<Locale, Intl.ListFormat>();

/** "a, b ja c" as the reader's language joins a list. */
export function formatList(items: readonly string[], locale: Locale): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' });
    listFormats.set(locale, format);
  }
  return format.format(items);
}
