export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fi';

/** Teams sends tags such as "fi-FI", "sv-FI" or "en-US"; anything else falls back to Finnish. */
export function localeFromTag(tag: string | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === language);
}

export type LocalizedText = Readonly<Record<Locale, string>>;
