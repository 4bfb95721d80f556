import { describe, expect, it } from 'vitest';
import { makeDeleteDraft } from '../../src/app/intake/delete-draft.js';
import { denied, intakeScene, refusal } from '../support/app-fakes.js';
import { AT, DESCRIBED, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

async function setup(stage: Parameters<typeof requestAt>[0]) {
  const scene = intakeScene();
  await scene.requests.create({ request: requestAt(stage), description: DESCRIBED });
  return { ...scene, remove: makeDeleteDraft(scene.deps) };
}

describe('deleting a draft', () => {
  it('deletes an unsent draft, audit-logs it and sets nothing in motion', async () => {
    const { remove, requests, audit, queued } = await setup('draft');
    expect(await remove(actor(PEOPLE.worker), REQUEST_ID)).toEqual({ ok: true, value: { version: expect.any(Number) } });
    expect(await requests.get(REQUEST_ID)).toBeUndefined();
    expect(audit).toEqual([{ at: AT, actorId: PEOPLE.worker, action: 'request.deleted', requestId: REQUEST_ID, status: 'draft' }]);
    expect(queued).toEqual([]);
  });

  it('answers a second delete (a double click) as done', async () => {
    const { remove } = await setup('draft');
    await remove(actor(PEOPLE.worker), REQUEST_ID);
    expect((await remove(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
  });

  it("refuses to delete another worker's draft and audit-logs the attempt", async () => {
    const { remove, requests, audit } = await setup('draft');
    expect(await remove(actor(PEOPLE.colleague), REQUEST_ID)).toEqual(refusal('request.not_owner'));
    expect(audit).toEqual([denied(PEOPLE.colleague)]);
    expect(await requests.get(REQUEST_ID)).toBeDefined();
  });

  it('refuses to delete a sent request, which stays traceable', async () => {
    const { remove, requests } = await setup('submitted');
    expect(await remove(actor(PEOPLE.worker), REQUEST_ID)).toMatchObject({ ok: false, error: { code: 'request.not_editable', request: { status: 'submitted' } } });
    expect((await requests.get(REQUEST_ID))?.request.status).toBe('submitted');
  });
});
