import { describe, expect, it } from 'vitest';
import { makeChooseMeetingSlot } from '../../src/app/booking/choose-meeting-slot.js';
import { appScene, refusal, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, SLOTS, actor, requestAt } from '../support/app-requests.js';

describe('choosing a proposed meeting time', () => {
  it('holds the chosen part of the Yhteistyöaika and queues the booking', async () => {
    const scene = await appScene(requestAt('proposed'));
    expect((await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, 1)).ok).toBe(true);
    expect((await scene.stored()).request.meeting?.chosen).toEqual({ ...SLOTS[1], by: PEOPLE.worker, at: AT });
    expect(scene.reservations.holder(SLOTS[1]!.date, 1)).toBe(REQUEST_ID);
    expect(scene.effects()).toEqual([{ kind: 'book', key: `book-${REQUEST_ID}-v9` }]);
    expect(scene.audited('request.slot_chosen')).toMatchObject([{ actorId: PEOPLE.worker, status: 'meeting_proposed' }]);
  });

  it('refuses a named worker, who does not chair, and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('proposed'));
    await expectDenied(scene, await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID, 0), PEOPLE.psychiatryMember);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
    expect(scene.queued).toEqual([]);
  });

  it('tells a second choice when the first was made', async () => {
    const scene = await appScene(requestAt('chosen'));
    await expectRefused(scene, await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, 2), { code: 'request.already_decided', by: PEOPLE.worker, at: AT });
    expect(scene.queued).toEqual([]);
  });

  it('refuses a time that was not proposed, and a choice before any proposal', async () => {
    const proposed = await appScene(requestAt('proposed'));
    expect(await makeChooseMeetingSlot(proposed.deps)(actor(PEOPLE.worker), REQUEST_ID, 3)).toEqual(refusal('request.illegal_transition'));
    const named = await appScene(requestAt('named'));
    expect(await makeChooseMeetingSlot(named.deps)(actor(PEOPLE.worker), REQUEST_ID, 0)).toEqual(refusal('request.illegal_transition'));
  });

  it('refuses a part another case took meanwhile, and keeps the request unchosen', async () => {
    const scene = await appScene(requestAt('proposed'));
    await scene.reservations.hold(SLOTS[0]!.date, [0], 'another-request');
    await expectRefused(scene, await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, 0), 'request.slot_taken');
    expect((await scene.stored()).request.meeting?.chosen).toBeUndefined();
    expect(scene.queued).toEqual([]);
  });

  it('books nothing where Graph is not configured', async () => {
    const scene = await appScene(requestAt('proposed'), { scheduling: false });
    await expectRefused(scene, await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, 0), 'request.illegal_transition');
  });
});
