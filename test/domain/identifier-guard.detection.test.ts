import { describe, expect, it } from 'vitest';
import { findIdentifierKinds } from '../../src/domain/privacy/identifier-guard.js';

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Independent of the guard on purpose: the test builds codes from the published formula. */
function hetu(ddmmyy: string, sign: string, individual: string): string {
  return `${ddmmyy}${sign}${individual}${CHECK_CHARS[Number(ddmmyy + individual) % 31]}`;
}

describe('personal identity code (henkilötunnus)', () => {
  it('computes the published example with the test helper', () => {
    expect(hetu('131052', '-', '308')).toBe('131052-308T');
  });

  it('blocks a henkilötunnus in running text', () => {
    expect(findIdentifierKinds('Asiakkaan hetu on 131052-308T ja hän asuu yksin.')).toEqual(['personal_identity_code']);
  });

  it.each([
    ['+', '010185', '1885'],
    ['-', '150675', '1975'],
    ['Y', '150675', '1975'],
    ['X', '290296', '1996'],
    ['W', '311299', '1999'],
    ['V', '010100', '1900'],
    ['U', '280250', '1950'],
    ['A', '010110', '2010'],
    ['B', '290200', '2000'],
    ['C', '311221', '2021'],
    ['D', '150635', '2035'],
    ['E', '010199', '2099'],
    ['F', '120324', '2024'],
  ])('blocks a henkilötunnus with the century sign %s (%s, born %s)', (sign, ddmmyy) => {
    expect(findIdentifierKinds(`Tunnus ${hetu(ddmmyy, sign, '123')} kirjattiin.`)).toEqual(['personal_identity_code']);
  });

  it('blocks a henkilötunnus written with lower-case letters', () => {
    expect(findIdentifierKinds(`tunnus ${hetu('120324', 'a', '456').toLowerCase()}`)).toEqual(['personal_identity_code']);
  });

  it.each([
    ['in parentheses', `(${hetu('131052', '-', '308')})`],
    ['after a colon', `hetu:${hetu('131052', '-', '308')}.`],
    ['in quotes', `"${hetu('010203', 'A', '234')}"`],
    ['at the end of a sentence', `Tunnus oli ${hetu('010203', 'A', '234')}.`],
    ['with an en dash as the sign', `tunnus 131052\u2013308T`],
  ])('blocks a henkilötunnus %s', (_label, text) => {
    expect(findIdentifierKinds(text)).toEqual(['personal_identity_code']);
  });

  it('blocks a henkilötunnus with a wrong check character, because a typo still identifies', () => {
    expect(findIdentifierKinds('Hetu 131052-308A oli lomakkeella.')).toEqual(['personal_identity_code']);
  });

  it('blocks a henkilötunnus with a 2023 century sign and a wrong check character', () => {
    const valid = hetu('050512', 'C', '789');
    const wrong = valid.slice(0, -1) + (valid.endsWith('0') ? '1' : '0');
    expect(findIdentifierKinds(wrong)).toEqual(['personal_identity_code']);
  });

  it.each([
    ['day 32', '320199-1234'],
    ['month 13', '011399-1234'],
    ['month 00', '010099-1234'],
    ['day 00', '000199-1234'],
    ['30 February', '300200A1234'],
    ['29 February of 1900, not a leap year', '290200-1234'],
    ['29 February of 1901', '290201-1234'],
    ['31 November', '311199-1234'],
  ])('does not flag a hetu-shaped string that is not a date (%s)', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('personal_identity_code');
  });

  it('blocks 29 February of a leap year', () => {
    expect(findIdentifierKinds(hetu('290200', 'A', '123'))).toEqual(['personal_identity_code']);
  });

  it('does not flag a bare birth date', () => {
    expect(findIdentifierKinds('Syntynyt 13.10.1952, syntymäaika 131052.')).toEqual([]);
  });

  it('does not flag the partial form without a check character', () => {
    expect(findIdentifierKinds('Alku 131052-308 riittää.')).toEqual([]);
  });

  it('does not flag a hetu-shaped run inside a longer number', () => {
    expect(findIdentifierKinds('viite 9131052-308T5')).toEqual([]);
  });

  it('reports a henkilötunnus that starts with 0 only as an identity code, not also as a phone number', () => {
    expect(findIdentifierKinds(hetu('010203', '-', '123'))).toEqual(['personal_identity_code']);
  });
});

describe('phone numbers', () => {
  it.each([
    '040 123 4567',
    '040-1234567',
    '0401234567',
    '09 123 4567',
    '(09) 1234 567',
    '+358 40 123 4567',
    '+358401234567',
    '00358 40 1234567',
    '+358 (0)40 123 4567',
    '050\u00a0123\u00a04567',
    '+46 70 123 45 67',
    '070-123 45 67',
    '+1 202 555 0143',
    '+44 20 7946 0958',
  ])('blocks the phone number %s', (phone) => {
    expect(findIdentifierKinds(`Äidin numero on ${phone}, soita iltaisin.`)).toEqual(['phone']);
  });

  it.each([
    ['a year', 'Vuonna 2023 perhe muutti.'],
    ['a date', 'Tapaaminen 12.3.2024 ja 01.03.2024.'],
    ['a date with slashes or hyphens', 'Päivät 01/03/2024 ja 01-03-2024.'],
    ['a date without a year', 'Seuraava käynti 3.12. ja 05.01.'],
    ['a time range', 'Kello 12:00–13:30 ja 08:00-09:30.'],
    ['opening hours without a colon', 'Päivystys 0800-1600.'],
    ['an amount', 'Vuokra on 1 200 € ja velkaa 10 000 000 €.'],
    ['a large amount in groups of three', 'Säätiö myönsi 1 000 000 000 euroa.'],
    ['a percentage', 'Osuus nousi 45 %:iin ja 0,5 %.'],
    ['a reference code', 'Asia YT-2026-0042 siirrettiin.'],
    ['an age', 'Hän on 15-vuotias.'],
    ['a short count', 'Käyntejä oli 3 ja poissaoloja 12.'],
    ['a short number starting with 0', 'Kerroin 0,75 ja luokka 07.'],
    ['a decimal with leading zero', 'Arvo oli 0.0012345.'],
  ])('does not flag %s as a phone number', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('phone');
  });

  it('reports phone only once for several numbers', () => {
    expect(findIdentifierKinds('Puh. 040 123 4567 tai 050 765 4321.')).toEqual(['phone']);
  });
});

describe('e-mail addresses', () => {
  it.each(['matti.meikalainen@example.fi', 'First.Last+tag@sub.example.com', 'Tiina_K@hyvinvointialue.fi'])(
    'blocks the e-mail address %s',
    (email) => {
      expect(findIdentifierKinds(`Yhteys: ${email}.`)).toEqual(['email']);
    },
  );

  it('does not flag an at sign without a domain', () => {
    expect(findIdentifierKinds('Merkki @ ja käyttäjä@localhost ovat sallittuja.')).toEqual([]);
  });

  it('does not report the digits of an e-mail address as a phone number', () => {
    expect(findIdentifierKinds('asiakas0401234567@example.fi')).toEqual(['email']);
  });
});

describe('street addresses', () => {
  it.each([
    'Kauppakatu 5',
    'Hämeenkatu 12 B 34',
    'Mannerheimintie 3 a',
    'Kirkkotie 7',
    'Rantapolku 2',
    'Koivukuja 4',
    'Asemantie 10',
    'Esplanadi 1',
    'Pohjois-Esplanadi 21',
    'Satamaväylä 8',
    'Kylänraitti 3',
    'Kuusirinne 6 C 12',
    'Tähtikaari 9',
    'Kauppapuistikko 20',
    'Hakaniemenranta 4',
    'Kalliomäki 2',
    'Kauppatori 1',
    'Sepänaukio 5',
    'Koulupiha 3',
    'Storgatan 3',
    'Kyrkogata 1',
    'Kyrkovägen 12',
    'Strandvägen 4 C',
    'Tallbacken 2',
    'Ringväg 8',
    'Stigen 5',
    'Skolstig 3',
    'Kvarngränd 7',
    'Björkbacke 11',
    'Lindallé 2',
    'KAUPPAKATU 5',
  ])('blocks the street address %s', (address) => {
    expect(findIdentifierKinds(`Asiakas asuu osoitteessa ${address}, ovi vasemmalla.`)).toEqual(['street_address']);
  });

  it.each([
    ['a street word without a number', 'Koulutie on pitkä ja Hämeenkatu vilkas.'],
    ['a bare type word with a number', 'Tie 5 oli suljettu, linja 5 ei kulje.'],
    ['a title ending in -tori', 'Rehtori 2 kertaa ja kuraattori 3 kertaa viikossa.'],
    ['a number that is not a house number', 'Kauppakatu 1234 ei ole osoite.'],
    ['a street word followed by a date', 'Kirkkotie 12.3. suljettiin.'],
    ['the Finnish word alle', 'Lapsi on alle 5-vuotias, alle 2 vuotta.'],
  ])('does not flag %s', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('street_address');
  });
});

describe('postal code and town', () => {
  it.each(['00100 Helsinki', '90100 OULU', '65100 Vaasa', 'FI-00100 Helsinki', '02100 Espoo', '68600 Jakobstad'])(
    'blocks the postal address %s',
    (postal) => {
      expect(findIdentifierKinds(`Postiosoite ${postal}.`)).toEqual(['postal_address']);
    },
  );

  it('blocks both a street and a postal address in one full address', () => {
    expect(findIdentifierKinds('Kauppakatu 5 B 12, 00100 Helsinki')).toEqual(['street_address', 'postal_address']);
  });

  it.each([
    ['an amount with a lowercase unit', 'Tukea myönnettiin 10000 euroa.'],
    ['a five-digit number before a lowercase word', 'Askelia kertyi 12345 päivässä.'],
    ['a longer number before a capitalised word', 'Viite 123456 Helsinki'],
  ])('does not flag %s', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('postal_address');
  });
});

describe('kinds found together', () => {
  it('returns each kind once, in a stable order', () => {
    const text =
      'info@example.fi, 00100 Helsinki, Kauppakatu 5, 040 123 4567, 131052-308T, toinen@example.fi, 050 7654321';
    expect(findIdentifierKinds(text)).toEqual([
      'personal_identity_code',
      'phone',
      'email',
      'street_address',
      'postal_address',
    ]);
  });

  it('allows phone and e-mail when contact details are allowed, but nothing else', () => {
    const text = 'info@example.fi, 040 123 4567, 131052-308T, Kauppakatu 5';
    expect(findIdentifierKinds(text, { allowContact: true })).toEqual(['personal_identity_code', 'street_address']);
  });

  it('finds nothing in an ordinary description', () => {
    const text =
      '15-vuotias nuori, joka asuu äidin kanssa. Koulunkäynti on vaikeutunut syksyllä 2023; ' +
      'poissaoloja on ollut 12 päivää. Tapaamiset 12.3.2024 klo 12:00–13:30.';
    expect(findIdentifierKinds(text)).toEqual([]);
  });
});

describe('disguised forms', () => {
  it.each([
    ['fullwidth digits', '１３１０５２-３０８T'],
    ['Arabic-Indic digits', '١٣١٠٥٢-٣٠٨T'],
    ['a zero-width space inside', '131\u200b052-308T'],
    ['a soft hyphen before the sign', '131052\u00ad-308T'],
    ['spaces around the sign', '131052 - 308T'],
    ['an em dash as the sign', '131052\u2014308T'],
    ['a fullwidth hyphen as the sign', '131052\uff0d308T'],
    ['O for 0', '131O52-3O8T'],
    ['l for 1', 'l3l052-308T'],
    ['a line break after the sign', '131052-\n308T'],
    ['dots in the date', '13.10.52-308T'],
    ['every character spaced', '1 3 1 0 5 2 - 3 0 8 T'],
  ])('blocks a henkilötunnus written with %s', (_label, code) => {
    expect(findIdentifierKinds(`Asiakkaan tunnus on ${code} ja hän asuu yksin.`)).toEqual(['personal_identity_code']);
  });

  it('does not read a dotted date followed by a count as a henkilötunnus', () => {
    expect(findIdentifierKinds('Tapaaminen 13.10.26 - 3 osallistujaa.')).toEqual([]);
  });

  it.each([
    ['o for 0', 'o4o-1234567'],
    ['dots', '040.123.4567'],
    ['358 without the plus', '358 40 123 4567'],
    ['fullwidth digits', '０４０ １２３ ４５６７'],
    ['zero-width spaces', '040\u200b123\u200b4567'],
    ['Finnish digit words', 'nolla neljä nolla yksi kaksi kolme neljä viisi kuusi seitsemän'],
    ['Swedish digit words', 'noll fyra noll ett två tre fyra fem sex sju'],
    ['one digit at a time', '0 4 0 1 2 3 4 5 6 7'],
  ])('blocks a phone number written with %s', (_label, phone) => {
    expect(findIdentifierKinds(`Äidin numero on ${phone}, soita iltaisin.`)).toEqual(['phone']);
  });

  it.each([
    ['an amount starting with 358', 'Budjetti on 358 400 000 €.'],
    ['a range of weeks', 'Ryhmä kokoontuu viikot 01–05/2026.'],
    ['a clock range with dots', 'Kotihoito käy 07.45–08.30.'],
    ['two digit words', 'Lapsia on kaksi, kolme aikuista.'],
  ])('does not flag %s as a phone number', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('phone');
  });

  it.each([
    'matti at example dot com',
    'matti(at)example.fi',
    'matti [at] example [dot] fi',
    'etunimi.sukunimi(a)hyvinvointialue.fi',
    'matti＠example.fi',
    'matti @ example.fi',
    'matti ät example piste fi',
    'anna snabel-a exempel punkt se',
  ])('blocks the spelled-out e-mail address %s', (email) => {
    expect(findIdentifierKinds(`Yhteys: ${email}.`)).toEqual(['email']);
  });

  it('does not flag "at" that is not followed by a domain', () => {
    expect(findIdentifierKinds('Tavataan at 12, sovittu piste 3.')).toEqual([]);
  });

  it.each([
    'Norra esplanaden 12',
    'Lindallén 4',
    'Brunnsparken 2',
    'Järnvägsplan 3',
    'Kajstråket 7',
    'Skogsleden 14',
    'Storgatans 3',
    'Storgatan nr 5',
    'Strandvägen nummer 8',
    'Kauppakatu nro 5',
    'Kauppakadulla 5',
    'Mannerheimintiellä 12',
    'Asemantielle 10',
    'Koivukujalla 4',
    'Hakaniemenrannalla 4',
    'Hämeenkadun 12',
  ])('blocks the street address %s', (address) => {
    expect(findIdentifierKinds(`Asiakas asuu: ${address}, ovi vasemmalla.`)).toEqual(['street_address']);
  });

  it.each([
    ['a count after a compound street word', 'Kotitie 2 kertaa viikossa ja koulupihalla 3 tuntia.'],
    ['an inflected bare type word', 'Nuori on kadulla 3 iltana ja tiellä 2 tuntia.'],
    ['a plural genitive ending in -tien', 'Kuntien 3 edustajaa osallistui.'],
    ['a title in an inflected case', 'Kuraattorilla 4 käyntiä ja rehtorin 2 tapaamista.'],
    ['a Swedish plan of care', 'Vårdplan 2 och handlingsplan 3 följs upp.'],
    ['a bus line', 'Bussilinja 550 kulkee harvoin.'],
  ])('does not flag %s as a street address', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('street_address');
  });

  it.each(['00100 helsinki', 'Helsinki 00100', 'Vasa, 65100', '00 100 Helsinki', 'tampere 33100', '20100 Åbo'])(
    'blocks the postal address %s',
    (postal) => {
      expect(findIdentifierKinds(`Postiosoite ${postal}.`)).toEqual(['postal_address']);
    },
  );

  it.each([
    ['a spaced amount before a capitalised word', 'Kela maksoi 10 000 Kelan kautta.'],
    ['a town before a spaced amount', 'Vaasa 10 000 asukasta kohden.'],
  ])('does not flag %s as a postal address', (_label, text) => {
    expect(findIdentifierKinds(text)).not.toContain('postal_address');
  });
});

describe('bounded work', () => {
  it('refuses a pasted table of numbers as a phone number instead of searching all of it', () => {
    const table = Array.from({ length: 400 }, (_, i) => `0${i % 10}`).join(' ');
    expect(findIdentifierKinds(`Mittaukset: ${table}`)).toEqual(['phone']);
  });

  it('reports postal codes that share a town word between them once', () => {
    expect(findIdentifierKinds('Postiosoitteet 00100 Espoo 02100 ja 33100 Tampere.')).toEqual(['postal_address']);
  });
});
