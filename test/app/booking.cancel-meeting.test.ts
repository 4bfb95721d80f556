import { describe, expect, it } from 'vitest';
import { makeCancelMeeting } from '../../src/app/booking/cancel-meeting.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { EVENT_ID, PEOPLE, REQUEST_ID, SLOTS, actor, requestAt } from '../support/app-requests.js';

describe('cancelling the booked meeting', () => {
  it('puts the request back to wait for a time and queues the cancellation of the event', async () => {
    const scene = await appScene(requestAt('booked'));
    expect((await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    const { request } = await scene.stored();
    expect(request.status).toBe('routed');
    expect(request.meeting).toEqual({ generation: 1, proposals: [], skipped: [] });
    expect(scene.queued.map((q) => q.effect)).toEqual([{ kind: 'cancel_event', requestId: REQUEST_ID, eventId: EVENT_ID, date: SLOTS[0]!.date, caseIndexes: [0], unitId: 'perhesosiaalityo' }]);
    expect(scene.effects()).toEqual([{ kind: 'cancel_event', key: `cancel-${REQUEST_ID}-v11` }]);
  });

  it('cancels a booked meeting that was being moved', async () => {
    const booked = requestAt('booked');
    const scene = await appScene({ ...booked, status: 'meeting_proposed', meeting: { ...booked.meeting!, generation: 2, chosen: undefined } });
    expect((await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    expect(scene.queued[0]?.effect).toMatchObject({ kind: 'cancel_event', eventId: EVENT_ID });
  });

  it('refuses a named worker, who does not chair, and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('booked'));
    await expectDenied(scene, await makeCancelMeeting(scene.deps)(actor(PEOPLE.healthMember), REQUEST_ID), PEOPLE.healthMember);
  });

  it('refuses to cancel a meeting that was never booked', async () => {
    const scene = await appScene(requestAt('proposed'));
    await expectRefused(scene, await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });
});
