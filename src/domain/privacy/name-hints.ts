import { commonWordRank, FIRST_NAMES, NOT_NAMES } from './first-names.js';
import { normalizeLetters } from './normalize-text.js';

/**
 * Finnish adds case endings, possessive suffixes and clitics to a name ("Jussille",
 * "Annallakin", "Mikahan"); names ending in a consonant take a linking i ("Svenille",
 * "Kerstinin"). Stripping such an ending finds the name only while the stem stays intact:
 * consonant gradation ("Pekka" -> "Pekan", "Heikki" -> "Heikin") and stem changes
 * ("Aleksi" -> "Aleksein") are not undone, so those forms are missed unless the changed stem
 * happens to be a name too. An inflected form that is itself a more frequent Finnish word
 * than the name ("Ennen", "Hiljaa", "Päiviä", "Joukossa") is taken as the word.
 */
const CASE_ENDINGS = [
  '', 'n', 'a', 'ä', 'ta', 'tä', 'na', 'nä', 'ksi', 'lla', 'llä', 'lta', 'ltä', 'lle', 'ssa',
  'ssä', 'sta', 'stä', 'an', 'än',
];
const POSSESSIVE_SUFFIXES = ['', 'ni', 'si', 'nsa', 'nsä', 'mme', 'nne'];
const CLITICS = ['', 'kin', 'kaan', 'kään', 'han', 'hän', 'pa', 'pä'];
const NAME_SUFFIXES: ReadonlySet<string> = new Set(
  CASE_ENDINGS.flatMap((c) => POSSESSIVE_SUFFIXES.flatMap((p) => CLITICS.map((k) => c + p + k))).filter(Boolean),
);
/** A short stem plus an ending collides with too many ordinary words ("Pia" + "n" is "pian", soon). */
const MIN_INFLECTED_STEM = 4;
const VOWEL_FINAL = /[aeiouyäö]$/u;
const MIN_NAME_LENGTH = 3;
const WORD = /\p{L}+/gu;
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

/**
 * Only words written like a name (capital first letter, the rest lower case) are considered,
 * so a common word is hinted at the start of a sentence only when it is in the name list
 * itself or reads as a name plus an ending. Tokens are returned as written, less any invisible
 * character that would split or disguise them ("Ma\u200btti" is hinted as "Matti"), so the worker
 * recognises them.
 */
export function findNameHints(text: string): string[] {
  const hints = new Set<string>();
  for (const [token] of normalizeLetters(text).matchAll(WORD)) {
    if (token.length < MIN_NAME_LENGTH || !CAPITALISED.test(token)) continue;
    if (looksLikeName(token.toLowerCase())) hints.add(token);
  }
  return [...hints];
}

function looksLikeName(word: string): boolean {
  if (NOT_NAMES.has(word)) return false;
  if (FIRST_NAMES.has(word)) return true;
  for (let stemLength = MIN_INFLECTED_STEM; stemLength < word.length; stemLength++) {
    const stem = word.slice(0, stemLength);
    if (!FIRST_NAMES.has(stem)) continue;
    const rest = word.slice(stemLength);
    const ending = VOWEL_FINAL.test(stem) ? rest : rest.startsWith('i') ? rest.slice(1) : null;
    if (ending === null || !NAME_SUFFIXES.has(ending) || commonWordRank(word) < commonWordRank(stem)) continue;
    return true;
  }
  return false;
}
