import { describe, expect, it } from 'vitest';
import { makeNameWorker } from '../../src/app/routing/name-worker.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

describe('naming the worker of a receiving unit', () => {
  it('names a worker of the unit and queues the message to them', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    expect((await makeNameWorker(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', PEOPLE.psychiatryMember)).ok).toBe(true);
    expect((await scene.stored()).request.units[0]).toMatchObject({
      status: 'worker_named',
      namedWorkerId: PEOPLE.psychiatryMember,
      named: { by: PEOPLE.psychiatryLead, at: AT },
    });
    expect(scene.queued.map((q) => q.effect)).toEqual([
      { kind: 'worker_named', requestId: REQUEST_ID, actorId: PEOPLE.psychiatryLead, unitId: 'lastenpsykiatria', workerId: PEOPLE.psychiatryMember },
    ]);
    expect(scene.effects()).toEqual([{ kind: 'worker_named', key: `named-${REQUEST_ID}-v6` }]);
  });

  it("refuses a lead naming for another unit and audit-logs the attempt", async () => {
    const scene = await appScene(requestAt('acknowledged'));
    const result = await makeNameWorker(scene.deps)(actor(PEOPLE.healthLead), REQUEST_ID, 'lastenpsykiatria', PEOPLE.healthMember);
    await expectDenied(scene, result, PEOPLE.healthLead, { unitId: 'lastenpsykiatria' });
  });

  it('refuses a worker from outside the unit', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    const result = await makeNameWorker(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', PEOPLE.healthMember);
    await expectRefused(scene, result, 'request.worker_not_in_unit');
    expect((await scene.stored()).request).toEqual(requestAt('acknowledged'));
  });

  it('refuses to name before the unit has acknowledged', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await makeNameWorker(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', PEOPLE.psychiatryMember), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });

  it('tells a second naming who named first', async () => {
    const scene = await appScene(requestAt('named'));
    await expectRefused(scene, await makeNameWorker(scene.deps)(actor(PEOPLE.psychiatryDeputy), REQUEST_ID, 'lastenpsykiatria', PEOPLE.psychiatryMember), { code: 'request.already_decided', by: PEOPLE.psychiatryLead, at: AT });
  });
});
