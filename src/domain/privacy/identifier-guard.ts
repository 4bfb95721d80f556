import { commonWordRank, FIRST_NAMES, NOT_NAMES } from './first-names.js';

/**
 * Client descriptions must stay anonymous, so free text is screened for direct identifiers
 * before it is stored or shared. Blocking kinds stop the submission; name hints only ask the
 * worker to confirm, because names cannot be told apart from ordinary words reliably.
 *
 * Nothing here returns a matched identifier value: the report is meant to be safe to log and
 * to show back, and an identifier leaking through the guard's own report would defeat it.
 * Name hints are the exception because the worker has to see the word to confirm it.
 */

export type IdentifierKind = 'personal_identity_code' | 'phone' | 'email' | 'street_address' | 'postal_address';

export interface FieldFinding {
  readonly field: string;
  readonly kind: IdentifierKind;
}

export interface NameHint {
  readonly field: string;
  readonly token: string;
}

export interface GuardReport {
  readonly blocking: readonly FieldFinding[];
  readonly nameHints: readonly NameHint[];
}

/**
 * fields: field name -> text. contactFields: fields where the worker writes their own contact
 * details; those are exempt from the phone and e-mail rules (but not from the others) and are
 * never checked for names.
 */
export function inspectFields(
  fields: Readonly<Record<string, string>>,
  options: { readonly contactFields: readonly string[] },
): GuardReport {
  const contactFields = new Set(options.contactFields);
  const blocking: FieldFinding[] = [];
  const nameHints: NameHint[] = [];
  for (const [field, text] of Object.entries(fields)) {
    const isContactField = contactFields.has(field);
    for (const kind of findIdentifierKinds(text, { allowContact: isContactField })) {
      blocking.push({ field, kind });
    }
    if (!isContactField) {
      for (const token of findNameHints(text)) nameHints.push({ field, token });
    }
  }
  return { blocking, nameHints };
}

const KIND_ORDER: readonly IdentifierKind[] = [
  'personal_identity_code',
  'phone',
  'email',
  'street_address',
  'postal_address',
];

/**
 * Each detector masks what it accepted so that a later, looser rule cannot claim the same
 * characters: a henkilötunnus such as 010203-1234 would otherwise also read as a phone number,
 * and the digits of an allowed contact e-mail address are not a phone number either.
 */
const DETECTORS: readonly (readonly [IdentifierKind, (text: string) => string | null])[] = [
  ['personal_identity_code', maskPersonalIdentityCodes],
  ['email', maskEmails],
  ['phone', maskPhoneNumbers],
  ['street_address', maskStreetAddresses],
  ['postal_address', maskPostalAddresses],
];

export function findIdentifierKinds(text: string, options?: { readonly allowContact?: boolean }): IdentifierKind[] {
  const found = new Set<IdentifierKind>();
  let rest = text.normalize('NFC');
  for (const [kind, mask] of DETECTORS) {
    const masked = mask(rest);
    if (masked === null) continue;
    rest = masked;
    if (options?.allowContact && (kind === 'phone' || kind === 'email')) continue;
    found.add(kind);
  }
  return KIND_ORDER.filter((kind) => found.has(kind));
}

/** Not a letter, digit or separator, so a masked span neither joins nor starts another match. */
const MASK_CHAR = '\u2588';

/** Returns the text with every accepted match masked, or null when nothing was accepted. */
function maskMatches(text: string, pattern: RegExp, accept: (match: RegExpExecArray) => boolean): string | null {
  let masked = text;
  let any = false;
  for (const match of text.matchAll(pattern)) {
    if (!accept(match)) continue;
    any = true;
    masked = masked.slice(0, match.index) + MASK_CHAR.repeat(match[0].length) + masked.slice(match.index + match[0].length);
  }
  return any ? masked : null;
}

/**
 * Letters are accepted in either case and the sign may be any dash an editor substitutes for
 * the hyphen. Only digits are refused as neighbours, so a code glued to punctuation or to a
 * label ("hetu:131052-308T", "(131052-308T)") is still caught while a longer number is not.
 */
const PERSONAL_IDENTITY_CODE =
  /(?<!\p{N})(\d{2})(\d{2})(\d{2})([+\-\u2010-\u2013\u2212a-fu-y])\d{3}[0-9a-z](?!\p{N})/giu;

const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900, U: 1900, V: 1900, W: 1900, X: 1900, Y: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/**
 * The check character is deliberately not verified. A code with a typo in the check
 * character, or in one digit of the individual number, still carries the birth date and
 * nearly all of the individual number and so still points at one person; refusing it only
 * when the checksum is right would let exactly the careless paste through. The calendar
 * date is what separates a henkilötunnus from other number runs of the same shape, so that
 * is validated instead (320199-1234 is not a date and is let through). The finnish-ssn
 * package was not used: its validate() couples date and checksum into one boolean, accepts
 * only the years 1850–1899 for "+" and 2000–2029 for the 2000s signs, and reads the clock.
 */
function maskPersonalIdentityCodes(text: string): string | null {
  return maskMatches(text, PERSONAL_IDENTITY_CODE, (match) => {
    const [, day = '', month = '', year = '', sign = ''] = match;
    const normalisedSign = /[\u2010-\u2013\u2212]/u.test(sign) ? '-' : sign.toUpperCase();
    const century = CENTURY_BY_SIGN[normalisedSign];
    return century !== undefined && isCalendarDate(century + Number(year), Number(month), Number(day));
  });
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function maskEmails(text: string): string | null {
  return maskMatches(text, EMAIL, () => true);
}

/**
 * A phone number is taken to start with "+" or a leading 0 (trunk prefix or the 00
 * international prefix) and to hold at least 7 digits. Ordinary numbers in case notes (years,
 * ages, amounts, counts, percentages) almost never start with 0, and the ones that do (dates
 * like 01.03., times like 09:00, postal codes) are short or use separators a phone number
 * does not. A number may be split by single spaces, hyphens or slashes and may carry an area
 * code in parentheses, "(09) 1234 567" and "+358 (0)40 123 4567". Known gaps: Finnish service
 * numbers without a leading 0 (116 117) and local numbers written without an area code
 * (123 4567) are not recognised.
 */
const PHONE_SEPARATOR = '[ \\u00a0\\u202f\\-\\u2010\\u2011/]';
const PHONE_CANDIDATE = new RegExp(
  '(?<![\\p{L}\\p{N}_+])(?<!\\p{N}[.,:/\\-\\u2013])' +
    '(?:\\+\\d+|\\(0\\d{0,3}\\)|0\\d*)' +
    `(?:${PHONE_SEPARATOR}?\\(\\d{1,4}\\)\\d*|${PHONE_SEPARATOR}\\d+)*`,
  'gu',
);
const MIN_PHONE_DIGITS = 7;
/** 1 000 000 and the like: digit groups of three after a number are a thousands separator. */
const THOUSANDS_TAIL = /^\d{3}(?:[ \u00a0\u202f]\d{3})*$/u;
const AFTER_NUMBER_AND_SPACE = /\p{N}[ \u00a0\u202f]$/u;
const NUMERIC_DATE = /^\d{1,2}[-/]\d{1,2}[-/]\d{2,4}$/u;
const CLOCK_RANGE = /^(?:[01]\d|2[0-3])[0-5]\d[-\u2010\u2011](?:[01]\d|2[0-3])[0-5]\d$/u;

function maskPhoneNumbers(text: string): string | null {
  return maskMatches(text, PHONE_CANDIDATE, (match) => {
    const candidate = match[0];
    if ((candidate.match(/\d/gu)?.length ?? 0) < MIN_PHONE_DIGITS) return false;
    if (NUMERIC_DATE.test(candidate) || CLOCK_RANGE.test(candidate)) return false;
    const before = text.slice(Math.max(0, match.index - 2), match.index);
    return !(AFTER_NUMBER_AND_SPACE.test(before) && THOUSANDS_TAIL.test(candidate));
  });
}

/**
 * A street address is one word ending in a street-type word directly followed by a house
 * number 1–999; the staircase and apartment that may follow are not needed to decide. A
 * multi-word name is caught by its last word ("Vanha Porvoontie 5", "Lilla Robertsgatan 3").
 * Requiring the number right after the street word keeps "koulutie on pitkä" out, at the
 * price of missing inflected forms ("Kauppakadulla 5", "Storgatans 3") and street names
 * without a type word. A compound that ends in a type word and is followed by a count
 * ("kotitie 2 kertaa") is an accepted false positive.
 */
const STREET_TYPES = [
  'katu', 'tie', 'kuja', 'polku', 'väylä', 'raitti', 'rinne', 'kaari', 'puistikko', 'bulevardi',
  'esplanadi', 'ranta', 'mäki', 'tori', 'aukio', 'piha', 'linja', 'kaarre', 'ahde', 'penger',
  'kierto', 'gata', 'gatan', 'väg', 'vägen', 'stig', 'stigen', 'gränd', 'gränden', 'backe',
  'backen', 'allé', 'torg', 'torget', 'stranden', 'kajen', 'slingan', 'gången',
];
/** Most bare type words are ordinary nouns ("tie 5", "linja 5" for a bus line); these are street names on their own. */
const STANDALONE_STREET_WORDS = new Set([
  'esplanadi', 'bulevardi', 'gatan', 'vägen', 'stigen', 'gränden', 'backen', 'allé',
]);
/** Titles and loanwords ending in -tori: rehtori, tohtori, monitori, auditori, sektori, traktori, kuraattori. */
const NOT_A_SQUARE = /[hikt]tori$/u;
const STREET_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}-])((?:\\p{L}+-)*\\p{L}*?(?:${STREET_TYPES.join('|')}))[ \\u00a0]+[1-9]\\d{0,2}(?!\\p{N}|[.,:]\\p{N})`,
  'giu',
);

function maskStreetAddresses(text: string): string | null {
  return maskMatches(text, STREET_ADDRESS, (match) => {
    const word = (match[1] ?? '').toLowerCase();
    if (NOT_A_SQUARE.test(word)) return false;
    return !STREET_TYPES.includes(word) || STANDALONE_STREET_WORDS.has(word);
  });
}

/**
 * Five digits followed by a capitalised word, optionally with the FI- prefix. Amounts are
 * followed by a lowercase unit ("10000 euroa") and so pass. A five-digit number that happens
 * to precede a capitalised word ("25000 Kelan") is an accepted false positive.
 */
const POSTAL_ADDRESS = /(?<![\p{L}\p{N}.,-])(?:FI-?)?\d{5}[ \u00a0]+\p{Lu}\p{L}+(?:-\p{L}+)*/gu;

function maskPostalAddresses(text: string): string | null {
  return maskMatches(text, POSTAL_ADDRESS, () => true);
}

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
 * itself or reads as a name plus an ending. Tokens are returned as written so the worker
 * recognises them.
 */
export function findNameHints(text: string): string[] {
  const hints = new Set<string>();
  for (const [token] of text.matchAll(WORD)) {
    if (token.length < MIN_NAME_LENGTH || !CAPITALISED.test(token)) continue;
    if (looksLikeName(token.normalize('NFC').toLowerCase())) hints.add(token);
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
