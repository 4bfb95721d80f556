import type { Locale } from '../locale.js';

/**
 * The names of Finland's public holidays and of the eves that are days off in practice, in
 * each of our languages, keyed by the rule date-holidays gives the holiday. date-holidays has
 * Swedish names from Sweden ("trettondedag jul"); Finland-Swedish says "trettondagen", so the
 * names are ours. The Finnish ones are those of the almanac, lower case.
 */
export const HOLIDAY_NAMES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  '01-01': { fi: 'uudenvuodenpäivä', sv: 'nyårsdagen', en: "New Year's Day" },
  '01-06': { fi: 'loppiainen', sv: 'trettondagen', en: 'Epiphany' },
  'easter -2': { fi: 'pitkäperjantai', sv: 'långfredagen', en: 'Good Friday' },
  easter: { fi: 'pääsiäispäivä', sv: 'påskdagen', en: 'Easter Sunday' },
  'easter 1': { fi: 'toinen pääsiäispäivä', sv: 'annandag påsk', en: 'Easter Monday' },
  '05-01': { fi: 'vappu', sv: 'första maj', en: 'May Day' },
  'easter 39': { fi: 'helatorstai', sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
  'easter 49': { fi: 'helluntaipäivä', sv: 'pingstdagen', en: 'Whit Sunday' },
  'friday after 06-19': { fi: 'juhannusaatto', sv: 'midsommarafton', en: 'Midsummer Eve' },
  'saturday after 06-20': { fi: 'juhannuspäivä', sv: 'midsommardagen', en: 'Midsummer Day' },
  'saturday after 10-31': { fi: 'pyhäinpäivä', sv: 'alla helgons dag', en: "All Saints' Day" },
  '12-06': { fi: 'itsenäisyyspäivä', sv: 'självständighetsdagen', en: 'Independence Day' },
  '12-24': { fi: 'jouluaatto', sv: 'julafton', en: 'Christmas Eve' },
  '12-25': { fi: 'joulupäivä', sv: 'juldagen', en: 'Christmas Day' },
  '12-26': { fi: 'tapaninpäivä', sv: 'annandag jul', en: "St Stephen's Day" },
  '12-31': { fi: 'uudenvuodenaatto', sv: 'nyårsafton', en: "New Year's Eve" },
};

/** A holiday's name in `locale`, by its date-holidays rule; undefined for a rule we have no name for. */
export function holidayNameOf(rule: string, locale: Locale): string | undefined {
  return HOLIDAY_NAMES[rule]?.[locale];
}
