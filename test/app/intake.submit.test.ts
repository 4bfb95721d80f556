import { describe, expect, it } from 'vitest';
import { makeSaveDraft } from '../../src/app/intake/save-draft.js';
import { makeSubmitRequest, NAME_HINTS_PER_CARD } from '../../src/app/intake/submit-request.js';
import { denied, intakeScene, refusal } from '../support/app-fakes.js';
import { AT, PEOPLE, REFERENCE, REQUEST_ID, actor, completeForm, requestAt, DESCRIBED } from '../support/app-requests.js';

const WORKER = actor(PEOPLE.worker);

function setup() {
  const scene = intakeScene();
  return { ...scene, submit: makeSubmitRequest(scene.deps), save: makeSaveDraft(scene.deps) };
}

describe('sending a request for approval', () => {
  it('sends a complete description with a new reference and queues the approval request', async () => {
    const { submit, requests, effects, queued } = setup();
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm(), confirmNames: false });
    expect(result.ok).toBe(true);
    expect((await requests.get(REQUEST_ID))?.request).toMatchObject({ status: 'submitted', version: 1, reference: REFERENCE, submittedAt: AT });
    expect(queued.map((q) => q.effect)).toEqual([{ kind: 'approval_requested', requestId: REQUEST_ID }]);
    expect(effects()).toEqual([{ kind: 'approval_requested', key: `submitted-${REQUEST_ID}-v1` }]);
  });

  it('resends a returned request under its reference, awaiting a fresh decision', async () => {
    const { submit, requests, effects } = setup();
    await requests.create({ request: requestAt('returned'), description: { ...DESCRIBED, returnComment: 'Tarkenna.' } });
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 3, form: completeForm({ whatWorked: 'Tarkennettu.' }), confirmNames: false });
    expect(result.ok && result.value.request).toMatchObject({ status: 'submitted', version: 4, reference: REFERENCE, decision: undefined });
    expect(effects()).toEqual([{ kind: 'approval_requested', key: `submitted-${REQUEST_ID}-v4` }]);
  });

  it('stores what was typed before refusing a missing field', async () => {
    const { submit, requests, queued } = setup();
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm({ whatWorked: ' ' }), confirmNames: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'request.invalid', fieldErrors: [{ field: 'whatWorked', code: 'field.required' }] } });
    expect((await requests.get(REQUEST_ID))?.description.texts.wantedServices).toBe(DESCRIBED.texts.wantedServices);
    expect(queued).toEqual([]);
  });

  it('stores nothing when the text holds a client identifier', async () => {
    const { submit, requests } = setup();
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm({ receivedServices: 'Soita numeroon 040 123 4567.' }), confirmNames: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'request.identifiers_found', findings: [{ field: 'receivedServices', kind: 'phone' }] } });
    expect(await requests.get(REQUEST_ID)).toBeUndefined();
  });

  it("lets the worker's own phone and e-mail stand in the contact field", async () => {
    const { submit } = setup();
    const form = completeForm({ senderContact: 'Wilma Työntekijä, 040 123 4567, wilma@hyvinvointialue.example' });
    expect((await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form, confirmNames: false })).ok).toBe(true);
  });

  it('applies a name confirmation only to the names the worker was shown', async () => {
    const { submit } = setup();
    const warned = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm({ whatWorked: 'Mikko on auttanut.' }), confirmNames: true });
    expect(warned).toMatchObject({ ok: false, error: { code: 'request.names_unconfirmed', hints: [{ token: 'Mikko' }] } });
    const version = warned.ok ? 0 : (warned.error as { version: number }).version;
    const newName = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: version, form: completeForm({ whatWorked: 'Mikko ja Liisa ovat auttaneet.' }), confirmNames: true });
    expect(newName).toMatchObject({ ok: false, error: { code: 'request.names_unconfirmed', hints: [{ token: 'Liisa' }] } });
  });

  it('asks about a text full of names a card at a time, each confirmation covering only the names shown', async () => {
    const { submit } = setup();
    const names = ['Mikko', 'Liisa', 'Matti', 'Anna', 'Juha', 'Laura', 'Timo', 'Sanna', 'Jari', 'Tiina', 'Pekka', 'Maria', 'Antti', 'Kaisa', 'Heikki'];
    const form = completeForm({ whatWorked: `${names.join(' ja ')} ovat auttaneet.` });
    const first = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form, confirmNames: false });
    const shown = first.ok || first.error.code !== 'request.names_unconfirmed' ? [] : first.error.hints.map((h) => h.token);
    expect(shown).toEqual(names.slice(0, NAME_HINTS_PER_CARD));
    const version = first.ok ? 0 : (first.error as { version: number }).version;
    const rest = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: version, form, confirmNames: true });
    expect(rest).toMatchObject({ ok: false, error: { code: 'request.names_unconfirmed', hints: names.slice(NAME_HINTS_PER_CARD).map((token) => ({ token })) } });
    const restVersion = rest.ok ? 0 : (rest.error as { version: number }).version;
    expect((await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: restVersion, form, confirmNames: true })).ok).toBe(true);
  });

  it('records the consent as a fact, who and when, and audits without description text', async () => {
    const { submit, audit } = setup();
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm(), confirmNames: false });
    expect(result.ok && result.value.request.consentFact).toEqual({ by: PEOPLE.worker, at: AT });
    // Sent at its first save: the one write is the sending, and its one entry says so.
    expect(audit.map((a) => a.action)).toEqual(['request.submitted']);
    expect(JSON.stringify(audit)).not.toContain(DESCRIBED.texts.wantedServices);
  });

  it("refuses to send another worker's draft and audit-logs the attempt", async () => {
    const { save, submit, audit, queued, requests } = setup();
    await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm() });
    const result = await submit(actor(PEOPLE.colleague), { requestId: REQUEST_ID, expectedVersion: 1, form: completeForm(), confirmNames: false });
    expect(result).toEqual(refusal('request.not_owner'));
    expect(audit.at(-1)).toEqual(denied(PEOPLE.colleague));
    expect((await requests.get(REQUEST_ID))?.request.status).toBe('draft');
    expect(queued).toEqual([]);
  });

  it('refuses to send a request that was sent already, and queues nothing again', async () => {
    const { submit, requests, queued } = setup();
    await requests.create({ request: requestAt('submitted'), description: DESCRIBED });
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 2, form: completeForm(), confirmNames: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'request.already_submitted', request: { status: 'submitted' } } });
    expect(queued).toEqual([]);
  });

  it('refuses a sending unit the worker does not belong to', async () => {
    const { submit } = setup();
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm({ sendingUnitId: 'lastensuojelu' }), confirmNames: false });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: [{ field: 'sendingUnitId', code: 'field.not_member_of_unit' }] } });
  });

  it('answers a click while another holds the request as busy (the holder may be this send, on a process that died), queuing nothing', async () => {
    const scene = intakeScene();
    const submit = makeSubmitRequest({ ...scene.deps, locks: { withLock: async () => undefined } });
    const result = await submit(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm(), confirmNames: false });
    expect(result).toEqual({ ok: false, error: { code: 'request.busy' } });
    expect(scene.queued).toEqual([]);
  });
});
