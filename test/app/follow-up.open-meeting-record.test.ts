import { describe, expect, it } from 'vitest';
import { makeOpenMeetingRecord } from '../../src/app/follow-up/open-meeting-record.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { MEETING_STARTED, PEOPLE, REQUEST_ID, SLOTS, actor, requestAt } from '../support/app-requests.js';

describe("opening the meeting's record", () => {
  it('opens the record for the chair once the meeting has begun, and sets nothing in motion', async () => {
    const scene = await appScene(requestAt('booked'), { at: MEETING_STARTED });
    const result = await makeOpenMeetingRecord(scene.deps)(actor(PEOPLE.worker), REQUEST_ID);
    expect(result.ok && result.value.request).toEqual(requestAt('booked'));
    expect(scene.queued).toEqual([]);
  });

  it('opens it half an hour before the start, as people gather', async () => {
    const scene = await appScene(requestAt('booked'), { at: new Date(Date.parse(SLOTS[0]!.start) - 30 * 60 * 1000).toISOString() });
    expect((await makeOpenMeetingRecord(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
  });

  it('refuses a named worker, who does not chair, and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('booked'), { at: MEETING_STARTED });
    await expectDenied(scene, await makeOpenMeetingRecord(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID), PEOPLE.psychiatryMember, { at: MEETING_STARTED });
  });

  it('refuses before the meeting has begun', async () => {
    const scene = await appScene(requestAt('booked'));
    await expectRefused(scene, await makeOpenMeetingRecord(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), 'meeting.not_started');
  });

  it('refuses a meeting already recorded', async () => {
    const scene = await appScene(requestAt('follow_up'), { at: MEETING_STARTED });
    await expectRefused(scene, await makeOpenMeetingRecord(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), 'request.illegal_transition');
  });
});
