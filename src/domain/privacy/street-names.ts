/**
 * The words that end a street name, as suffixes of the street word. Finnish type words are also
 * listed in the cases an address is said in ("asuu Kauppakadulla 5", "muutti Mannerheimintielle 12",
 * "Hämeenkadun 12"), with their consonant gradation spelled out (katu → kadu-, polku → polu-,
 * ranta → ranna-); Swedish ones in the definite form and the genitive ("Storgatans 3"). "linja"
 * is not a type word here: a compound ending in it is a bus line or a helpline ("bussilinja 550"),
 * and Helsinki's "Kolmas linja 5" is two words, which a bare type word never matches anyway.
 */
const FINNISH_TYPES: readonly (readonly [word: string, stem: string])[] = [
  ['katu', 'kadu'], ['tie', 'tie'], ['kuja', 'kuja'], ['polku', 'polu'], ['väylä', 'väylä'],
  ['raitti', 'raiti'], ['rinne', 'rintee'], ['kaari', 'kaare'], ['puistikko', 'puistiko'],
  ['bulevardi', 'bulevardi'], ['esplanadi', 'esplanadi'], ['ranta', 'ranna'], ['mäki', 'mäe'],
  ['tori', 'tori'], ['aukio', 'aukio'], ['piha', 'piha'], ['kaarre', 'kaartee'], ['ahde', 'ahtee'],
  ['penger', 'penkere'], ['kierto', 'kierro'],
];

/**
 * Genitive, adessive, allative and ablative, in the stem's vowel harmony. The genitive "tien" is
 * left out: it is also the plural genitive ending of everyday words ("kuntien", "tuntien").
 */
function inflected(stem: string): string[] {
  const back = /[aou]/u.test(stem);
  const endings = back ? ['n', 'lla', 'lle', 'lta'] : ['n', 'llä', 'lle', 'ltä'];
  return endings.map((ending) => stem + ending).filter((form) => form !== 'tien');
}

const SWEDISH_TYPES = [
  'gata', 'gatan', 'väg', 'vägen', 'stig', 'stigen', 'gränd', 'gränden', 'backe', 'backen', 'allé', 'allén',
  'torg', 'torget', 'stranden', 'kajen', 'slingan', 'gången', 'esplanaden', 'parken', 'plan', 'stråket', 'leden',
];
/** Only the definite forms take the genitive in an address ("Storgatans", "Kyrkvägens"). */
const SWEDISH_GENITIVES = SWEDISH_TYPES.filter((w) => /(?:et|n)$/u.test(w)).map((w) => `${w}s`);

export const STREET_TYPE_FORMS: readonly string[] = [
  ...FINNISH_TYPES.flatMap(([word, stem]) => [word, ...inflected(stem)]),
  ...SWEDISH_TYPES,
  ...SWEDISH_GENITIVES,
];

/** Most bare type words are ordinary nouns ("tie 5", "pihalla 2"); these are street names on their own. */
export const STANDALONE_STREET_WORDS: ReadonlySet<string> = new Set([
  'esplanadi', 'esplanadilla', 'esplanadille', 'esplanadin', 'bulevardi', 'bulevardilla', 'bulevardille',
  'bulevardin', 'gatan', 'vägen', 'stigen', 'gränden', 'backen', 'allé', 'allén', 'esplanaden',
]);

/**
 * Compounds that end in a type word without being streets: titles and loanwords in -tori
 * (rehtori, tohtori, monitori, sektori, traktori, kuraattori) and Swedish plans of care
 * ("vårdplan 2", "handlingsplan 3").
 */
export const NOT_STREETS = /(?:[hikt]tori(?:n|lla|lle|lta)?|(?:vård|service|genomförande|handlings|behandlings|åtgärds|stöd|hälso|kris|säkerhets|läro)plan)$/iu;
