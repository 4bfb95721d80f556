import { describe, expect, it } from 'vitest';
import { makeReturnRequest } from '../../src/app/routing/return-request.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

const COMMENT = 'Tarkenna, mitä terveysasemalta toivotaan.';

describe('returning a request to its worker', () => {
  it('returns the request with the comment and queues the message to the worker', async () => {
    const scene = await appScene(requestAt('submitted'));
    expect((await makeReturnRequest(scene.deps)(actor(PEOPLE.deputy), REQUEST_ID, `  ${COMMENT} `)).ok).toBe(true);
    const { request, description } = await scene.stored();
    expect(request).toMatchObject({ status: 'returned', version: 3, decision: { kind: 'returned', by: PEOPLE.deputy, at: AT } });
    expect(description.returnComment).toBe(COMMENT);
    expect(scene.effects()).toEqual([{ kind: 'returned', key: `returned-${REQUEST_ID}-v3` }]);
    expect(scene.audited('request.returned')).toMatchObject([{ actorId: PEOPLE.deputy, status: 'returned' }]);
  });

  it('refuses a return without a reason: the worker would not know what to fix', async () => {
    const scene = await appScene(requestAt('submitted'));
    await expectRefused(scene, await makeReturnRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID, '   '), 'request.comment_required');
    expect(scene.queued).toEqual([]);
  });

  it('refuses a return from a non-supervisor and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('submitted'));
    await expectDenied(scene, await makeReturnRequest(scene.deps)(actor(PEOPLE.healthLead), REQUEST_ID, COMMENT), PEOPLE.healthLead);
  });

  it('refuses to return a request that is already routed, naming who approved it', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await makeReturnRequest(scene.deps)(actor(PEOPLE.deputy), REQUEST_ID, COMMENT), { code: 'request.already_decided', by: PEOPLE.supervisor, at: AT });
    expect(scene.queued).toEqual([]);
  });

  it('stores nothing when the comment holds a client identifier', async () => {
    const scene = await appScene(requestAt('submitted'));
    const result = await makeReturnRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID, 'Soita äidille 040 123 4567.');
    expect(result).toMatchObject({ ok: false, error: { code: 'request.identifiers_found', findings: [{ field: 'returnComment', kind: 'phone' }] } });
    expect((await scene.stored()).request).toEqual(requestAt('submitted'));
    expect(scene.audited('request.access_denied')).toEqual([]);
  });
});
