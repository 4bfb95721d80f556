import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntakeDeps } from '../../src/app/intake/intake-deps.js';
import { newRequestForm } from '../../src/app/intake/request-form.js';
import { makeSaveDraft } from '../../src/app/intake/save-draft.js';
import { makeSubmitRequest } from '../../src/app/intake/submit-request.js';
import type { AuditEntry } from '../../src/app/ports.js';
import type { RequestForm } from '../../src/domain/collaboration/description.js';
import { parseUnitDirectory } from '../../src/config/unit-directory-file.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';

const directory = parseUnitDirectory(readFileSync('infra/unit-directory.example.yaml', 'utf8'), 'example');
const WORKER = { id: '00000000-0000-4000-8000-000000000101' };

function setup() {
  const audit: AuditEntry[] = [];
  let sequence = 0;
  const requests = new InMemoryRequestRepository();
  const deps: IntakeDeps = {
    requests,
    references: { next: async () => ++sequence },
    audit: { record: async (entry) => void audit.push(entry) },
    clock: { now: () => new Date('2026-11-24T10:00:00Z') },
    ids: { requestId: () => 'unused-in-these-tests' },
    directory: { current: () => directory },
    locks: { withLock: (_id, work) => work() },
    effects: { enqueue: async () => undefined },
  };
  return { deps, audit, requests, submit: makeSubmitRequest(deps), save: makeSaveDraft(deps) };
}

const complete = (overrides: Partial<RequestForm> = {}): RequestForm => ({
  ...newRequestForm(directory, WORKER.id, '2026-11-24'),
  collaborationUnitIds: ['lastenpsykiatria'],
  wantedServices: 'Arvio unihäiriöistä.',
  receivedServices: 'Perhetyötä.',
  whatWorked: 'Kotikäynnit.',
  assessmentHighlights: 'Koordinoitu tuki.',
  consentRecorded: true,
  needConfirmedInTeam: true,
  ...overrides,
});

describe('sending a request for approval', () => {
  it('stores what was typed before refusing a missing field', async () => {
    const { submit, requests } = setup();
    const result = await submit(WORKER, { requestId: 'req-aaaaaaaaaaaaaaaa', expectedVersion: 0, form: complete({ whatWorked: ' ' }), confirmNames: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'request.invalid', fieldErrors: [{ field: 'whatWorked', code: 'field.required' }] } });
    expect((await requests.get('req-aaaaaaaaaaaaaaaa'))?.description.texts.wantedServices).toBe('Arvio unihäiriöistä.');
  });

  it('stores nothing when the text holds a client identifier', async () => {
    const { submit, requests } = setup();
    const result = await submit(WORKER, {
      requestId: 'req-bbbbbbbbbbbbbbbb',
      expectedVersion: 0,
      form: complete({ receivedServices: 'Soita numeroon 040 123 4567.' }),
      confirmNames: false,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'request.identifiers_found', findings: [{ field: 'receivedServices', kind: 'phone' }] } });
    expect(await requests.get('req-bbbbbbbbbbbbbbbb')).toBeUndefined();
  });

  it("lets the worker's own phone and e-mail stand in the contact field", async () => {
    const { submit } = setup();
    const result = await submit(WORKER, {
      requestId: 'req-cccccccccccccccc',
      expectedVersion: 0,
      form: complete({ senderContact: 'Wilma Työntekijä, 040 123 4567, wilma@hyvinvointialue.example' }),
      confirmNames: false,
    });
    expect(result.ok).toBe(true);
  });

  it('applies a name confirmation only to the names the worker was shown', async () => {
    const { submit } = setup();
    const warned = await submit(WORKER, { requestId: 'req-dddddddddddddddd', expectedVersion: 0, form: complete({ whatWorked: 'Mikko on auttanut.' }), confirmNames: true });
    expect(warned).toMatchObject({ ok: false, error: { code: 'request.names_unconfirmed', hints: [{ token: 'Mikko' }] } });
    const version = warned.ok ? 0 : (warned.error as { version: number }).version;
    const newName = await submit(WORKER, {
      requestId: 'req-dddddddddddddddd',
      expectedVersion: version,
      form: complete({ whatWorked: 'Mikko ja Liisa ovat auttaneet.' }),
      confirmNames: true,
    });
    expect(newName).toMatchObject({ ok: false, error: { code: 'request.names_unconfirmed', hints: [{ token: 'Liisa' }] } });
  });

  it('records the consent as a fact, who and when, and audits without description text', async () => {
    const { submit, audit } = setup();
    const result = await submit(WORKER, { requestId: 'req-eeeeeeeeeeeeeeee', expectedVersion: 0, form: complete(), confirmNames: false });
    expect(result.ok && result.value.request.consentFact).toEqual({ by: WORKER.id, at: '2026-11-24T10:00:00.000Z' });
    expect(result.ok && result.value.request.reference).toBe('YT-2026-0001');
    expect(audit.map((a) => a.action)).toEqual(['request.created', 'request.submitted']);
    expect(JSON.stringify(audit)).not.toContain('unihäiriö');
  });

  it("refuses changes to another worker's draft", async () => {
    const { save, audit } = setup();
    await save(WORKER, { requestId: 'req-ffffffffffffffff', expectedVersion: 0, form: complete() });
    const result = await save({ id: '00000000-0000-4000-8000-000000000111' }, { requestId: 'req-ffffffffffffffff', expectedVersion: 1, form: complete() });
    expect(result).toEqual({ ok: false, error: { code: 'request.not_owner' } });
    expect(audit.at(-1)?.action).toBe('request.access_denied');
  });

  it('refuses a sending unit the worker does not belong to', async () => {
    const { submit } = setup();
    const result = await submit(WORKER, { requestId: 'req-gggggggggggggggg', expectedVersion: 0, form: complete({ sendingUnitId: 'lastensuojelu' }), confirmNames: false });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: [{ field: 'sendingUnitId', code: 'field.not_member_of_unit' }] } });
  });
});
