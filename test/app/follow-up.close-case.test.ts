import { describe, expect, it } from 'vitest';
import { makeCloseCase } from '../../src/app/follow-up/close-case.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

const DAY_MS = 24 * 3600 * 1000;

describe('closing a case', () => {
  it('closes a case in follow-up for its omatyöntekijä, announces it and schedules the purge', async () => {
    const scene = await appScene(requestAt('follow_up'));
    expect((await makeCloseCase(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID)).ok).toBe(true);
    expect((await scene.stored()).request).toMatchObject({ status: 'closed', closed: { by: PEOPLE.psychiatryMember, at: AT } });
    expect(scene.effects()).toEqual([
      { kind: 'case_closed', key: `closed-${REQUEST_ID}-v12` },
      { kind: 'purge_description', key: `purge-${REQUEST_ID}` },
    ]);
    expect(scene.queued[1]?.delayMs).toBe(30 * DAY_MS);
  });

  it("lets the sending unit's supervisor close it too", async () => {
    const scene = await appScene(requestAt('follow_up'));
    expect((await makeCloseCase(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID)).ok).toBe(true);
  });

  it('refuses a participant who is not the omatyöntekijä and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('follow_up'));
    await expectDenied(scene, await makeCloseCase(scene.deps)(actor(PEOPLE.healthMember), REQUEST_ID), PEOPLE.healthMember);
  });

  it('refuses to close a case whose meeting has not been held', async () => {
    const scene = await appScene(requestAt('booked'));
    await expectRefused(scene, await makeCloseCase(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });

  it('tells a second closing who closed the case', async () => {
    const scene = await appScene(requestAt('closed'));
    await expectRefused(scene, await makeCloseCase(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), { code: 'request.already_decided', by: PEOPLE.psychiatryMember, at: AT });
  });
});
