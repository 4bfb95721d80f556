import type { IdentifierKind } from '../../../src/domain/privacy/identifier-guard.js';

/**
 * Identifiers written the ways that got past the guard before (issue #17): other digit sets,
 * invisible characters, look-alike letters, substitute dashes, spelled-out forms, inflected and
 * Swedish street names, postal codes in any order and case, and codes split over two fields.
 * Each is embedded in a sentence a worker could write. All values are made up: the personal
 * identity codes are built from the published check-character formula on invented dates.
 */
export interface ObfuscatedText {
  readonly kind: IdentifierKind;
  /** How the identifier is disguised; printed for a miss instead of the value. */
  readonly form: string;
  readonly text: string;
}

export interface SplitAcrossFields {
  readonly kind: IdentifierKind;
  readonly form: string;
  readonly fields: Readonly<Record<string, string>>;
  /** The fields the identifier touches, which the report must name. */
  readonly touched: readonly string[];
}

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

function hetu(ddmmyy: string, sign: string, individual: string): string {
  return `${ddmmyy}${sign}${individual}${CHECK_CHARS[Number(ddmmyy + individual) % 31]}`;
}

type Transform = (value: string) => string;

const digitsFrom = (zero: number): Transform => (value) =>
  value.replace(/[0-9]/gu, (digit) => String.fromCodePoint(zero + Number(digit)));
const fullwidth: Transform = (value) => value.replace(/[!-~]/gu, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0));
const between = (separator: string): Transform => (value) => [...value].join(separator);
const replaceAll = (from: RegExp, to: string): Transform => (value) => value.replace(from, to);
/** Date, sign and the rest of a henkilötunnus, rejoined by `join`. */
const aroundSign = (join: (date: string, sign: string, rest: string) => string): Transform => (code) =>
  join(code.slice(0, 6), code.slice(6, 7), code.slice(7));
const dashAs = (dash: string): Transform => aroundSign((date, sign, rest) => `${date}${sign === '-' ? dash : sign}${rest}`);

function fill(templates: readonly string[], index: number, value: string): string {
  return (templates[index % templates.length] ?? '{x}').replace('{x}', value);
}

const CODE_SENTENCES = [
  'Asiakkaan henkilötunnus on {x} ja hän asuu yksin.',
  'Hetu {x} löytyy potilastietojärjestelmästä.',
  'Klientens personbeteckning är {x} enligt remissen.',
  'Äidin tunnus ({x}) oli vanhalla lomakkeella.',
  'Tunnus: {x}',
  'Remissen gäller personen med beteckningen {x}, som bor med sin pappa.',
];

const DASH_CODES = [hetu('131052', '-', '308'), hetu('240383', '-', '112')];
const LETTER_CODES = [hetu('010203', 'A', '234'), hetu('150699', 'Y', '456')];

const CODE_FORMS: readonly (readonly [string, Transform])[] = [
  ['fullwidth digits', digitsFrom(0xff10)],
  ['fullwidth throughout', fullwidth],
  ['Arabic-Indic digits', digitsFrom(0x660)],
  ['Persian digits', digitsFrom(0x6f0)],
  ['Devanagari digits', digitsFrom(0x966)],
  ['mathematical bold digits', digitsFrom(0x1d7ce)],
  ['zero-width space between characters', between('\u200b')],
  ['zero-width joiners in the date', (c) => `${c.slice(0, 2)}\u200d${c.slice(2, 4)}\u200c${c.slice(4)}`],
  ['byte order mark and word joiner', (c) => `${c.slice(0, 3)}\ufeff${c.slice(3, 8)}\u2060${c.slice(8)}`],
  ['soft hyphen before the sign', aroundSign((d, s, r) => `${d}\u00ad${s}${r}`)],
  ['spaces around the sign', aroundSign((d, s, r) => `${d} ${s} ${r}`)],
  ['space after the sign', aroundSign((d, s, r) => `${d}${s} ${r}`)],
  ['no-break spaces around the sign', aroundSign((d, s, r) => `${d}\u00a0${s}\u202f${r}`)],
  ['O for 0', replaceAll(/0/gu, 'O')],
  ['o for 0', replaceAll(/0/gu, 'o')],
  ['l for 1', replaceAll(/1/gu, 'l')],
  ['I for 1', replaceAll(/1/gu, 'I')],
  ['line break after the sign', aroundSign((d, s, r) => `${d}${s}\n${r}`)],
  ['line break inside the date', (c) => `${c.slice(0, 4)}\n${c.slice(4)}`],
  ['CRLF before the sign', aroundSign((d, s, r) => `${d}\r\n${s}${r}`)],
  ['dots in the date', aroundSign((d, s, r) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4)}${s}${r}`)],
  ['spaces in the date', aroundSign((d, s, r) => `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}${s}${r}`)],
  ['lower case', (c) => c.toLowerCase()],
  ['combining underline on digits', replaceAll(/(\d)/gu, '$1\u0332')],
  ['fullwidth digits and zero-width spaces', (c) => between('\u200b')(digitsFrom(0xff10)(c))],
  ['every character spaced', between(' ')],
  ['Cyrillic O for 0', replaceAll(/0/gu, '\u041e')],
];

const DASH_FORMS: readonly (readonly [string, Transform])[] = [
  ['em dash', dashAs('\u2014')],
  ['en dash', dashAs('\u2013')],
  ['fullwidth hyphen', dashAs('\uff0d')],
  ['minus sign', dashAs('\u2212')],
  ['non-breaking hyphen', dashAs('\u2011')],
  ['figure dash', dashAs('\u2012')],
  ['horizontal bar', dashAs('\u2015')],
  ['small hyphen-minus', dashAs('\ufe63')],
  ['O for 0 and an em dash', (c) => dashAs('\u2014')(c.replace(/0/gu, 'O'))],
];

const codeSamples: ObfuscatedText[] = [
  ...CODE_FORMS.flatMap(([form, transform]) => [...DASH_CODES, ...LETTER_CODES].map((code) => ({ form, code: transform(code) }))),
  ...DASH_FORMS.flatMap(([form, transform]) => DASH_CODES.map((code) => ({ form, code: transform(code) }))),
].map(({ form, code }, index) => ({ kind: 'personal_identity_code', form, text: fill(CODE_SENTENCES, index, code) }));

const PHONE_SENTENCES = [
  'Äidin puhelinnumero on {x}, soita iltaisin.',
  'Nuoren numero: {x}.',
  'Asiakkaan saa kiinni numerosta {x} arkisin.',
  'Mammans telefonnummer är {x}.',
  'Ring klienten på {x} efter kl. 16.',
];

/** National numbers as three groups: the prefix with its trunk 0, then three and four digits. */
const PHONES: readonly (readonly [string, string, string])[] = [
  ['040', '123', '4567'],
  ['050', '765', '4321'],
  ['044', '987', '6543'],
];

const FINNISH_DIGITS = ['nolla', 'yksi', 'kaksi', 'kolme', 'neljä', 'viisi', 'kuusi', 'seitsemän', 'kahdeksan', 'yhdeksän'];
const SWEDISH_DIGITS = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio'];
const spelled = (words: readonly string[], digits: string): string => [...digits].map((d) => words[Number(d)]).join(' ');

type PhoneForm = (prefix: string, middle: string, last: string) => string;
const PHONE_FORMS: readonly (readonly [string, PhoneForm])[] = [
  ['o for 0', (p, m, l) => `${p.replace(/0/gu, 'o')}-${m}${l}`],
  ['O for 0', (p, m, l) => `${p.replace(/0/gu, 'O')} ${m} ${l}`],
  ['l for 1 and O for 0', (p, m, l) => `${p} ${m.replace(/1/gu, 'l')} ${l.replace(/0/gu, 'O')}`],
  ['dots', (p, m, l) => `${p}.${m}.${l}`],
  ['358 without the plus, spaced', (p, m, l) => `358 ${p.slice(1)} ${m} ${l}`],
  ['358 without the plus, compact', (p, m, l) => `358${p.slice(1)}${m}${l}`],
  ['fullwidth digits', (p, m, l) => fullwidth(`${p} ${m} ${l}`)],
  ['zero-width spaces between digits', (p, m, l) => between('\u200b')(`${p}${m}${l}`)],
  ['zero-width joiners between groups', (p, m, l) => `${p}\u200d${m}\u200d${l}`],
  ['spelled out in Finnish', (p, m, l) => spelled(FINNISH_DIGITS, p + m + l)],
  ['spelled out in Swedish', (p, m, l) => spelled(SWEDISH_DIGITS, p + m + l)],
  ['prefix spelled out, rest in digits', (p, m, l) => `${spelled(FINNISH_DIGITS, p)} ${m} ${l}`],
  ['Arabic-Indic digits', (p, m, l) => digitsFrom(0x660)(`${p} ${m} ${l}`)],
  ['one digit at a time', (p, m, l) => between(' ')(`${p}${m}${l}`)],
  ['em dash', (p, m, l) => `${p}\u2014${m} ${l}`],
  ['international with (0)', (p, m, l) => `+358 (0)${p.slice(1)} ${m} ${l}`],
  ['international with hyphens', (p, m, l) => `+358-${p.slice(1)}-${m}-${l}`],
  ['00 prefix', (p, m, l) => `00358 ${p.slice(1)} ${m}${l}`],
  ['slash', (p, m, l) => `${p}/${m} ${l}`],
  ['soft hyphens between groups', (p, m, l) => `${p}\u00ad${m}\u00ad${l}`],
  ['line break inside', (p, m, l) => `${p} ${m}\n${l}`],
  ['no-break spaces', (p, m, l) => `${p}\u00a0${m}\u00a0${l}`],
  ['prefix in parentheses', (p, m, l) => `(${p}) ${m} ${l}`],
  ['international with O for 0', (p, m, l) => `+358 ${p.slice(1).replace(/0/gu, 'O')} ${m} ${l}`],
  ['pairs of digits', (p, m, l) => `${p} ${m} ${l.slice(0, 2)} ${l.slice(2)}`],
  ['Greek omicron for 0', (p, m, l) => `${p.replace(/0/gu, '\u03bf')} ${m} ${l}`],
];

const phoneSamples: ObfuscatedText[] = PHONE_FORMS.flatMap(([form, write]) => PHONES.map((parts) => ({ form, number: write(...parts) }))).map(
  ({ form, number }, index) => ({ kind: 'phone', form, text: fill(PHONE_SENTENCES, index, number) }),
);

const EMAIL_SENTENCES = [
  'Asiakkaan sähköposti on {x}.',
  'Äiti toivoo yhteydenottoa osoitteeseen {x}',
  'Klientens e-post: {x}',
  'Nuori käyttää osoitetta {x} koulun viesteihin.',
];

const ADDRESSES: readonly (readonly [string, string, string])[] = [
  ['matti.meikalainen', 'example', 'fi'],
  ['anna.k', 'posti', 'com'],
  ['nuori2009', 'gmail', 'com'],
];

type EmailForm = (local: string, domain: string, tld: string) => string;
const EMAIL_FORMS: readonly (readonly [string, EmailForm])[] = [
  ['at and dot as words', (u, d, t) => `${u} at ${d} dot ${t}`],
  ['at as a word', (u, d, t) => `${u} at ${d}.${t}`],
  ['(at)', (u, d, t) => `${u}(at)${d}.${t}`],
  ['[at]', (u, d, t) => `${u}[at]${d}.${t}`],
  ['{at}', (u, d, t) => `${u}{at}${d}.${t}`],
  ['(a)', (u, d, t) => `${u}(a)${d}.${t}`],
  ['(ät)', (u, d, t) => `${u}(ät)${d}.${t}`],
  ['[at] and [dot]', (u, d, t) => `${u} [at] ${d} [dot] ${t}`],
  ['(at) and (dot)', (u, d, t) => `${u}(at)${d}(dot)${t}`],
  ['fullwidth at sign', (u, d, t) => `${u}\uff20${d}.${t}`],
  ['small at sign', (u, d, t) => `${u}\ufe6b${d}.${t}`],
  ['spaces around the at sign', (u, d, t) => `${u} @ ${d}.${t}`],
  ['ät and piste', (u, d, t) => `${u} ät ${d} piste ${t}`],
  ['miukumauku and piste', (u, d, t) => `${u} miukumauku ${d} piste ${t}`],
  ['snabel-a and punkt', (u, d, t) => `${u} snabel-a ${d} punkt ${t}`],
  ['zero-width spaces in the address', (u, d, t) => between('\u200b')(`${u}@${d}.${t}`)],
  ['upper case', (u, d, t) => `${u}@${d}.${t}`.toUpperCase()],
  ['(at) and piste', (u, d, t) => `${u}(at)${d} piste ${t}`],
  ['fullwidth throughout', (u, d, t) => fullwidth(`${u}@${d}.${t}`)],
  ['spaces around the at sign and the dot', (u, d, t) => `${u} @ ${d} . ${t}`],
];

const emailSamples: ObfuscatedText[] = EMAIL_FORMS.flatMap(([form, write]) => ADDRESSES.map((parts) => ({ form, address: write(...parts) }))).map(
  ({ form, address }, index) => ({ kind: 'email', form, text: fill(EMAIL_SENTENCES, index, address) }),
);

const streetSamples: ObfuscatedText[] = (
  [
    ['Swedish -esplanaden', 'Klienten bor på Norra esplanaden 12 med sin mamma.'],
    ['Swedish -allén', 'Familjen flyttade till Lindallén 4 i våras.'],
    ['Swedish -parken', 'Hen bor i en etta på Brunnsparken 2, tredje våningen.'],
    ['Swedish -plan', 'Adressen är Järnvägsplan 3 B.'],
    ['Swedish -stråket', 'De hyr en bostad på Kajstråket 7.'],
    ['Swedish -leden', 'Klienten har flyttat till Skogsleden 14.'],
    ['Swedish genitive -gatans', 'Hembesöket gjordes i Storgatans 3 trapphus.'],
    ['Swedish genitive -vägens', 'Hen bor i Kyrkvägens 12 radhus.'],
    ['Swedish nr', 'Klienten bor på Storgatan nr 5.'],
    ['Swedish nummer', 'Familjen bor på Strandvägen nummer 8.'],
    ['Finnish nro', 'Asiakas asuu osoitteessa Kauppakatu nro 5.'],
    ['Finnish nr.', 'Perhe asuu Hämeenkatu nr. 12 kolmannessa kerroksessa.'],
    ['Finnish adessive -kadulla', 'Asiakas asuu Kauppakadulla 5 vuokrayksiössä.'],
    ['Finnish adessive -tiellä', 'Perhe asuu Mannerheimintiellä 12.'],
    ['Finnish adessive -kujalla', 'Nuori asuu isänsä kanssa Koivukujalla 4.'],
    ['Finnish adessive -polulla', 'Äiti ja lapset asuvat Rantapolulla 2.'],
    ['Finnish adessive -rinteellä', 'Asunto on Kuusirinteellä 6 C.'],
    ['Finnish adessive -mäellä', 'Asiakas asuu Kalliomäellä 3.'],
    ['Finnish adessive -rannalla', 'He asuvat Hakaniemenrannalla 4.'],
    ['Finnish adessive -kaarella', 'Perhe asuu Tähtikaarella 9 rivitalossa.'],
    ['Finnish adessive -väylällä', 'Asiakas asuu Satamaväylällä 8.'],
    ['Finnish allative -tielle', 'Perhe muutti Asemantielle 10 viime kuussa.'],
    ['Finnish allative -kadulle', 'Asiakas muuttaa Kirkkokadulle 15 ensi kuussa.'],
    ['Finnish ablative -kadulta', 'Nuori lähti kotoa Kauppakadulta 5 yöllä.'],
    ['Finnish genitive -kadun', 'Hämeenkadun 12 asukkaat tekivät ilmoituksen.'],
    ['Finnish adessive -aukiolla', 'Asiakas asuu Sepänaukiolla 5.'],
    ['Finnish adessive -esplanadilla', 'Asunto on Pohjois-Esplanadilla 21.'],
    ['zero-width space in the street word', 'Asiakas asuu osoitteessa Kauppa\u200bkatu 5.'],
    ['soft hyphen in the street word', 'Asiakas asuu osoitteessa Kauppa\u00adkatu 5.'],
    ['fullwidth house number', 'Asiakas asuu osoitteessa Kauppakatu \uff15.'],
    ['line break before the number', 'Osoite on Hämeenkatu\n12 B 34.'],
    ['upper case inflected', 'ASIAKAS ASUU KAUPPAKADULLA 5.'],
    ['house number l2 for 12', 'Perhe asuu osoitteessa Hämeenkatu l2.'],
    ['glued house number', 'Osoite: Koivukuja4, ovi vasemmalla.'],
    ['abbreviated -katu', 'Perhe asuu osoitteessa Hämeenk. 12.'],
    ['abbreviated -tie', 'Asiakas asuu Mannerheimint. 3 A:ssa.'],
  ] as const
).map(([form, text]) => ({ kind: 'street_address', form, text }));

const postalSamples: ObfuscatedText[] = (
  [
    ['lower-case town', 'Postiosoite on 00100 helsinki.'],
    ['lower-case town', 'Perhe asuu nyt alueella 90100 oulu.'],
    ['town first', 'Postiosoite: Helsinki 00100.'],
    ['town first with a comma', 'Hon bor i Vasa, 65100 sedan i fjol.'],
    ['town first, lower case', 'osoite tampere 33100, ei tarkempaa.'],
    ['spaced code', 'Postiosoite 00 100 Helsinki.'],
    ['spaced code, lower-case town', 'Asiakas asuu alueella 02 100 espoo.'],
    ['spaced code, town first', 'Osoite: Turku 20 100.'],
    ['FI- prefix', 'Postadress FI-00100 Helsingfors.'],
    ['Swedish town name', 'Postadressen är 20100 Åbo.'],
    ['Swedish town name, lower case', 'Klienten bor i 65100 vasa.'],
    ['Swedish town first', 'Adress: Jakobstad 68600.'],
    ['fullwidth digits', 'Postiosoite \uff10\uff10\uff11\uff10\uff10 Helsinki.'],
    ['O for 0', 'Postiosoite OO1OO Helsinki.'],
    ['zero-width space in the code', 'Postiosoite 001\u200b00 Helsinki.'],
    ['upper-case town', 'POSTIOSOITE 90100 OULU.'],
    ['line break between code and town', 'Postiosoite 40100\nJyväskylä.'],
    ['hyphenated town', 'Asiakas asuu alueella 35800 mänttä-vilppula.'],
    ['town first, Swedish', 'Hen bor i helsingfors 00100 hos sin bror.'],
    ['Arabic-Indic digits', 'Postiosoite \u0660\u0660\u0661\u0660\u0660 Helsinki.'],
  ] as const
).map(([form, text]) => ({ kind: 'postal_address', form, text }));

export const OBFUSCATED_TEXTS: readonly ObfuscatedText[] = [
  ...codeSamples,
  ...phoneSamples,
  ...emailSamples,
  ...streetSamples,
  ...postalSamples,
];

export const SPLIT_ACROSS_FIELDS: readonly SplitAcrossFields[] = [
  {
    kind: 'personal_identity_code',
    form: 'split after the sign',
    fields: { wantedServices: `Tuen tarve arvioitava, hetu ${DASH_CODES[0]?.slice(0, 7)}`, receivedServices: `${DASH_CODES[0]?.slice(7)} kotihoito 2 x vrk.` },
    touched: ['wantedServices', 'receivedServices'],
  },
  {
    kind: 'personal_identity_code',
    form: 'split before the sign',
    fields: { receivedServices: `Perhetyö 2024. Tunnus ${LETTER_CODES[0]?.slice(0, 6)}`, whatWorked: `${LETTER_CODES[0]?.slice(6)}, kotikäynnit auttoivat.` },
    touched: ['receivedServices', 'whatWorked'],
  },
  {
    kind: 'personal_identity_code',
    form: 'split inside the date',
    fields: { whatWorked: `Ryhmä auttoi. ${DASH_CODES[1]?.slice(0, 4)}`, assessmentHighlights: `${DASH_CODES[1]?.slice(4)} on asiakkaan tunnus.` },
    touched: ['whatWorked', 'assessmentHighlights'],
  },
  {
    kind: 'phone',
    form: 'split between groups',
    fields: { wantedServices: 'Äidin numero 040 123', receivedServices: '4567, soita iltaisin.' },
    touched: ['wantedServices', 'receivedServices'],
  },
  {
    kind: 'email',
    form: 'split at the at sign',
    fields: { wantedServices: 'Nuoren osoite matti.meikalainen@', receivedServices: 'example.fi on käytössä.' },
    touched: ['wantedServices', 'receivedServices'],
  },
  {
    kind: 'street_address',
    form: 'split before the house number',
    fields: { receivedServices: 'Kotikäynnit osoitteessa Kauppakatu', whatWorked: '5 B 12 ovat sujuneet.' },
    touched: ['receivedServices', 'whatWorked'],
  },
  {
    kind: 'postal_address',
    form: 'split between code and town',
    fields: { whatWorked: 'Postiosoite on 00100', assessmentHighlights: 'Helsinki, ei muuta.' },
    touched: ['whatWorked', 'assessmentHighlights'],
  },
  {
    kind: 'personal_identity_code',
    form: 'split after the sign, after an unrelated field',
    fields: { assessmentHighlights: 'Arviointi kesken.', wantedServices: `Tunnus ${DASH_CODES[0]?.slice(0, 7)}`, receivedServices: `${DASH_CODES[0]?.slice(7)}.` },
    touched: ['wantedServices', 'receivedServices'],
  },
];
