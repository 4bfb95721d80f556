import { describe, expect, it } from 'vitest';
import { closeCase, markPurged, recordOutcome, responsibleWorkerChoices, type OutcomeInput } from '../../src/domain/collaboration/follow-up.js';
import { mayReconvene } from '../../src/domain/privacy/access-policy.js';
import { proposeMeeting } from '../../src/domain/collaboration/meeting.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { directory } from '../support/people.js';

const AT = '2026-11-24T10:00:00.000Z';
const WILMA = '00000000-0000-4000-8000-000000000101';
const SENDING_MEMBER = directory.unit('perhesosiaalityo')!.members.find((id) => id !== WILMA)!;
const NAMED = directory.unit('terveysasemat')!.members[0]!;
const slot = { date: '2026-12-09', start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:45:00.000Z', caseIndexes: [0] };
const booked: CollaborationRequest = {
  id: 'r1',
  version: 9,
  status: 'booked',
  reference: 'YT-2026-0001',
  ownerId: WILMA,
  sendingUnitId: 'perhesosiaalityo',
  collaborationUnitIds: ['terveysasemat'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  units: [{ unitId: 'terveysasemat', status: 'worker_named', namedWorkerId: NAMED, named: { by: 'lead', at: AT } }],
  meeting: { generation: 1, proposals: [slot], skipped: [], booked: { slot, eventId: 'e1', joinUrl: 'https://teams.microsoft.com/l/x', bookedAt: AT } },
};
const given: OutcomeInput = { consent: 'given', attendeeIds: [WILMA, NAMED], clientPresence: 'in_person', responsibleWorkerId: NAMED, nextMeetingDate: '2027-01-20' };
const atStart = new Date(slot.start);

describe('the meeting day', () => {
  it('cannot be recorded before the meeting is about to begin', () => {
    expect(recordOutcome(directory, booked, given, WILMA, new Date('2026-12-09T09:00:00Z'))).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
    expect(recordOutcome(directory, booked, given, WILMA, new Date('2026-12-09T09:45:00Z')).ok).toBe(true);
  });

  it('moves a handled case to follow-up with its omatyöntekijä, and consent lasts until the next meeting by default', () => {
    const recorded = recordOutcome(directory, booked, given, WILMA, atStart);
    if (!recorded.ok) throw new Error(recorded.error.code);
    expect(recorded.value.status).toBe('follow_up');
    expect(recorded.value.responsibleWorkerId).toBe(NAMED);
    expect(recorded.value.outcomes?.[0]).toMatchObject({ consent: 'given', recordedBy: WILMA, recordedAt: slot.start, consentValidUntil: '2027-01-20', date: '2026-12-09' });
  });

  it('leaves a case without consent unhandled, with no omatyöntekijä', () => {
    const recorded = recordOutcome(directory, booked, { ...given, consent: 'not_given' }, WILMA, atStart);
    expect(recorded.ok && recorded.value.status).toBe('held');
    expect(recorded.ok && recorded.value.responsibleWorkerId).toBeUndefined();
    expect(recorded.ok && recorded.value.outcomes?.[0]?.nextMeetingDate).toBeUndefined();
  });

  it('wants an omatyöntekijä from the sending unit or a named worker', () => {
    expect(recordOutcome(directory, booked, { ...given, responsibleWorkerId: undefined }, WILMA, atStart)).toEqual({
      ok: false,
      error: { code: 'request.outcome_incomplete', problems: [{ field: 'responsibleWorkerId', code: 'required' }] },
    });
    const outsider = directory.unit('lastenpsykiatria')!.members[0]!;
    expect(recordOutcome(directory, booked, { ...given, responsibleWorkerId: outsider }, WILMA, atStart).ok).toBe(false);
    expect(responsibleWorkerChoices(directory, booked)).toEqual(expect.arrayContaining([WILMA, SENDING_MEMBER, NAMED]));
    expect(recordOutcome(directory, booked, { ...given, responsibleWorkerId: SENDING_MEMBER }, WILMA, atStart).ok).toBe(true);
  });

  it('refuses attendees who are not participants and dates before the meeting', () => {
    expect(recordOutcome(directory, booked, { ...given, attendeeIds: ['someone'] }, WILMA, atStart).ok).toBe(false);
    expect(recordOutcome(directory, booked, { ...given, nextMeetingDate: '2026-12-01' }, WILMA, atStart)).toEqual({
      ok: false,
      error: { code: 'request.outcome_incomplete', problems: [{ field: 'nextMeetingDate', code: 'before_meeting' }] },
    });
  });

  it('assumes no fact the chair did not state: consent, attendance and how the client took part are each asked for', () => {
    const stated = recordOutcome(directory, booked, { attendeeIds: [] }, WILMA, atStart);
    expect(stated).toEqual({
      ok: false,
      error: {
        code: 'request.outcome_incomplete',
        problems: [
          { field: 'consent', code: 'required' },
          { field: 'attendeeIds', code: 'required' },
          { field: 'clientPresence', code: 'required' },
        ],
      },
    });
  });

  it('handles a case only with the client present, in person or remotely, and the sending worker present', () => {
    const problemsOf = (input: OutcomeInput) => {
      const recorded = recordOutcome(directory, booked, input, WILMA, atStart);
      return !recorded.ok && recorded.error.code === 'request.outcome_incomplete' ? recorded.error.problems : [];
    };
    expect(problemsOf({ ...given, clientPresence: 'absent' })).toEqual([{ field: 'clientPresence', code: 'handled_needs_client' }]);
    expect(problemsOf({ ...given, attendeeIds: [NAMED] })).toEqual([{ field: 'attendeeIds', code: 'handled_needs_sender' }]);
    expect(recordOutcome(directory, booked, { ...given, clientPresence: 'remote' }, WILMA, atStart).ok).toBe(true);
    // Without consent the case was not handled: the client may have stayed away.
    expect(recordOutcome(directory, booked, { consent: 'not_given', attendeeIds: [NAMED], clientPresence: 'absent' }, WILMA, atStart).ok).toBe(true);
  });

  it('records a meeting once and names who recorded it to a second attempt', () => {
    const recorded = recordOutcome(directory, booked, given, WILMA, atStart);
    if (!recorded.ok) throw new Error('setup');
    expect(recordOutcome(directory, { ...recorded.value, status: 'booked' }, given, WILMA, atStart)).toEqual({
      ok: false,
      error: { code: 'request.already_decided', by: WILMA, at: slot.start },
    });
  });
});

describe('re-convening, closing and purging', () => {
  const followUp = recordOutcome(directory, booked, given, WILMA, atStart);
  if (!followUp.ok) throw new Error('setup');
  const request = followUp.value;

  it('lets the omatyöntekijä re-convene a handled case, and the chair one without consent', () => {
    expect(mayReconvene(request, NAMED)).toBe(true);
    expect(mayReconvene(request, WILMA)).toBe(false);
    const held = recordOutcome(directory, booked, { ...given, consent: 'not_given' }, WILMA, atStart);
    expect(held.ok && mayReconvene(held.value, WILMA)).toBe(true);
  });

  it('starts a new meeting generation without the last meeting’s event', () => {
    const next = proposeMeeting(request, [{ ...slot, date: '2027-01-20' }], [], AT);
    expect(next.ok && next.value.status).toBe('meeting_proposed');
    expect(next.ok && next.value.meeting).toMatchObject({ generation: 2, booked: undefined });
  });

  it('closes once, and only a case that has met', () => {
    expect(closeCase(booked, NAMED, AT)).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
    const closed = closeCase(request, NAMED, AT);
    if (!closed.ok) throw new Error('setup');
    expect(closed.value).toMatchObject({ status: 'closed', closed: { by: NAMED, at: AT } });
    expect(closeCase(closed.value, WILMA, AT)).toEqual({ ok: false, error: { code: 'request.already_decided', by: NAMED, at: AT } });
  });

  it('purges only closed or withdrawn requests, once', () => {
    expect(markPurged(request, AT).ok).toBe(false);
    const closed = closeCase(request, NAMED, AT);
    if (!closed.ok) throw new Error('setup');
    const purged = markPurged(closed.value, AT);
    expect(purged.ok && purged.value.purgedAt).toBe(AT);
    expect(purged.ok && markPurged(purged.value, AT).ok).toBe(false);
    expect(markPurged({ ...booked, status: 'withdrawn' }, AT).ok).toBe(true);
  });
});
