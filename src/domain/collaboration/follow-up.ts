import { err, ok, type Result } from '../result.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import type { DecisionError, OutcomeProblem } from './errors.js';
import type { ClientPresence, MeetingOutcome } from './meeting-plan.js';
import type { CollaborationRequest } from './request.js';

/**
 * What the chair states on the meeting-day card. Nothing is assumed: consent, attendance and how
 * the client took part are facts the chair gives, so each may still be missing here.
 */
export interface OutcomeInput {
  readonly consent?: 'given' | 'not_given' | undefined;
  readonly attendeeIds: readonly string[];
  readonly clientPresence?: ClientPresence | undefined;
  readonly responsibleWorkerId?: string | undefined;
  readonly nextMeetingDate?: string | undefined;
  readonly consentValidUntil?: string | undefined;
}

/** The chair may record the meeting from this long before its start (people gather early). */
const EARLY_MS = 30 * 60 * 1000;

/** The chair and the workers the units named: the people of the meeting. */
export function participantsOf(request: CollaborationRequest): string[] {
  return [...new Set([request.ownerId, ...request.units.flatMap((u) => (u.namedWorkerId ? [u.namedWorkerId] : []))])];
}

/**
 * Who may become omatyöntekijä: a worker of the sending unit, or the worker a receiving unit
 * named, when that unit's client relationship serves the client best.
 */
export function responsibleWorkerChoices(directory: UnitDirectory, request: CollaborationRequest): string[] {
  const sending = directory.unit(request.sendingUnitId ?? '');
  return [...new Set([request.ownerId, ...(sending?.members ?? []), ...request.units.flatMap((u) => (u.namedWorkerId ? [u.namedWorkerId] : []))])];
}

/** The meeting may be recorded once it has begun, and only for the booked meeting. */
export function meetingHasBegun(request: CollaborationRequest, now: Date): boolean {
  const start = request.meeting?.booked?.slot.start;
  return request.status === 'booked' && start !== undefined && now.getTime() >= Date.parse(start) - EARLY_MS;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What keeps the record from being taken as it stands, field by field. The case is handled
 * (consent given) only with the client present, in person or remotely, and the sending worker
 * present, as the team's instructions require.
 */
export function outcomeProblems(directory: UnitDirectory, request: CollaborationRequest, input: OutcomeInput, meetingDate: string): OutcomeProblem[] {
  const problems: OutcomeProblem[] = [];
  if (!input.consent) problems.push({ field: 'consent', code: 'required' });
  if (input.attendeeIds.length === 0) problems.push({ field: 'attendeeIds', code: 'required' });
  if (!input.clientPresence) problems.push({ field: 'clientPresence', code: 'required' });
  if (input.consent === 'given') {
    if (input.clientPresence === 'absent') problems.push({ field: 'clientPresence', code: 'handled_needs_client' });
    if (input.attendeeIds.length > 0 && !input.attendeeIds.includes(request.ownerId)) problems.push({ field: 'attendeeIds', code: 'handled_needs_sender' });
    if (!input.responsibleWorkerId) problems.push({ field: 'responsibleWorkerId', code: 'required' });
    else if (!responsibleWorkerChoices(directory, request).includes(input.responsibleWorkerId)) problems.push({ field: 'responsibleWorkerId', code: 'not_eligible' });
  }
  for (const field of ['nextMeetingDate', 'consentValidUntil'] as const) {
    const date = input[field];
    if (date !== undefined && (!isoDate.test(date) || date < meetingDate)) problems.push({ field, code: 'before_meeting' });
  }
  return problems;
}

/**
 * The chair records the meeting. Consent given: the case was handled and moves to follow-up with
 * its omatyöntekijä. Not given: the case was not handled; the chair finds a new time or closes it.
 */
export function recordOutcome(
  directory: UnitDirectory,
  request: CollaborationRequest,
  input: OutcomeInput,
  by: string,
  now: Date,
): Result<CollaborationRequest, DecisionError> {
  const booked = request.meeting?.booked;
  const last = request.outcomes?.at(-1);
  if (last && last.generation === request.meeting?.generation) return err({ code: 'request.already_decided', by: last.recordedBy, at: last.recordedAt });
  if (!booked || !meetingHasBegun(request, now)) return err({ code: 'request.illegal_transition' });
  const participants = participantsOf(request);
  if (input.attendeeIds.some((id) => !participants.includes(id))) return err({ code: 'request.worker_not_in_unit' });
  const problems = outcomeProblems(directory, request, input, booked.slot.date);
  if (problems.length > 0 || !input.consent || !input.clientPresence) return err({ code: 'request.outcome_incomplete', problems });
  const at = now.toISOString();
  const given = input.consent === 'given';
  const outcome: MeetingOutcome = {
    generation: request.meeting!.generation,
    date: booked.slot.date,
    consent: input.consent,
    recordedBy: by,
    recordedAt: at,
    attendeeIds: [...new Set(input.attendeeIds)],
    clientPresence: input.clientPresence,
    responsibleWorkerId: given ? input.responsibleWorkerId : undefined,
    nextMeetingDate: given ? input.nextMeetingDate : undefined,
    consentValidUntil: given ? (input.consentValidUntil ?? input.nextMeetingDate) : undefined,
  };
  return ok({
    ...request,
    status: given ? 'follow_up' : 'held',
    updatedAt: at,
    outcomes: [...(request.outcomes ?? []), outcome],
    responsibleWorkerId: given ? input.responsibleWorkerId : request.responsibleWorkerId,
  });
}

/** The omatyöntekijä or the sending unit's supervisor closes a case that has met. */
export function closeCase(request: CollaborationRequest, by: string, at: string): Result<CollaborationRequest, DecisionError> {
  if (request.closed) return err({ code: 'request.already_decided', by: request.closed.by, at: request.closed.at });
  if (request.status !== 'held' && request.status !== 'follow_up') return err({ code: 'request.illegal_transition' });
  return ok({ ...request, status: 'closed', updatedAt: at, closed: { by, at } });
}

/** After the retention period the description goes; the request's dates and facts stay for the metrics. */
export function markPurged(request: CollaborationRequest, at: string): Result<CollaborationRequest, DecisionError> {
  if ((request.status !== 'closed' && request.status !== 'withdrawn') || request.purgedAt) return err({ code: 'request.illegal_transition' });
  return ok({ ...request, updatedAt: at, purgedAt: at });
}

/** The meeting of this round, if the case was handled there (consent given): only then is feedback asked. */
export function handledOutcome(request: CollaborationRequest, generation: number): MeetingOutcome | undefined {
  const outcome = request.outcomes?.find((o) => o.generation === generation);
  return outcome?.consent === 'given' ? outcome : undefined;
}

/** Who is asked for feedback: the workers the chair marked present (the chair among them). */
export function feedbackAskedOf(outcome: MeetingOutcome): string[] {
  return [...new Set([outcome.recordedBy, ...outcome.attendeeIds])];
}
