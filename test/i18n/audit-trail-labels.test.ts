import { describe, expect, it } from 'vitest';
import type { AuditTrailView } from '../../src/app/audit/read-audit-trail.js';
import type { AuditEntry } from '../../src/app/ports.js';
import { auditTrailCard } from '../../src/bot/cards/audit-trail-cards.js';
import { LOCALES } from '../../src/domain/locale.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { auditRows, auditTrailCsv } from '../../src/i18n/audit-trail-labels.js';
import { translator } from '../../src/i18n/translator.js';
import { directory } from '../support/people.js';

const AT = '2026-06-30T21:30:00.000Z';
const reader = (d: UnitDirectory) => ({ t: translator('fi'), locale: 'fi' as const, directory: d });
const trailOf = (entries: AuditEntry[]): AuditTrailView => ({ requestId: 'r1', reference: 'YT-2026-0007', status: 'routed', entries });

const disclosure = (channelMembers: string): AuditEntry => ({
  at: AT,
  actorId: 'lead',
  action: 'request.disclosed',
  requestId: 'r1',
  reference: 'YT-2026-0007',
  unitId: 'u1',
  fromUnit: 'u1',
  recipient: 'channel:19:c@thread.tacv2',
  channelMembers,
  requestedBy: 'lead',
  basis: `oral-consent:worker@${AT}`,
  purpose: 'yhteistyo-tiimi:multi-professional-work',
});

describe('the audit trail in words', () => {
  const people = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, name: `Jäsen ${i}` }));
  const small = new UnitDirectory(
    [{ id: 'u1', kind: 'social_care', name: { fi: 'Yksikkö', sv: 'Enhet', en: 'Unit' }, supervisors: ['lead'], deputies: [], members: [] }],
    [{ id: 'lead', name: '=HYPERLINK("https://x.example")' }, { id: 'worker', name: 'Virtanen; "Ville"' }, ...people],
  );

  it('writes a CSV Finnish Excel opens: semicolons, county time that reads as a time, quoted separators, no formulas, every member', () => {
    const csv = auditTrailCsv(reader(small), trailOf([disclosure(people.map((p) => p.id).join(','))]));
    const [, line] = csv.split('\r\n');
    expect(line).toBe(
      [
        '2026-07-01 00:30:00',
        'Asiakaskuvaus luovutettu',
        `"'=HYPERLINK(""https://x.example"")"`,
        'lead',
        'Asiakaskuvaus YT-2026-0007',
        'Yksikkö',
        'Yksikkö',
        'yksikön Teams-kanava',
        people.map((p) => p.name).join(', '),
        `"'=HYPERLINK(""https://x.example"")"`,
        '"Asiakkaan suullinen suostumus, kirjasi Virtanen; ""Ville"" 1.7.2026 klo 0.30"',
        'Moniammatillinen työskentely Yhteistyö-tiimissä',
      ].join(';'),
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('names ten members on a card and counts the rest, and says so when Teams would not list them', () => {
    const [listed, unavailable] = auditRows(reader(small), trailOf([disclosure(people.map((p) => p.id).join(',')), disclosure('members-unavailable')]));
    expect(listed?.members).toBe(`${people.slice(0, 10).map((p) => p.name).join(', ')} ja 2 muuta (kaikki CSV-tiedostossa)`);
    expect(unavailable?.members).toBe('ei saatu (Teams ei luetellut jäseniä)');
  });

  it('names the bot and people the directory no longer knows by what the log holds', () => {
    const [row] = auditRows(reader(small), trailOf([{ at: AT, actorId: 'yhteistyobotti', action: 'request.purged', requestId: 'r1' }]));
    expect([row?.actor, row?.action, row?.to]).toEqual(['Yhteistyöbotti', 'Asiakaskuvaus poistettu säilytysajan päätyttyä', '']);
    const [gone] = auditRows(reader(small), trailOf([{ at: AT, actorId: 'left-the-county', action: 'request.read', requestId: 'r1' }]));
    expect(gone?.actor).toBe('left-the-county');
  });

  it.each(LOCALES)('keeps a full card of channel disclosures to the largest roster well under 28 KB (%s)', (locale) => {
    const everyone = directory.units.flatMap((u) => [...u.supervisors, ...u.deputies, ...u.members]).join(',');
    const entries = Array.from({ length: 60 }, () => ({ ...disclosure(everyone), actorId: directory.units[0]!.supervisors[0]!, unitId: 'mielenterveys-paihde', fromUnit: 'perhesosiaalityo' }));
    const card = auditTrailCard({ t: translator(locale), locale, directory }, trailOf(entries), {
      page: 1,
      csvUrl: `https://yhteistyobotti.example/tab/audit-exports/${'x'.repeat(240)}.csv`,
      nextCommand: 'loki YT-2026-0007 2',
    });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(22 * 1024);
  });
});
