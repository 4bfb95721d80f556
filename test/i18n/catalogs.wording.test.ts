import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/domain/locale.js';
import { catalogs, translator } from '../../src/i18n/translator.js';

/** Every text of a catalog with its key, lists (the notices' paragraphs) included. */
function texts(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => texts(v, prefix ? `${prefix}.${k}` : k));
}

const wordsOf = (locale: Locale, pattern: RegExp) => texts(catalogs[locale]).filter(([, text]) => pattern.test(text)).map(([key, text]) => `${key}: ${text}`);

describe('catalog wording', () => {
  it('Swedish calls esihenkilö "chef", never "förman" (a work leader, says the Institute for the Languages of Finland)', () => {
    expect(wordsOf('sv', /förm(an|än)/i)).toEqual([]);
  });

  it('Finnish calls the client’s consent "suostumus", never "lupa"', () => {
    expect(wordsOf('fi', /\b(lupa|luvan|lupaa|luvat|lupia)\b/i)).toEqual([]);
  });

  it('Finnish writes "anonyymina", one form of the two the dictionary allows', () => {
    expect(wordsOf('fi', /anonyym(inä|iä|isenä)/i)).toEqual([]);
  });

  it('Finnish gives the consent’s end a date, not a dateless "voimassa asti"', () => {
    expect(wordsOf('fi', /voimassa asti/i)).toEqual([]);
  });

  it('feedback texts do not promise that answers are not linked to the person: they are stored under a pseudonym', () => {
    expect([...wordsOf('fi', /yhdistetä sinuun/i), ...wordsOf('sv', /kopplas inte till dig/i), ...wordsOf('en', /not linked to you/i)]).toEqual([]);
  });

  it.each(['sv', 'en'] as const)('%s running text names the slot in its own words (samarbetstid, collaboration slot); Yhteistyöaika stays only as the calendar’s word and the help’s name for it', (locale) => {
    const calendarWord = new Set(['meeting.subject', 'meeting.body', 'meeting.cancelComment', 'meeting.seriesSubject', 'help.steps', 'notices.privacy.paragraphs.2']);
    expect(texts(catalogs[locale]).filter(([key, text]) => /yhteistyöaika|collaboration time/i.test(text) && !calendarWord.has(key)).map(([key]) => key)).toEqual([]);
  });
});

describe('plural texts', () => {
  const pluralKeys = (locale: Locale) => texts(catalogs[locale]).map(([key]) => key).filter((key) => /_(one|other)$/.test(key));

  it.each(LOCALES)('%s needs only the plural forms one and other, and has both of every plural text', (locale) => {
    expect(new Intl.PluralRules(locale).resolvedOptions().pluralCategories.sort()).toEqual(['one', 'other']);
    const keys = new Set(pluralKeys(locale));
    for (const key of keys) expect(keys.has(key.replace(/_(one|other)$/, '_one')) && keys.has(key.replace(/_(one|other)$/, '_other')), key).toBe(true);
    expect(keys.size).toBeGreaterThan(0);
  });

  it('chooses the form by count: one person, several people', () => {
    const fi = translator('fi');
    expect(fi('meeting.seriesUnit', { unit: 'Perhesosiaalityö', count: 1 })).toBe('Perhesosiaalityö (1 henkilö)');
    expect(fi('meeting.seriesUnit', { unit: 'Perhesosiaalityö', count: 4 })).toBe('Perhesosiaalityö (4 henkilöä)');
    expect(fi('meeting.declined', { people: 'Wilma', reference: 'YT-2026-0001', count: 1 })).toMatch(/^Wilma ei pääse /);
    expect(fi('meeting.declined', { people: 'Wilma, Ville', reference: 'YT-2026-0001', count: 2 })).toMatch(/^Wilma, Ville eivät pääse /);
    expect(fi('audit.membersMore', { names: 'A', count: 1 })).toBe('A ja 1 muu (kaikki CSV-tiedostossa)');
    expect(translator('en')('meeting.seriesUnit', { unit: 'Family', count: 1 })).toBe('Family (1 person)');
    expect(translator('sv')('audit.noSuchPage', { reference: 'YT-2026-0001', count: 1 })).toBe('Loggen för begäran YT-2026-0001 har 1 sida.');
  });
});
