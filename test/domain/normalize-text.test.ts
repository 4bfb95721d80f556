import { describe, expect, it } from 'vitest';
import { foldObfuscations, normalizeForScreening, normalizeLetters } from '../../src/domain/privacy/normalize-text.js';

describe('normalizing text for the privacy guard', () => {
  it('folds every decimal digit set to ASCII digits', () => {
    expect(normalizeForScreening('１２ ١٢ ۱۲ १२ 𝟏𝟐 ๑๒')).toBe('12 12 12 12 12 12');
  });

  it('turns every dash into a hyphen', () => {
    expect(normalizeForScreening('a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h\uff0di\ufe63j')).toBe('a-b-c-d-e-f-g-h-i-j');
  });

  it('drops invisible characters and combining marks, keeping Finnish and Swedish letters', () => {
    expect(normalizeForScreening('1\u200b2\u00ad3\ufeff4\u2060 5\u0332 ä\u0308 å öÄÖÅ')).toBe('1234 5 ä å öÄÖÅ');
  });

  it('collapses whitespace and line breaks into single spaces and trims the ends', () => {
    expect(normalizeForScreening(' a \r\n\t b\u00a0\u202fc \n')).toBe('a b c');
  });

  it('keeps letters as written apart from invisible characters when normalizing for names', () => {
    expect(normalizeLetters('Ma\u200btti ja Ｐäivi')).toBe('Matti ja Päivi');
  });

  it('reads look-alike letters as digits only next to digits', () => {
    expect(foldObfuscations('O4O-l234567 ja 131O52-3O8T, Olli ja Ilona')).toBe('040-1234567 ja 131052-308T, Olli ja Ilona');
  });

  it('reads runs of two or more digit words as digits, and leaves a single number word', () => {
    expect(foldObfuscations('nolla neljä nolla, yksi kaksi ja kolme lasta')).toBe('04012 ja kolme lasta');
  });
});
