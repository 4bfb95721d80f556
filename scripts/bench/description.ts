import type { DescriptionDraft } from '../../src/domain/collaboration/description.js';

/**
 * Client descriptions of a realistic length (a few hundred words over the four free-text parts)
 * in plain Finnish that the identifier guard lets through: no names, numbers or addresses.
 */
const OPENERS = ['Perhe', 'Lapsi', 'Vanhempi', 'Koulu', 'Tilanne', 'Työskentely', 'Arki', 'Tuki'];
const WORDS = (
  'tarvitsee tukea arjen sujumiseen ja lapsen koulunkäyntiin liittyvissä asioissa sekä vanhemman jaksamiseen ' +
  'kotikäynnit ovat toimineet hyvin mutta vastaanottoajat eivät ole sopineet perheen rytmiin viime kuukausina ' +
  'unihäiriöt ovat lisääntyneet ja poissaolot koulusta ovat kasvaneet syksyn aikana selvästi aiemmasta ' +
  'perhetyö on käynyt kaksi kertaa viikossa ja keskustelut ovat auttaneet vanhempaa hahmottamaan tilannetta ' +
  'yhteistyö koulun kanssa on ollut sujuvaa ja opettaja on huomannut muutoksen lapsen käytöksessä ' +
  'tarvitaan arvio lapsen voinnista sekä suunnitelma siitä miten palvelut sovitetaan yhteen ilman päällekkäisyyttä'
).split(' ');

/** A small linear congruential generator: the same seed gives the same text on every run. */
function wordsFrom(seed: number): () => string {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return WORDS[state % WORDS.length]!;
  };
}

function paragraph(seed: number, words: number): string {
  const next = wordsFrom(seed);
  const sentences: string[] = [];
  for (let written = 0; written < words; ) {
    const length = 8 + ((seed + written) % 7);
    const body = Array.from({ length }, next).join(' ');
    sentences.push(`${OPENERS[(seed + written) % OPENERS.length]} ${body}.`);
    written += length + 1;
  }
  return sentences.join(' ');
}

export interface DescriptionTexts {
  readonly wantedServices: string;
  readonly receivedServices: string;
  readonly whatWorked: string;
  readonly assessmentHighlights: string;
}

/** About 300 words, some 2.4 KB of text, different for every seed. */
export function descriptionTexts(seed: number): DescriptionTexts {
  return {
    wantedServices: paragraph(seed, 90),
    receivedServices: paragraph(seed + 1, 70),
    whatWorked: paragraph(seed + 2, 60),
    assessmentHighlights: paragraph(seed + 3, 80),
  };
}

export const SENDER_CONTACT = 'Wilma Työntekijä, wilma.tyontekija@hyvinvointialue.example, +358 29 000 0101';

export function descriptionDraft(seed: number): DescriptionDraft {
  return { texts: { senderContact: SENDER_CONTACT, ...descriptionTexts(seed) }, confirmedNameHints: [], pendingNameHints: [] };
}
