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

/** Dates and times in the county's time zone and the reader's language. */
export function formatDateTime(iso: string, locale: Locale): string {
  return cached(dateTimeFormats, locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale): string {
  return cached(timeFormats, locale, { timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date (yyyy-MM-dd) as the reader writes dates; the date is the county's, no shift. */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : cached(dateFormats, locale, { dateStyle: 'medium' }).format(date);
}

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A county month (yyyy-MM) as the reader writes it, short enough for a table heading. */
export function formatMonth(month: string, locale: Locale): string {
  return cached(monthFormats, locale, { year: '2-digit', month: 'short' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** Averages read with one decimal and the reader's decimal sign. */
export function formatDecimal(value: number, locale: Locale): string {
  return value.toLocaleString(INTL_LOCALE[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A fraction 0..1 as a whole percent, spaced as the reader's language spaces it. */
export function formatPercent(value: number, locale: Locale): string {
  return value.toLocaleString(INTL_LOCALE[locale], { style: 'percent', maximumFractionDigits: 0 });
}
