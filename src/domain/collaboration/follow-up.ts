import { err, ok, type Result } from '../result.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import type { DecisionError } from './errors.js';
import type { ClientPresence, MeetingOutcome } from './meeting-plan.js';
import type { CollaborationRequest } from './request.js';

export interface OutcomeInput {
  readonly consent: 'given' | 'not_given';
  readonly attendeeIds: readonly string[];
  readonly clientPresence: ClientPresence;
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
  for (const date of [input.nextMeetingDate, input.consentValidUntil]) {
    if (date !== undefined && (!isoDate.test(date) || date < booked.slot.date)) return err({ code: 'request.invalid_date' });
  }
  const at = now.toISOString();
  const given = input.consent === 'given';
  if (given && (!input.responsibleWorkerId || !responsibleWorkerChoices(directory, request).includes(input.responsibleWorkerId))) {
    return err({ code: 'request.responsible_worker_required' });
  }
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
