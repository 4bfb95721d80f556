import { z } from 'zod';
import { FREE_TEXT_FIELDS, type DescriptionDraft } from '../../domain/collaboration/description.js';
import { CLIENT_PRESENCE, type BookedMeeting, type MeetingOutcome, type MeetingPlan, type ProposedSlot, type SkippedOccurrence } from '../../domain/collaboration/meeting-plan.js';
import { PROCESSING_MOVE_REASONS, REQUEST_STATUSES, WORKER_REPLACE_REASONS, type CollaborationRequest, type RecordedFact, type SupervisorDecision, type UnitHandling } from '../../domain/collaboration/request.js';
import { objectOf, oneOf } from './stored-record.js';

const strings = z.array(z.string());

const fact = objectOf<RecordedFact>({ by: z.string(), at: z.string() });

const unitHandling = objectOf<UnitHandling>({
  unitId: z.string(),
  status: oneOf<UnitHandling['status']>({ awaiting_acknowledgement: true, acknowledged: true, worker_named: true }),
  processingDate: z.string().optional(),
  acknowledged: fact.optional(),
  namedWorkerId: z.string().optional(),
  named: fact.optional(),
  proposal: fact.extend({ unitId: z.string() }).optional(),
  proposalRejected: fact.optional(),
  workerReplaced: fact.extend({ previousWorkerId: z.string(), reason: z.enum(WORKER_REPLACE_REASONS) }).optional(),
  processingDateMoved: fact.extend({ from: z.string(), reason: z.enum(PROCESSING_MOVE_REASONS) }).optional(),
});

const slot = objectOf<ProposedSlot>({
  date: z.string(),
  start: z.string(),
  end: z.string(),
  caseIndexes: z.array(z.number().int()),
  unitId: z.string().optional(),
  parts: z.number().int().optional(),
});

const skipped = objectOf<SkippedOccurrence>({
  date: z.string(),
  kind: oneOf<SkippedOccurrence['kind']>({ holiday: true, blackout: true, full: true, busy: true }),
  holiday: z.string().optional(),
  busyPeople: strings.optional(),
});

const booked = objectOf<BookedMeeting>({ slot, eventId: z.string(), joinUrl: z.string(), bookedAt: z.string(), organizer: z.string().optional() });

const meeting = objectOf<MeetingPlan>({
  generation: z.number().int(),
  round: z.string().optional(),
  wholeSlot: z.boolean().optional(),
  proposals: z.array(slot),
  skipped: z.array(skipped),
  chosen: slot.extend({ by: z.string(), at: z.string() }).optional(),
  booked: booked.optional(),
  declined: strings.optional(),
});

const outcome = objectOf<MeetingOutcome>({
  generation: z.number().int(),
  date: z.string(),
  consent: oneOf<MeetingOutcome['consent']>({ given: true, not_given: true }),
  recordedBy: z.string(),
  recordedAt: z.string(),
  attendeeIds: strings,
  clientPresence: z.enum(CLIENT_PRESENCE),
  responsibleWorkerId: z.string().optional(),
  nextMeetingDate: z.string().optional(),
  consentValidUntil: z.string().optional(),
});

const decision = objectOf<SupervisorDecision>({ by: z.string(), at: z.string(), kind: oneOf<SupervisorDecision['kind']>({ approved: true, returned: true }) });

/** A request's metadata, the clear part of its record. */
export const requestSchema = objectOf<CollaborationRequest>({
  id: z.string(),
  version: z.number().int().positive(),
  status: z.enum(REQUEST_STATUSES),
  reference: z.string().optional(),
  ownerId: z.string(),
  sendingUnitId: z.string().optional(),
  collaborationUnitIds: strings,
  descriptionDate: z.string().optional(),
  consentRecorded: z.boolean(),
  needConfirmedInTeam: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().optional(),
  consentFact: fact.optional(),
  decision: decision.optional(),
  withdrawn: fact.optional(),
  units: z.array(unitHandling),
  meeting: meeting.optional(),
  outcomes: z.array(outcome).optional(),
  responsibleWorkerId: z.string().optional(),
  chairHandedOver: fact.extend({ previousOwnerId: z.string() }).optional(),
  closed: fact.optional(),
  purgedAt: z.string().optional(),
});

/** A request's description, as it reads once decrypted. */
export const descriptionSchema = objectOf<DescriptionDraft>({
  texts: z.record(z.enum(FREE_TEXT_FIELDS), z.string()),
  confirmedNameHints: strings,
  pendingNameHints: strings,
  returnComment: z.string().optional(),
  proposalReasons: z.record(z.string(), z.string()).optional(),
});
