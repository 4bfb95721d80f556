import { describe, expect, it } from 'vitest';
import { makeWithdrawRequest } from '../../src/app/routing/withdraw-request.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, EVENT_ID, PEOPLE, REQUEST_ID, SLOTS, actor, requestAt } from '../support/app-requests.js';

const DAY_MS = 24 * 3600 * 1000;

describe('withdrawing a request', () => {
  it('withdraws a routed request, redraws its cards and schedules the purge', async () => {
    const scene = await appScene(requestAt('routed'));
    expect((await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    expect((await scene.stored()).request).toMatchObject({ status: 'withdrawn', version: 4, withdrawn: { by: PEOPLE.worker, at: AT } });
    expect(scene.effects()).toEqual([
      { kind: 'cards_changed', key: `withdrawn-${REQUEST_ID}-v4` },
      { kind: 'purge_description', key: `purge-${REQUEST_ID}` },
    ]);
    expect(scene.queued[1]?.delayMs).toBe(30 * DAY_MS);
  });

  it('cancels the booked meeting of a withdrawn request', async () => {
    const scene = await appScene(requestAt('booked'));
    await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID);
    expect(scene.queued[0]).toMatchObject({
      effect: { kind: 'cancel_event', requestId: REQUEST_ID, eventId: EVENT_ID, date: SLOTS[0]!.date, caseIndexes: [0] },
      key: `withdrawn-${REQUEST_ID}-v11`,
    });
  });

  it('only checks on a preview: the request, its audit and its effects stay as they were', async () => {
    const scene = await appScene(requestAt('routed'));
    const checked = await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, { preview: true });
    expect(checked.ok && checked.value.request.version).toBe(3);
    expect((await scene.stored()).request).toEqual(scene.initial);
    expect(scene.queued).toEqual([]);
  });

  it('refuses a confirmation of a version older than the request as stale, and withdraws on the current one', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, { expectedVersion: 2 }), 'request.stale');
    expect(scene.queued).toEqual([]);
    expect((await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, { expectedVersion: 3 })).ok).toBe(true);
  });

  it('refuses a withdrawal by anyone but the sending worker and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectDenied(scene, await makeWithdrawRequest(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID), PEOPLE.supervisor);
  });

  it('refuses to withdraw a case whose meeting was held', async () => {
    const scene = await appScene(requestAt('follow_up'));
    await expectRefused(scene, await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });

  it('tells a second withdrawal when the first was made', async () => {
    const scene = await appScene(requestAt('withdrawn'));
    await expectRefused(scene, await makeWithdrawRequest(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), { code: 'request.already_decided', by: PEOPLE.worker, at: AT });
  });
});
