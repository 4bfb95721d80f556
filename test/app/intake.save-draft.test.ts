import { describe, expect, it } from 'vitest';
import { makeSaveDraft } from '../../src/app/intake/save-draft.js';
import { denied, intakeScene, refusal } from '../support/app-fakes.js';
import { AT, DESCRIBED, PEOPLE, REQUEST_ID, actor, completeForm, requestAt } from '../support/app-requests.js';

const WORKER = actor(PEOPLE.worker);

function setup() {
  const scene = intakeScene();
  return { ...scene, save: makeSaveDraft(scene.deps) };
}

describe('saving a draft', () => {
  it('stores a first save as version 1 of a draft, owned by its writer, and sets nothing in motion', async () => {
    const { save, requests, audit, queued } = setup();
    const result = await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm({ whatWorked: '' }) });
    expect(result.ok).toBe(true);
    const stored = await requests.get(REQUEST_ID);
    expect(stored?.request).toMatchObject({ status: 'draft', version: 1, ownerId: PEOPLE.worker, createdAt: AT });
    expect(stored?.request.reference).toBeUndefined();
    expect(stored?.description.texts).toEqual({ ...DESCRIBED.texts, whatWorked: '' });
    expect(audit).toEqual([{ at: AT, actorId: PEOPLE.worker, action: 'request.created', requestId: REQUEST_ID, status: 'draft' }]);
    expect(queued).toEqual([]);
  });

  it('stores a later save over the version the card was drawn from', async () => {
    const { save, requests, audit } = setup();
    await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm() });
    await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 1, form: completeForm({ whatWorked: 'Toinen versio.' }) });
    expect((await requests.get(REQUEST_ID))?.request.version).toBe(2);
    expect((await requests.get(REQUEST_ID))?.description.texts.whatWorked).toBe('Toinen versio.');
    expect(audit.map((a) => a.action)).toEqual(['request.created', 'request.updated']);
  });

  it('takes the same save twice (a double click) but refuses different text over a newer version', async () => {
    const { save } = setup();
    await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm() });
    await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 1, form: completeForm({ whatWorked: 'Toisessa ikkunassa.' }) });
    expect((await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 1, form: completeForm({ whatWorked: 'Toisessa ikkunassa.' }) })).ok).toBe(true);
    expect(await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 1, form: completeForm({ whatWorked: 'Vanha kortti.' }) })).toEqual({
      ok: false,
      error: { code: 'request.changed_elsewhere', currentVersion: 3 },
    });
  });

  it("refuses changes to another worker's draft and audit-logs the attempt", async () => {
    const { save, audit, requests } = setup();
    await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm() });
    const result = await save(actor(PEOPLE.colleague), { requestId: REQUEST_ID, expectedVersion: 1, form: completeForm({ whatWorked: 'Vieras teksti.' }) });
    expect(result).toEqual(refusal('request.not_owner'));
    expect(audit.at(-1)).toEqual(denied(PEOPLE.colleague));
    expect((await requests.get(REQUEST_ID))?.description.texts.whatWorked).toBe(DESCRIBED.texts.whatWorked);
  });

  it('refuses to change a request that was sent, or one withdrawn', async () => {
    for (const [stage, code] of [['submitted', 'request.already_submitted'], ['withdrawn', 'request.not_editable']] as const) {
      const { save, requests } = setup();
      await requests.create({ request: requestAt(stage), description: DESCRIBED });
      const result = await save(WORKER, { requestId: REQUEST_ID, expectedVersion: requestAt(stage).version, form: completeForm({ whatWorked: 'Muutos.' }) });
      expect(result).toMatchObject({ ok: false, error: { code, request: { status: stage } } });
      expect((await requests.get(REQUEST_ID))?.description).toEqual(DESCRIBED);
    }
  });

  it('refuses a save over a version of a request that does not exist', async () => {
    const { save } = setup();
    expect(await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 4, form: completeForm() })).toEqual(refusal('request.not_found'));
  });

  it('stores nothing of a draft that holds a client identifier', async () => {
    const { save, requests } = setup();
    const result = await save(WORKER, { requestId: REQUEST_ID, expectedVersion: 0, form: completeForm({ whatWorked: 'Hetu 131052-308T.' }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'request.identifiers_found', findings: [{ field: 'whatWorked', kind: 'personal_identity_code' }] } });
    expect(await requests.get(REQUEST_ID)).toBeUndefined();
  });
});
