/**
 * The guard's patterns are written for plain ASCII digits, one kind of hyphen and single spaces.
 * A pasted or deliberately disguised identifier rarely looks like that: editors substitute dashes,
 * phones and web forms paste fullwidth or Arabic-Indic digits, and zero-width characters or soft
 * hyphens split a code invisibly. Folding all of that first keeps each pattern simple and lets one
 * pattern serve every written form. Text normalized for screening is only ever matched, never
 * shown or stored; name hints are shown, so their text is only lightly normalized.
 */

/** Invisible format characters: zero-width spaces and joiners, soft hyphens, bidi controls, BOM. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** NFKC and drops invisible characters; what is left reads as the person wrote it. */
export function normalizeLetters(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARACTERS, '');
}

/** Marks left over after NFKC (a combining underline or strike-through drawn over digits). */
const COMBINING_MARKS = /\p{M}/gu;
const NON_ASCII_DIGIT = /[^\P{Nd}0-9]/gu;
const DASH = /[\p{Pd}\u2212\u2043\u02d7]/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * Every decimal digit becomes 0–9, every dash a hyphen, every run of whitespace (line breaks
 * included) one space, none at either end. Finnish and Swedish letters survive the mark removal
 * because NFKC has already composed them into single characters. Runs once per text.
 */
export function normalizeForScreening(text: string): string {
  return normalizeLetters(text)
    .replace(COMBINING_MARKS, '')
    .replace(NON_ASCII_DIGIT, asciiDigit)
    .replace(DASH, '-')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

const IS_DIGIT = /^\p{Nd}$/u;
const DIGIT_CACHE = new Map<string, string>();

/**
 * Unicode encodes every decimal digit set as ten consecutive code points from zero, and adjacent
 * sets follow each other whole, so a digit's value is its distance from the start of the run, mod 10.
 */
function asciiDigit(digit: string): string {
  const cached = DIGIT_CACHE.get(digit);
  if (cached !== undefined) return cached;
  const codePoint = digit.codePointAt(0) ?? 0;
  let offset = 0;
  while (IS_DIGIT.test(String.fromCodePoint(codePoint - offset - 1))) offset++;
  const ascii = String(offset % 10);
  DIGIT_CACHE.set(digit, ascii);
  return ascii;
}

/**
 * Letters that stand in for digits: O for 0 (Latin, Cyrillic or Greek) and l, I or | for 1. Only a
 * run that touches a digit is folded, so words are left alone while "O4O-l234567" and
 * "131O52-3O8T" read as numbers.
 */
const HOMOGLYPH_DIGIT: Readonly<Record<string, string>> = {
  O: '0', o: '0', '\u041e': '0', '\u043e': '0', '\u039f': '0', '\u03bf': '0',
  l: '1', I: '1', '\u0406': '1', '|': '1',
};
const HOMOGLYPH = `[${Object.keys(HOMOGLYPH_DIGIT).join('')}]`;
const HOMOGLYPHS_NEXT_TO_DIGIT = new RegExp(`${HOMOGLYPH}+(?=\\d)|(?<=\\d)${HOMOGLYPH}+`, 'gu');

/** Finnish, Swedish and English digit words; "en" is left out, being the Swedish article. */
const DIGIT_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['nolla', 'yksi', 'kaksi', 'kolme', 'neljä', 'viisi', 'kuusi', 'seitsemän', 'kahdeksan', 'yhdeksän'],
    ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio'],
    ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  ].flatMap((words) => words.map((word, value) => [word, String(value)])),
);
const DIGIT_WORD = `(?:${Object.keys(DIGIT_WORDS).join('|')})`;
/** Two or more digit words in a row: one number word alone is ordinary prose ("kolme lasta"). */
const SPELLED_NUMBER = new RegExp(`(?<!\\p{L})${DIGIT_WORD}(?:[ ,-]+${DIGIT_WORD})+(?!\\p{L})`, 'giu');
const DIGIT_WORD_ITEM = new RegExp(DIGIT_WORD, 'giu');

/**
 * A second reading of normalized text for identifiers written to slip past a pattern: homoglyphs
 * next to digits become digits and spelled-out digit runs become digits ("nolla neljä nolla …").
 * It is matched in addition to the normalized text, never instead of it, because folding can also
 * break a genuine match (a check character "l" turns into "1").
 */
export function foldObfuscations(normalized: string): string {
  return normalized
    .replace(SPELLED_NUMBER, (run) => run.replace(DIGIT_WORD_ITEM, (word) => DIGIT_WORDS[word.toLowerCase()] ?? word).replace(/[ ,-]+/gu, ''))
    .replace(HOMOGLYPHS_NEXT_TO_DIGIT, (run) => run.replace(/./gu, (letter) => HOMOGLYPH_DIGIT[letter] ?? letter));
}
