import { describe, expect, it } from 'vitest';
import { findIdentifierKinds, inspectFields } from '../../src/domain/privacy/identifier-guard.js';
import { CLEAN_DESCRIPTIONS } from './guard-corpus/clean.js';
import { OBFUSCATED_TEXTS, SPLIT_ACROSS_FIELDS } from './guard-corpus/obfuscated.js';

const MIN_CAUGHT = 0.98;
const MAX_FALSELY_REFUSED = 0.01;

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

describe('identifier guard on the corpora', () => {
  it(`refuses at least ${percent(MIN_CAUGHT)} of disguised identifiers, each as its own kind`, () => {
    const missed = [
      ...OBFUSCATED_TEXTS.filter(({ kind, text }) => !findIdentifierKinds(text).includes(kind)),
      ...SPLIT_ACROSS_FIELDS.filter(({ kind, fields }) => !inspectFields(fields, { contactFields: [] }).blocking.some((f) => f.kind === kind)),
    ];
    const total = OBFUSCATED_TEXTS.length + SPLIT_ACROSS_FIELDS.length;
    const caught = (total - missed.length) / total;
    console.log(`identifier guard: caught ${total - missed.length} of ${total} disguised identifiers (${percent(caught)})`);
    for (const { kind, form } of missed) console.log(`  missed ${kind}: ${form}`);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(caught).toBeGreaterThanOrEqual(MIN_CAUGHT);
  });

  it(`refuses at most ${percent(MAX_FALSELY_REFUSED)} of clean descriptions`, () => {
    const refused = CLEAN_DESCRIPTIONS.filter((text) => findIdentifierKinds(text).length > 0);
    const share = refused.length / CLEAN_DESCRIPTIONS.length;
    console.log(`identifier guard: falsely refused ${refused.length} of ${CLEAN_DESCRIPTIONS.length} clean descriptions (${percent(share)})`);
    for (const text of refused) console.log(`  refused as ${findIdentifierKinds(text).join(', ')}: ${text}`);
    expect(CLEAN_DESCRIPTIONS.length).toBeGreaterThanOrEqual(100);
    expect(share).toBeLessThanOrEqual(MAX_FALSELY_REFUSED);
  });

  it('refuses the clean descriptions as a whole form no more often than one by one', () => {
    const fields = ['wantedServices', 'receivedServices', 'whatWorked', 'assessmentHighlights'];
    const forms = Array.from({ length: Math.floor(CLEAN_DESCRIPTIONS.length / fields.length) }, (_, form) =>
      Object.fromEntries(fields.map((field, i) => [field, CLEAN_DESCRIPTIONS[form * fields.length + i] ?? ''])),
    );
    const refused = forms.filter((form) => inspectFields(form, { contactFields: [] }).blocking.length > 0);
    expect(refused.length / forms.length).toBeLessThanOrEqual(MAX_FALSELY_REFUSED * fields.length);
  });

  it.each(SPLIT_ACROSS_FIELDS.map((sample) => [sample.form, sample] as const))(
    'reports an identifier split over two fields (%s) against both fields',
    (_form, { kind, fields, touched }) => {
      const report = inspectFields(fields, { contactFields: [] });
      for (const field of touched) expect(report.blocking).toContainEqual({ field, kind });
    },
  );

  it('never echoes a disguised identifier: findings carry only a field name and a kind', () => {
    const samples = [
      ...OBFUSCATED_TEXTS.map(({ text }) => ({ description: text })),
      ...SPLIT_ACROSS_FIELDS.map(({ fields }) => fields),
    ];
    for (const fields of samples) {
      const report = inspectFields(fields, { contactFields: [] });
      for (const finding of report.blocking) {
        expect(Object.keys(finding).sort()).toEqual(['field', 'kind']);
        expect(Object.keys(fields)).toContain(finding.field);
      }
      expect(JSON.stringify(report)).not.toMatch(/[\p{N}@]/u);
    }
  });
});
