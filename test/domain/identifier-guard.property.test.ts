import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdentifierKinds, inspectFields } from '../../src/domain/privacy/identifier-guard.js';

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const SIGNS_BY_CENTURY: Readonly<Record<number, readonly string[]>> = {
  1800: ['+'],
  1900: ['-', 'Y', 'X', 'W', 'V', 'U'],
  2000: ['A', 'B', 'C', 'D', 'E', 'F'],
};

const FILLER = [
  'Asiakas asuu yksin kerrostalossa.',
  'Nuori käy koulua epäsäännöllisesti.',
  'Perheen tilanne on ollut vaikea syksystä asti.',
  'Äiti toivoo tukea arjen sujumiseen.',
  'Kotikäynnillä sovittiin seuraavista askeleista.',
  'Vuonna 2023 perhe muutti toiselle paikkakunnalle.',
  'Tapaaminen oli 12.3.2024 klo 12:00–13:30.',
  'Vuokrarästejä on noin 1 200 €.',
  'Hän on 15-vuotias ja harrastaa jalkapalloa.',
  'Asia YT-2026-0042 siirrettiin tiimille.',
  'Poissaoloja on ollut 12 päivää, eli 45 % tunneista.',
  'Tukea myönnettiin 10000 euroa kolmeksi vuodeksi.',
  'Koulutie on pitkä ja bussi kulkee harvoin.',
];
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 4 }).map((sentences) => sentences.join(' '));

const birthDate = fc.date({
  min: new Date(Date.UTC(1800, 0, 1)),
  max: new Date(Date.UTC(2099, 11, 31)),
  noInvalidDate: true,
});

const validHetu = fc
  .record({ date: birthDate, individual: fc.integer({ min: 0, max: 999 }), signIndex: fc.nat(), lowerCase: fc.boolean() })
  .map(({ date, individual, signIndex, lowerCase }) => {
    const pad = (n: number): string => String(n).padStart(2, '0');
    const year = date.getUTCFullYear();
    const ddmmyy = pad(date.getUTCDate()) + pad(date.getUTCMonth() + 1) + pad(year % 100);
    const nnn = String(individual).padStart(3, '0');
    const signs = SIGNS_BY_CENTURY[Math.floor(year / 100) * 100] ?? [];
    const sign = signs[signIndex % signs.length] ?? '';
    const code = `${ddmmyy}${sign}${nnn}${CHECK_CHARS[Number(ddmmyy + nnn) % 31]}`;
    return lowerCase ? code.toLowerCase() : code;
  });

describe('identifier guard properties', () => {
  it('always blocks a valid henkilötunnus embedded in Finnish text', () => {
    fc.assert(
      fc.property(
        filler,
        fc.constantFrom(' ', ' (', ': ', '\n', ' "', ' hetu:'),
        validHetu,
        fc.constantFrom(' ', '.', ',', ')', '\n', '', '"', ':n'),
        filler,
        (before, opening, code, closing, after) => {
          const text = `${before}${opening}${code}${closing}${after}`;
          expect(findIdentifierKinds(text)).toContain('personal_identity_code');
          const report = inspectFields({ description: text }, { contactFields: ['description'] });
          expect(report.blocking).toContainEqual({ field: 'description', kind: 'personal_identity_code' });
          expect(JSON.stringify(report)).not.toContain(code);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never blocks the ordinary filler sentences on their own', () => {
    fc.assert(
      fc.property(filler, (text) => {
        expect(findIdentifierKinds(text)).toEqual([]);
      }),
    );
  });
});
