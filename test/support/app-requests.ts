import type { Actor } from '../../src/app/ports.js';
import { newRequestForm } from '../../src/app/intake/request-form.js';
import type { DescriptionDraft, RequestForm } from '../../src/domain/collaboration/description.js';
import type { MeetingOutcome, ProposedSlot } from '../../src/domain/collaboration/meeting-plan.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import type { Questionnaire } from '../../src/domain/feedback/feedback.js';
import type { Unit, UnitKind } from '../../src/domain/units/unit-directory.js';
import { directory } from './people.js';
import { EMPTY_DESCRIPTION } from './routing-fakes.js';

/**
 * The requests the use-case tests start from: the usual request at each step of its life, the
 * people in it, the instant every test runs at, and the made-up units and questions of the
 * reporting tests.
 */

/** Tuesday 24.11.2026 12:00 in Helsinki: every use-case test runs at this instant unless it says otherwise. */
export const AT = '2026-11-24T10:00:00.000Z';
/** Wednesday 9.12.2026 14:00 in Helsinki: the booked meeting is under way. */
export const MEETING_STARTED = '2026-12-09T12:00:00.000Z';

const unit = (id: string) => directory.unit(id)!;
const SENDING = unit('perhesosiaalityo');
const PSYCHIATRY = unit('lastenpsykiatria');
const HEALTH = unit('terveysasemat');

/** The people of the usual request, by their part in it; ids of the example directory. */
export const PEOPLE = {
  worker: SENDING.members[0]!,
  colleague: SENDING.members[1]!,
  supervisor: SENDING.supervisors[0]!,
  deputy: SENDING.deputies[0]!,
  psychiatryLead: PSYCHIATRY.supervisors[0]!,
  psychiatryDeputy: PSYCHIATRY.deputies[0]!,
  psychiatryMember: PSYCHIATRY.members[0]!,
  healthLead: HEALTH.supervisors[0]!,
  healthMember: HEALTH.members[1]!,
  /** A social-care supervisor of a unit the request does not involve. */
  outsiderLead: unit('lastensuojelu').supervisors[0]!,
  stranger: '00000000-0000-4000-8000-00000000dead',
} as const;

export const actor = (id: string): Actor => ({ id });

export const REQUEST_ID = 'app-request-000000001';
export const REFERENCE = 'YT-2026-0042';
export const RECEIVING_UNITS = ['lastenpsykiatria', 'terveysasemat'] as const;

/** The Yhteistyöajat of December 2026 (every other Wednesday, 12:00 Helsinki is 10:00Z in winter). */
export const SLOTS: readonly ProposedSlot[] = [
  { date: '2026-12-09', start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:45:00.000Z', caseIndexes: [0], unitId: 'perhesosiaalityo', parts: 2 },
  { date: '2026-12-09', start: '2026-12-09T10:45:00.000Z', end: '2026-12-09T11:30:00.000Z', caseIndexes: [1], unitId: 'perhesosiaalityo', parts: 2 },
  { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0], unitId: 'perhesosiaalityo', parts: 2 },
];
export const EVENT_ID = 'event-0001';

export type Stage = 'draft' | 'submitted' | 'returned' | 'routed' | 'acknowledged' | 'named' | 'proposed' | 'chosen' | 'booked' | 'follow_up' | 'held' | 'closed' | 'withdrawn';

const fact = (by: string) => ({ by, at: AT });

function outcome(consent: MeetingOutcome['consent']): MeetingOutcome {
  const given = consent === 'given';
  return {
    generation: 1,
    date: SLOTS[0]!.date,
    consent,
    recordedBy: PEOPLE.worker,
    recordedAt: MEETING_STARTED,
    attendeeIds: [PEOPLE.worker, PEOPLE.psychiatryMember, PEOPLE.healthMember],
    clientPresence: given ? 'in_person' : 'absent',
    responsibleWorkerId: given ? PEOPLE.psychiatryMember : undefined,
  };
}

/**
 * The usual request (Wilma of Perhesosiaalityö to Lastenpsykiatria and Terveysasemapalvelut) as it
 * stands after `stage`: each stage adds what its step records to the one before it.
 */
export function requestAt(stage: Stage, overrides: Partial<CollaborationRequest> = {}): CollaborationRequest {
  const draft: CollaborationRequest = {
    id: REQUEST_ID,
    version: 1,
    status: 'draft',
    ownerId: PEOPLE.worker,
    sendingUnitId: 'perhesosiaalityo',
    collaborationUnitIds: [...RECEIVING_UNITS],
    descriptionDate: '2026-11-24',
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: AT,
    updatedAt: AT,
    units: [],
  };
  const submitted: CollaborationRequest = { ...draft, version: 2, status: 'submitted', reference: REFERENCE, submittedAt: AT, consentFact: fact(PEOPLE.worker) };
  const routed: CollaborationRequest = {
    ...submitted,
    version: 3,
    status: 'routed',
    decision: { kind: 'approved', ...fact(PEOPLE.supervisor) },
    units: RECEIVING_UNITS.map((unitId) => ({ unitId, status: 'awaiting_acknowledgement' as const })),
  };
  const acknowledged: CollaborationRequest = {
    ...routed,
    version: 5,
    units: [
      { unitId: 'lastenpsykiatria', status: 'acknowledged', processingDate: '2026-12-03', acknowledged: fact(PEOPLE.psychiatryLead) },
      { unitId: 'terveysasemat', status: 'acknowledged', processingDate: '2026-12-01', acknowledged: fact(PEOPLE.healthLead) },
    ],
  };
  const named: CollaborationRequest = {
    ...acknowledged,
    version: 7,
    units: [
      { ...acknowledged.units[0]!, status: 'worker_named', namedWorkerId: PEOPLE.psychiatryMember, named: fact(PEOPLE.psychiatryLead) },
      { ...acknowledged.units[1]!, status: 'worker_named', namedWorkerId: PEOPLE.healthMember, named: fact(PEOPLE.healthLead) },
    ],
  };
  const proposed: CollaborationRequest = { ...named, version: 8, status: 'meeting_proposed', meeting: { generation: 1, proposals: SLOTS, skipped: [] } };
  const chosen: CollaborationRequest = { ...proposed, version: 9, meeting: { ...proposed.meeting!, chosen: { ...SLOTS[0]!, ...fact(PEOPLE.worker) } } };
  const booked: CollaborationRequest = {
    ...chosen,
    version: 10,
    status: 'booked',
    meeting: { ...chosen.meeting!, booked: { slot: SLOTS[0]!, eventId: EVENT_ID, joinUrl: 'https://teams.microsoft.com/l/meetup-join/app-test', bookedAt: AT } },
  };
  const followUp: CollaborationRequest = { ...booked, version: 11, status: 'follow_up', outcomes: [outcome('given')], responsibleWorkerId: PEOPLE.psychiatryMember };
  const stages: Record<Stage, CollaborationRequest> = {
    draft,
    submitted,
    returned: { ...submitted, version: 3, status: 'returned', decision: { kind: 'returned', ...fact(PEOPLE.supervisor) } },
    routed,
    acknowledged,
    named,
    proposed,
    chosen,
    booked,
    follow_up: followUp,
    held: { ...booked, version: 11, status: 'held', outcomes: [outcome('not_given')] },
    closed: { ...followUp, version: 12, status: 'closed', closed: fact(PEOPLE.psychiatryMember) },
    withdrawn: { ...routed, version: 4, status: 'withdrawn', withdrawn: fact(PEOPLE.worker) },
  };
  return { ...stages[stage], ...overrides };
}

/** A description that names nobody, as a worker would send it. */
export const DESCRIBED: DescriptionDraft = {
  ...EMPTY_DESCRIPTION,
  texts: {
    senderContact: 'Wilma Työntekijä, wilma.tyontekija@hyvinvointialue.example',
    wantedServices: 'Arvio unihäiriöistä.',
    receivedServices: 'Perhetyötä.',
    whatWorked: 'Kotikäynnit.',
    assessmentHighlights: 'Koordinoitu tuki.',
  },
};

/** A description form as the worker's card sends it, complete unless `overrides` say otherwise. */
export function completeForm(overrides: Partial<RequestForm> = {}): RequestForm {
  return {
    ...newRequestForm(directory, PEOPLE.worker, '2026-11-24'),
    collaborationUnitIds: [...RECEIVING_UNITS],
    ...DESCRIBED.texts,
    consentRecorded: true,
    needConfirmedInTeam: true,
    ...overrides,
  };
}

/** A text the same in every language, for the small directories and questionnaires a test makes up. */
export const sameInAll = (text: string) => ({ fi: text, sv: text, en: text });

/** A unit of a made-up directory, with `member` as its one member. */
export function madeUpUnit(id: string, supervisors: string[], deputies: string[] = [], kind: UnitKind = 'health_care'): Unit {
  return { id, kind, name: sameInAll(id), supervisors, deputies, members: ['member'] };
}

/** One question and the client's rating: what the reporting tests average. */
export const ONE_QUESTION: Questionnaire = { questions: [{ id: 'useful', text: sameInAll('useful') }], clientQuestion: sameInAll('client') };

/** A request `member` sent from the unit at `at`, waiting for approval: one "sent" in that month's metrics. */
export function sentFrom(unitId: string, at: string, collaborationUnitIds: readonly string[] = []): CollaborationRequest {
  return {
    id: `from-${unitId}`,
    version: 2,
    status: 'submitted',
    ownerId: 'member',
    sendingUnitId: unitId,
    collaborationUnitIds,
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    units: [],
  };
}
