import { describe, expect, it } from 'vitest';
import { makeRecordOutcome } from '../../src/app/follow-up/record-outcome.js';
import type { OutcomeInput } from '../../src/domain/collaboration/follow-up.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { MEETING_STARTED, PEOPLE, REQUEST_ID, SLOTS, actor, requestAt } from '../support/app-requests.js';

const given: OutcomeInput = {
  consent: 'given',
  attendeeIds: [PEOPLE.worker, PEOPLE.psychiatryMember],
  clientPresence: 'remote',
  responsibleWorkerId: PEOPLE.psychiatryMember,
  nextMeetingDate: '2027-01-13',
};

async function record(input: OutcomeInput, by: string = PEOPLE.worker, stage: 'booked' | 'follow_up' = 'booked', at = MEETING_STARTED) {
  const scene = await appScene(requestAt(stage), { at });
  return { scene, result: await makeRecordOutcome(scene.deps)(actor(by), REQUEST_ID, input) };
}

describe("recording the meeting's outcome", () => {
  it('moves a handled case to follow-up with its omatyöntekijä, queues the outcome and asks feedback at 15:00', async () => {
    const { scene, result } = await record(given);
    expect(result.ok).toBe(true);
    const { request } = await scene.stored();
    expect(request).toMatchObject({ status: 'follow_up', responsibleWorkerId: PEOPLE.psychiatryMember });
    expect(request.outcomes).toEqual([
      {
        generation: 1,
        date: SLOTS[0]!.date,
        consent: 'given',
        recordedBy: PEOPLE.worker,
        recordedAt: MEETING_STARTED,
        attendeeIds: given.attendeeIds,
        clientPresence: 'remote',
        responsibleWorkerId: PEOPLE.psychiatryMember,
        nextMeetingDate: '2027-01-13',
        consentValidUntil: '2027-01-13',
      },
    ]);
    expect(scene.effects()).toEqual([
      { kind: 'outcome_recorded', key: `outcome-${REQUEST_ID}-v11` },
      { kind: 'feedback_request', key: `feedback-${REQUEST_ID}-g1` },
    ]);
    // 9.12. 15:00 in Helsinki is 13:00Z, an hour after the record.
    expect(scene.queued[1]?.delayMs).toBe(3600 * 1000);
  });

  it('keeps a case without consent as held, with no omatyöntekijä and no feedback', async () => {
    const { scene } = await record({ consent: 'not_given', attendeeIds: [PEOPLE.worker], clientPresence: 'absent', responsibleWorkerId: PEOPLE.psychiatryMember });
    const { request } = await scene.stored();
    expect(request.status).toBe('held');
    expect(request.responsibleWorkerId).toBeUndefined();
    expect(scene.effects().map((e) => e.kind)).toEqual(['outcome_recorded']);
  });

  it('refuses a named worker, who does not chair, and audit-logs the attempt', async () => {
    const { scene, result } = await record(given, PEOPLE.psychiatryMember);
    await expectDenied(scene, result, PEOPLE.psychiatryMember, { at: MEETING_STARTED });
  });

  it('refuses a record before the meeting has begun', async () => {
    const { scene, result } = await record(given, PEOPLE.worker, 'booked', SLOTS[0]!.date + 'T08:00:00.000Z');
    await expectRefused(scene, result, 'meeting.not_started');
    expect((await scene.stored()).request.status).toBe('booked');
  });

  it('tells a second record who recorded the meeting first', async () => {
    const { result } = await record(given, PEOPLE.worker, 'follow_up');
    expect(result).toEqual({ ok: false, error: { code: 'request.already_decided', by: PEOPLE.worker, at: MEETING_STARTED } });
  });

  it('refuses a handled case without an omatyöntekijä, and an attendee who was not in the meeting', async () => {
    for (const [input, code] of [
      [{ ...given, responsibleWorkerId: undefined }, { code: 'request.outcome_incomplete', problems: [{ field: 'responsibleWorkerId', code: 'required' }] }],
      [{ ...given, attendeeIds: [PEOPLE.worker, PEOPLE.supervisor] }, 'request.worker_not_in_unit'],
    ] as const) {
      const { scene, result } = await record(input);
      await expectRefused(scene, result, code);
    }
  });
});
