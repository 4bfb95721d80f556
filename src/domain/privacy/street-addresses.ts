import { acceptedSpans, type Span } from './span.js';
import { NOT_STREETS, STANDALONE_STREET_WORDS, STREET_TYPE_FORMS } from './street-names.js';

/**
 * A street address is one word ending in a street-type word followed by a house number 1–999,
 * optionally introduced by "nr", "nro", "n:o" or "nummer"; the staircase and apartment that may
 * follow are not needed to decide. A multi-word name is caught by its last word ("Vanha
 * Porvoontie 5", "Lilla Robertsgatan 3"). Requiring the number keeps "koulutie on pitkä" out,
 * at the price of street names without a type word. A number followed by a unit ("kotitie
 * 2 kertaa", "pihalla 3 tuntia", "5-vuotiaana") is a count, not a house number.
 */
/** The word is taken whole, (?=(…))\1, so a word not followed by a number fails without backtracking. */
const STREET_WORD_AND_NUMBER =
  /(?<![\p{L}\p{N}-])(?=((?:\p{L}+-)*\p{L}+))\1(?: (?:nr|nro|n:o|no|numero|nummer)\.?)? ?[1-9]\d{0,2}(?!\p{N}|[.,:]\p{N})/giu;
const ENDS_WITH_TYPE = new RegExp(`(?:${STREET_TYPE_FORMS.join('|')})$`, 'iu');
const UNIT_AFTER =
  /^[ -]?(?:%|€|e|euroa?|kertaa|kerran|krt|kpl|tuntia|tunnin|h|min|minuuttia|vuotta|vuoden|v|vuotias\p{L}*|kk|kuukautta|kuukauden|viikkoa|viikon|vko|päivää|päivän|pv|vrk|km|m|metriä|kg|mg|ml|vaihetta|henkeä|lasta|gånger|ggr|timmar|timme|år|dagar|veckor|månader|minuter|st|personer|barn)(?!\p{L})/iu;

/** Longer than any unit word above with its leading space. */
const UNIT_REACH = 16;

export function streetAddressSpans(text: string): Span[] {
  return acceptedSpans(text, STREET_WORD_AND_NUMBER, (match) => {
    const word = (match[1] ?? '').toLowerCase();
    if (!ENDS_WITH_TYPE.test(word) || NOT_STREETS.test(word)) return false;
    const end = match.index + match[0].length;
    if (UNIT_AFTER.test(text.slice(end, end + UNIT_REACH))) return false;
    return !STREET_TYPE_FORMS.includes(word) || STANDALONE_STREET_WORDS.has(word);
  });
}
