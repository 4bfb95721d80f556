import type { Locale } from '../../src/domain/locale.js';
import { catalogs, translator } from '../../src/i18n/translator.js';

/**
 * What the user reads, looked up by catalog key, so a test names the message it expects rather
 * than its wording: a reworded text keeps the tests green, a wrong key fails them. An unknown key
 * throws instead of falling back to the key itself, as i18next would.
 */

type Values = Record<string, string | number>;
/** Values for a pattern: a text stands for itself, a RegExp for what it matches. */
type PatternValues = Record<string, string | number | RegExp>;

function lookup(locale: Locale, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogs[locale]);
}

/** The text under `key`; a plural key (`key_one`, `key_other`) is chosen by `count`, as i18next does, and needs one. */
function entry(locale: Locale, key: string, count?: unknown): string {
  const found = lookup(locale, key);
  if (typeof found === 'string') return found;
  if (typeof lookup(locale, `${key}_other`) === 'string') {
    if (typeof count !== 'number') throw new Error(`${key} is plural in the ${locale} catalog: pass its count`);
    const form = lookup(locale, `${key}_${new Intl.PluralRules(locale).select(count)}`) ?? lookup(locale, `${key}_other`);
    if (typeof form === 'string') return form;
  }
  throw new Error(`the ${locale} catalog has no text under ${key}`);
}

/** The catalog text of `key` with `values` filled in, in Finnish unless another locale is given. */
export function catalogText(key: string, values?: Values, locale: Locale = 'fi'): string {
  entry(locale, key, values?.count);
  return translator(locale)(key, values);
}

/** The Finnish text of `key`, as the bot shows it by default. */
export const fiText = (key: string, values?: Values): string => catalogText(key, values, 'fi');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The whole text of `key` as a pattern: the values given are filled in (a pattern as a pattern),
 * every other placeholder matches any text (a time, or whichever of two people was first).
 */
export function catalogPattern(key: string, values: PatternValues = {}, locale: Locale = 'fi'): RegExp {
  const parts = entry(locale, key, values.count).split(/(\{\{\s*\w+\s*\}\})/);
  const source = parts
    .map((part) => {
      const name = /^\{\{\s*(\w+)\s*\}\}$/.exec(part)?.[1];
      if (name === undefined) return escape(part);
      const value = values[name];
      if (value === undefined) return '.+';
      return value instanceof RegExp ? `(?:${value.source})` : escape(String(value));
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** The Finnish text of `key` as a pattern (see catalogPattern). */
export const fiPattern = (key: string, values: PatternValues = {}): RegExp => catalogPattern(key, values, 'fi');
