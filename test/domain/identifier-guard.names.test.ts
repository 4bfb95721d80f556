import { describe, expect, it } from 'vitest';
import { findNameHints } from '../../src/domain/privacy/identifier-guard.js';

describe('name hints', () => {
  it('hints a capitalised Finnish first name', () => {
    expect(findNameHints('Tapaamisessa olivat Matti ja Päivi.')).toEqual(['Matti', 'Päivi']);
  });

  it('hints both parts of a hyphenated name', () => {
    expect(findNameHints('Anna-Liisa kertoi tilanteesta.')).toEqual(['Anna', 'Liisa']);
  });

  it.each(['Mikalle', 'Mikan', 'Annalla', 'Annan', 'Jussin', 'Villelle', 'Jussillekin', 'Lauralta', 'Ainolle', 'Mikahan'])(
    'hints the inflected name %s as written',
    (token) => {
      expect(findNameHints(`Soitin eilen ${token} asiasta.`)).toEqual([token]);
    },
  );

  it.each(['Svenille', 'Kerstinin'])('hints the consonant-final name with a linking vowel, %s', (token) => {
    expect(findNameHints(`Puhuin ${token} kanssa.`)).toEqual([token]);
  });

  it.each(['Kerstin', 'Birgitta', 'Gunnel', 'Kjerstin', 'Sigge', 'Majken', 'Rutger', 'Håkan', 'Märta'])(
    'hints the Swedish name %s',
    (name) => {
      expect(findNameHints(`Klienten ${name} bor ensam.`)).toEqual([name]);
    },
  );

  it.each(['Onni', 'Toivo', 'Usko', 'Armas', 'Lahja', 'Sulo', 'Into', 'Tyyne', 'Valo', 'Aamu', 'Ilta', 'Talvi', 'Tuuli', 'Sade', 'Lumi', 'Poika', 'Veli', 'Arvo', 'Aina', 'Eli'])(
    'does not hint the everyday word %s even though it is also a name',
    (word) => {
      expect(findNameHints(`${word} oli tärkeä asia.`)).toEqual([]);
    },
  );

  it.each(['Toivoa', 'Arvon', 'Veljen', 'Onnea'])('does not hint an inflected stoplist word, %s', (word) => {
    expect(findNameHints(`${word} on vaikea arvioida.`)).toEqual([]);
  });

  it.each(['Elo', 'April', 'Maj', 'Maanantai', 'Lördag'])('does not hint the month or weekday %s', (word) => {
    expect(findNameHints(`${word} sopii tapaamiselle.`)).toEqual([]);
  });

  it.each(['Kotikäynti', 'Asiakas', 'Koulunkäynti', 'Ennen', 'Hiljaa', 'Päiviä', 'Joukossa', 'Ainoa', 'Anneta', 'Jonakin', 'Hopea', 'Rikosta', 'Kenttä', 'Vietän'])(
    'does not hint the sentence-initial common word %s',
    (word) => {
      expect(findNameHints(`${word} tilanne on parantunut.`)).toEqual([]);
    },
  );

  it.each([
    ['a zero-width space', 'Ma\u200btti'],
    ['a soft hyphen', 'Mat\u00adti'],
    ['fullwidth letters', 'Ｍａｔｔｉ'],
  ])('hints a name disguised with %s, as the plain name', (_label, written) => {
    expect(findNameHints(`${written} kertoi tilanteesta.`)).toEqual(['Matti']);
  });

  it('does not hint a name written in lower case or in capitals', () => {
    expect(findNameHints('matti ja MATTI ovat kirjoitusasuja.')).toEqual([]);
  });

  it('does not hint two-letter tokens', () => {
    expect(findNameHints('Bo ja Li.')).toEqual([]);
  });

  it('returns each token once, in order of first appearance', () => {
    expect(findNameHints('Matti soitti. Matti ja Mikalle ja Matti.')).toEqual(['Matti', 'Mikalle']);
  });

  it('keeps differently inflected forms as separate tokens', () => {
    expect(findNameHints('Annan äiti ja Annalla on koira.')).toEqual(['Annan', 'Annalla']);
  });
});
