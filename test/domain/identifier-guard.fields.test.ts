import { describe, expect, it } from 'vitest';
import { inspectFields } from '../../src/domain/privacy/identifier-guard.js';

describe('inspectFields', () => {
  it('reports a clean description as empty', () => {
    const report = inspectFields(
      { situation: 'Nuori asuu äidin kanssa, koulunkäynti on vaikeutunut vuonna 2024.', goals: 'Säännöllinen arki.' },
      { contactFields: [] },
    );
    expect(report).toEqual({ blocking: [], nameHints: [] });
  });

  it('reports each blocking kind once per field, per field', () => {
    const report = inspectFields(
      {
        situation: 'Puh. 040 123 4567 ja 050 765 4321, osoite Kauppakatu 5 ja Kirkkotie 7.',
        history: 'Hetu 131052-308T, sisaren 010203A234B.',
      },
      { contactFields: [] },
    );
    expect(report.blocking).toEqual([
      { field: 'situation', kind: 'phone' },
      { field: 'situation', kind: 'street_address' },
      { field: 'history', kind: 'personal_identity_code' },
    ]);
  });

  it('allows phone and e-mail in a contact field', () => {
    const report = inspectFields(
      { workerContact: 'Tiina, puh. 040 123 4567, tiina@hyvinvointialue.fi' },
      { contactFields: ['workerContact'] },
    );
    expect(report.blocking).toEqual([]);
  });

  it('still blocks a henkilötunnus and addresses in a contact field', () => {
    const report = inspectFields(
      { workerContact: 'puh. 040 123 4567, hetu 131052-308T, Kauppakatu 5, 00100 Helsinki' },
      { contactFields: ['workerContact'] },
    );
    expect(report.blocking).toEqual([
      { field: 'workerContact', kind: 'personal_identity_code' },
      { field: 'workerContact', kind: 'street_address' },
      { field: 'workerContact', kind: 'postal_address' },
    ]);
  });

  it('does not look for names in a contact field', () => {
    const report = inspectFields(
      { workerContact: 'Tiina Virtanen', situation: 'Tiina kertoi.' },
      { contactFields: ['workerContact'] },
    );
    expect(report.nameHints).toEqual([{ field: 'situation', token: 'Tiina' }]);
  });

  it('blocks phone and e-mail in a field that is not a contact field', () => {
    const report = inspectFields(
      { situation: 'Äidin numero 040 123 4567, sähköposti aiti@example.fi', workerContact: '' },
      { contactFields: ['workerContact'] },
    );
    expect(report.blocking).toEqual([
      { field: 'situation', kind: 'phone' },
      { field: 'situation', kind: 'email' },
    ]);
  });

  it('reports name hints uniquely per field', () => {
    const report = inspectFields(
      { situation: 'Matti ja Matti ja Mikalle.', goals: 'Matti haluaa töihin.' },
      { contactFields: [] },
    );
    expect(report.nameHints).toEqual([
      { field: 'situation', token: 'Matti' },
      { field: 'situation', token: 'Mikalle' },
      { field: 'goals', token: 'Matti' },
    ]);
  });

  it('blocks a henkilötunnus split over two fields and reports it against both', () => {
    const report = inspectFields(
      { wantedServices: 'Tuen tarve arvioitava, hetu 131052-', receivedServices: '308T, kotihoito 2 x vrk.', whatWorked: 'Ryhmä.' },
      { contactFields: [] },
    );
    expect(report.blocking).toEqual([
      { field: 'wantedServices', kind: 'personal_identity_code' },
      { field: 'receivedServices', kind: 'personal_identity_code' },
    ]);
  });

  it('joins fields past an empty one', () => {
    const report = inspectFields({ situation: 'Postiosoite 00100', history: '', goals: 'Helsinki.' }, { contactFields: [] });
    expect(report.blocking).toEqual([
      { field: 'situation', kind: 'postal_address' },
      { field: 'goals', kind: 'postal_address' },
    ]);
  });

  it("does not join the worker's own number with a number that starts the next field", () => {
    const report = inspectFields(
      { workerContact: 'Tiina, puh. 040 123', situation: '4567 käyntiä ei ole kirjattu.' },
      { contactFields: ['workerContact'] },
    );
    expect(report.blocking).toEqual([]);
  });

  it('still blocks a henkilötunnus split between a contact field and the next field', () => {
    const report = inspectFields({ workerContact: 'Tiina, 131052-', situation: '308T on asiakkaan.' }, { contactFields: ['workerContact'] });
    expect(report.blocking).toEqual([
      { field: 'workerContact', kind: 'personal_identity_code' },
      { field: 'situation', kind: 'personal_identity_code' },
    ]);
  });

  it('does not join two clean fields into an identifier at their border', () => {
    const report = inspectFields(
      { situation: 'Tapaamisia on ollut vuonna 2019', goals: '12 kertaa, seuraava 3.12. klo 12.00–13.30.' },
      { contactFields: [] },
    );
    expect(report.blocking).toEqual([]);
  });

  it('never returns an identifier value; only name hint tokens come from the text', () => {
    const identifiers = [
      '131052-308T',
      '010203A234B',
      '040 123 4567',
      '+358401234567',
      'aiti@example.fi',
      'Kauppakatu 5',
      '00100 Helsinki',
      '１３１０５２\u2014３０８T',
      'o4o 123 4567',
      'matti at example dot com',
      'Kauppakadulla 5',
      'helsinki 00 100',
    ];
    const fields = {
      situation: `Matti, ${identifiers.join(', ')}.`,
      workerContact: `puh. ${identifiers.join(' ')}`,
    };
    const report = inspectFields(fields, { contactFields: ['workerContact'] });
    const serialised = JSON.stringify(report);
    for (const identifier of identifiers) expect(serialised).not.toContain(identifier);
    expect(serialised).not.toMatch(/\d/);

    const hintTokens = new Set(report.nameHints.map((hint) => hint.token));
    const fieldNames = new Set(Object.keys(fields));
    const kinds = new Set(['personal_identity_code', 'phone', 'email', 'street_address', 'postal_address']);
    for (const finding of report.blocking) {
      expect(fieldNames.has(finding.field)).toBe(true);
      expect(kinds.has(finding.kind)).toBe(true);
    }
    for (const hint of report.nameHints) expect(fieldNames.has(hint.field)).toBe(true);
    expect([...hintTokens]).toEqual(['Matti']);
  });
});
