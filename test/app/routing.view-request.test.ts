import { describe, expect, it } from 'vitest';
import { makeViewRequest } from '../../src/app/routing/view-request.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REFERENCE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

describe('viewing a request', () => {
  it('shows a sent request to its sending supervisor with their role, and audit-logs the read', async () => {
    const scene = await appScene(requestAt('submitted'));
    const result = await makeViewRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID);
    expect(result.ok && result.value.roles).toEqual(['sending_supervisor']);
    expect(result.ok && result.value.stored.description.texts.whatWorked).toBe('Kotikäynnit.');
    expect(scene.audited('request.read')).toEqual([{ at: AT, actorId: PEOPLE.supervisor, action: 'request.read', requestId: REQUEST_ID, reference: REFERENCE, status: 'submitted' }]);
    expect(scene.queued).toEqual([]);
  });

  it('a supervisor cannot read an unsent draft', async () => {
    const scene = await appScene(requestAt('draft'));
    await expectDenied(scene, await makeViewRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), PEOPLE.supervisor);
    expect(scene.audited('request.read')).toEqual([]);
  });

  it('shows the draft to the worker who writes it', async () => {
    const scene = await appScene(requestAt('draft'));
    const result = await makeViewRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID);
    expect(result.ok && result.value.roles).toEqual(['sending_worker']);
  });

  it('refuses a receiving lead before the request is routed to their unit', async () => {
    const scene = await appScene(requestAt('submitted'));
    await expectDenied(scene, await makeViewRequest(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID), PEOPLE.psychiatryLead);
  });

  it('shows a routed request to the receiving leads and the named workers', async () => {
    const scene = await appScene(requestAt('named'));
    const view = makeViewRequest(scene.deps);
    const lead = await view(actor(PEOPLE.psychiatryLead), REQUEST_ID);
    const named = await view(actor(PEOPLE.healthMember), REQUEST_ID);
    expect([lead.ok && lead.value.roles, named.ok && named.value.roles]).toEqual([['receiving_supervisor'], ['named_worker']]);
    expect(scene.audited('request.read').map((e) => e.actorId)).toEqual([PEOPLE.psychiatryLead, PEOPLE.healthMember]);
  });

  it('refuses an outsider and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectDenied(scene, await makeViewRequest(scene.deps)(actor(PEOPLE.colleague), REQUEST_ID), PEOPLE.colleague);
  });

  it('answers a request that does not exist as not found, logging no read', async () => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makeViewRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), 'request.not_found');
    expect(scene.audit).toEqual([]);
  });
});
