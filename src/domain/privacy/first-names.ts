import { dictionary } from '@zxcvbn-ts/language-fi';
import swedishFirstNames from './swedish-first-names.json';

/**
 * Names that are also everyday Finnish words, or the stem of one ("Hope" + "a" is hopea,
 * silver; "Riko" + "sta" is rikosta, of a crime). A hint is only a prompt for the worker to
 * double-check, so a word that shows up in nearly every case description ("Poika", "Aina",
 * "Arvo") would train people to click the warning away; missing the rare client who really
 * is called Arvo is the lesser harm.
 */
const COMMON_WORDS_THAT_ARE_NAMES = [
  'aamu', 'aarre', 'aina', 'aito', 'alla', 'ansa', 'armas', 'arvo', 'aurinko', 'eli', 'ensi',
  'etelä', 'hellä', 'hope', 'hymy', 'ilma', 'ilmi', 'ilo', 'ilta', 'into', 'jalo', 'kai', 'kamala',
  'kesä', 'kivi', 'kukka', 'kuu', 'lahja', 'laina', 'linna', 'lumi', 'mainio', 'meri', 'mies',
  'muisto', 'muru', 'myrsky', 'myy', 'nalle', 'oiva', 'ole', 'oma', 'onni', 'pilvi', 'poika',
  'rauha', 'riko', 'runo', 'ruusu', 'sade', 'salama', 'sana', 'sievä', 'sisko', 'sulo', 'sumu',
  'taika', 'taito', 'talvi', 'tarina', 'tien', 'toimi', 'toive', 'toivo', 'tuuli', 'tyyne',
  'tähti', 'ukko', 'unelma', 'uni', 'usko', 'valo', 'vappu', 'varma', 'veli', 'viet', 'voima',
  'voitto',
];

/** Everyday words that read as a name plus an ending: "Anneta" (be given), "Jonakin" (as something). */
const WORDS_THAT_LOOK_INFLECTED = ['annamme', 'anneta', 'jonakin', 'sallia'];

/**
 * Month and weekday names start sentences ("Elokuussa", "Maj") and several are in the name
 * lists (Elo, Touko, Maj, April, June).
 */
const CALENDAR_WORDS = [
  'tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu', 'heinäkuu', 'elokuu',
  'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu', 'tammi', 'maalis', 'huhti', 'touko', 'heinä',
  'elo', 'syys', 'loka', 'marras', 'joulu',
  'maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai',
  'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september',
  'oktober', 'november', 'december', 'may', 'june',
  'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag',
];

export const NOT_NAMES: ReadonlySet<string> = new Set([
  ...COMMON_WORDS_THAT_ARE_NAMES,
  ...WORDS_THAT_LOOK_INFLECTED,
  ...CALENDAR_WORDS,
]);

export const FIRST_NAMES: ReadonlySet<string> = new Set(
  [...dictionary.maleFirstnames, ...dictionary.femaleFirstnames, ...swedishFirstNames]
    .map((name) => name.toLowerCase())
    .filter((name) => !NOT_NAMES.has(name)),
);

const COMMON_WORD_RANK: ReadonlyMap<string, number> = new Map(dictionary.commonWords.map((word, rank) => [word, rank]));

/** Position in the package's Finnish frequency list, most frequent first; Infinity when unlisted. */
export function commonWordRank(word: string): number {
  return COMMON_WORD_RANK.get(word) ?? Number.POSITIVE_INFINITY;
}
