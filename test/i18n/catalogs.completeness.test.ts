import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/domain/locale.js';
import { catalogs, translator } from '../../src/i18n/translator.js';

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogs', () => {
  const finnish = leafKeys(catalogs.fi).sort();

  it.each(LOCALES)('%s has exactly the keys of the Finnish catalog', (locale) => {
    expect(leafKeys(catalogs[locale]).sort()).toEqual(finnish);
  });

  it.each(LOCALES)('%s has no empty message', (locale) => {
    const t = translator(locale);
    for (const key of finnish) expect(t(key).trim(), key).not.toBe('');
  });

  it('interpolates values without HTML escaping', () => {
    expect(translator('fi')('welcome.title', { name: 'Ö & Å' })).toBe('Hei Ö & Å!');
  });
});
