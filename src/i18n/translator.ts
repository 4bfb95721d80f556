import i18next, { type Resource, type TFunction } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain/locale.js';
import en from './locales/en.json';
import fi from './locales/fi.json';
import sv from './locales/sv.json';

export const catalogs: Readonly<Record<Locale, typeof fi>> = { fi, sv, en };

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogs[l] }])) as Resource,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  // Cards are JSON, not HTML: escaping would show "&amp;" to the user.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, instance.getFixedT(l)]));

export function translator(locale: Locale): Translate {
  const t = fixed.get(locale) ?? instance.getFixedT(DEFAULT_LOCALE);
  return (key, values) => t(key, values ?? {}) as string;
}
