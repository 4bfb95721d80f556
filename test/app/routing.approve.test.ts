import { describe, expect, it } from 'vitest';
import { makeApproveRequest } from '../../src/app/routing/approve-request.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, RECEIVING_UNITS, REFERENCE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

describe('approving a request', () => {
  it('routes an approved request to every collaboration unit and queues one routing job per unit', async () => {
    const scene = await appScene(requestAt('submitted'));
    const result = await makeApproveRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID);
    expect(result.ok).toBe(true);
    const { request } = await scene.stored();
    expect(request).toMatchObject({ status: 'routed', version: 3, decision: { kind: 'approved', by: PEOPLE.supervisor, at: AT } });
    expect(request.units).toEqual(RECEIVING_UNITS.map((unitId) => ({ unitId, status: 'awaiting_acknowledgement' })));
    expect(scene.queued.map((q) => q.effect)).toEqual(RECEIVING_UNITS.map((unitId) => ({ kind: 'routed', requestId: REQUEST_ID, actorId: PEOPLE.supervisor, unitIds: [unitId] })));
    expect(scene.effects()).toEqual(RECEIVING_UNITS.map((unitId) => ({ kind: 'routed', key: `routed-${unitId}-${REQUEST_ID}-v3` })));
    expect(scene.audited('request.approved')).toMatchObject([{ actorId: PEOPLE.supervisor, reference: REFERENCE, status: 'routed', at: AT }]);
  });

  it("accepts the sending unit's deputy as approver", async () => {
    const scene = await appScene(requestAt('submitted'));
    expect((await makeApproveRequest(scene.deps)(actor(PEOPLE.deputy), REQUEST_ID)).ok).toBe(true);
    expect((await scene.stored()).request.decision?.by).toBe(PEOPLE.deputy);
  });

  it('tells the sending worker that approving their own request is not theirs to do, and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('submitted'));
    await expectDenied(scene, await makeApproveRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), PEOPLE.worker, { code: 'request.own_request' });
  });

  it.each([
    ['a colleague of the sending unit', PEOPLE.colleague],
    ["a receiving unit's supervisor", PEOPLE.psychiatryLead],
    ['a stranger', PEOPLE.stranger],
  ])('refuses approval from a non-supervisor (%s) and audit-logs the attempt', async (_who, personId) => {
    const scene = await appScene(requestAt('submitted'));
    await expectDenied(scene, await makeApproveRequest(scene.deps)(actor(personId), REQUEST_ID), personId);
  });

  it('refuses approval from a supervisor who filed the request themselves (four eyes)', async () => {
    const scene = await appScene(requestAt('submitted', { ownerId: PEOPLE.supervisor }));
    await expectDenied(scene, await makeApproveRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), PEOPLE.supervisor, { code: 'request.own_request' });
  });

  it('tells the second approver who approved first, and changes nothing', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await makeApproveRequest(scene.deps)(actor(PEOPLE.deputy), REQUEST_ID), { code: 'request.already_decided', by: PEOPLE.supervisor, at: AT });
    expect((await scene.stored()).request).toEqual(requestAt('routed'));
    expect(scene.queued).toEqual([]);
  });

  it('refuses to approve a draft that was never sent', async () => {
    const scene = await appScene(requestAt('draft'));
    await expectRefused(scene, await makeApproveRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });

  it('answers a request that does not exist as not found', async () => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makeApproveRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), 'request.not_found');
  });

  it('takes no lock: a decision is its read and its version-checked write', async () => {
    const scene = await appScene(requestAt('submitted'), { overrides: { locks: { withLock: async () => undefined } } });
    const result = await makeApproveRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID);
    expect(result.ok).toBe(true);
    expect((await scene.stored()).request.status).toBe('routed');
  });

  it('decides again on the request a simultaneous writer left, and answers who was first', async () => {
    const scene = await appScene(requestAt('submitted'));
    const approve = makeApproveRequest(scene.deps);
    const [first, second] = await Promise.all([approve(actor(PEOPLE.supervisor), REQUEST_ID), approve(actor(PEOPLE.deputy), REQUEST_ID)]);
    expect([first, second].filter((r) => r.ok)).toHaveLength(1);
    expect([first, second].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'request.already_decided' } });
  });

  it('answers busy, and stores nothing, when every try meets another writer', async () => {
    const scene = await appScene(requestAt('submitted'));
    const requests = scene.deps.requests;
    const crowded = { ...requests, get: requests.get.bind(requests), update: async () => 'conflict' as const };
    await expectRefused(scene, await makeApproveRequest({ ...scene.deps, requests: crowded })(actor(PEOPLE.supervisor), REQUEST_ID), 'request.busy');
    expect((await scene.stored()).request.status).toBe('submitted');
  });
});
