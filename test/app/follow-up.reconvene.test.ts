import { describe, expect, it } from 'vitest';
import { makeReconvene } from '../../src/app/follow-up/reconvene.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { PEOPLE, REFERENCE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

describe('re-convening the team', () => {
  it('lets the omatyöntekijä call the same people again: audit-logged, new proposals queued', async () => {
    const scene = await appScene(requestAt('follow_up'));
    expect((await makeReconvene(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID)).ok).toBe(true);
    expect(scene.audited('request.reconvened')).toMatchObject([{ actorId: PEOPLE.psychiatryMember, reference: REFERENCE }]);
    expect(scene.effects()).toEqual([{ kind: 'meeting_needed', key: `reconvene-${REQUEST_ID}-v11` }]);
  });

  it('lets the chair find a new time after a meeting without consent', async () => {
    const scene = await appScene(requestAt('held'));
    expect((await makeReconvene(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    expect(scene.effects()).toEqual([{ kind: 'meeting_needed', key: `reconvene-${REQUEST_ID}-v11` }]);
  });

  it('refuses another participant of a case in follow-up and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('follow_up'));
    await expectDenied(scene, await makeReconvene(scene.deps)(actor(PEOPLE.healthMember), REQUEST_ID), PEOPLE.healthMember);
  });

  it('refuses a case whose meeting has not been held, without calling it an access attempt', async () => {
    const scene = await appScene(requestAt('booked'));
    await expectRefused(scene, await makeReconvene(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), 'request.illegal_transition');
    expect(scene.audit).toEqual([]);
  });

  it('calls nobody where Graph is not configured', async () => {
    const scene = await appScene(requestAt('follow_up'), { scheduling: false });
    await expectRefused(scene, await makeReconvene(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });
});
