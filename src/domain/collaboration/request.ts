import { err, ok, type Result } from '../result.js';
import type { RequestError } from './errors.js';
import type { MeetingOutcome, MeetingPlan } from './meeting-plan.js';

/**
 * The whole life of a collaboration request (yhteistyöpyyntö). Later steps (approval,
 * routing, booking, follow-up) extend the transitions here instead of reshaping the model.
 */
export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'routed',
  'meeting_proposed',
  'booked',
  'held',
  'follow_up',
  'closed',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  draft: ['submitted'],
  submitted: ['approved', 'returned', 'withdrawn'],
  returned: ['submitted', 'withdrawn'],
  approved: ['routed', 'withdrawn'],
  routed: ['meeting_proposed', 'withdrawn'],
  meeting_proposed: ['booked', 'routed', 'withdrawn'],
  booked: ['held', 'follow_up', 'meeting_proposed', 'routed', 'withdrawn'],
  held: ['meeting_proposed', 'closed'],
  follow_up: ['meeting_proposed', 'closed'],
  closed: [],
  withdrawn: [],
};

export const EDITABLE_STATUSES: readonly RequestStatus[] = ['draft', 'returned'];

/** Per receiving unit: binding, so there is no "declined". */
export type UnitHandlingStatus = 'awaiting_acknowledgement' | 'acknowledged' | 'worker_named';

/** Consents, decisions and acknowledgements are facts: who and when, never content. */
export interface RecordedFact {
  readonly by: string;
  readonly at: string;
}

export interface UnitHandling {
  readonly unitId: string;
  readonly status: UnitHandlingStatus;
  /** The receiving unit's team meeting where the request is handled, yyyy-MM-dd. */
  readonly processingDate?: string | undefined;
  readonly acknowledged?: RecordedFact | undefined;
  readonly namedWorkerId?: string | undefined;
  readonly named?: RecordedFact | undefined;
  /** The unit's lead thinks another unit suits better; the sending supervisor decides. */
  readonly proposal?: (RecordedFact & { readonly unitId: string }) | undefined;
  readonly proposalRejected?: RecordedFact | undefined;
  /** The last time the unit's named worker was replaced: who was, and why. */
  readonly workerReplaced?: (RecordedFact & { readonly previousWorkerId: string; readonly reason: WorkerReplaceReason }) | undefined;
  /** The last move of the processing date: from which date, and why. */
  readonly processingDateMoved?: (RecordedFact & { readonly from: string; readonly reason: ProcessingMoveReason }) | undefined;
}

/** Why a receiving unit moves its processing date: a short list, so no free text carries a client's matter. */
export const PROCESSING_MOVE_REASONS = ['team_meeting_moved', 'workload', 'absence', 'more_information'] as const;
export type ProcessingMoveReason = (typeof PROCESSING_MOVE_REASONS)[number];

/** Why a receiving lead replaces the unit's named worker: the short list. */
export const WORKER_REPLACE_REASONS = ['left_unit', 'long_absence', 'better_fit'] as const;
export type WorkerReplaceReason = (typeof WORKER_REPLACE_REASONS)[number];

/** The sending supervisor's decision on the current submission. */
export interface SupervisorDecision extends RecordedFact {
  readonly kind: 'approved' | 'returned';
}

/**
 * The non-secret part of a request. The client description travels beside it as
 * {@link import('./description.js').DescriptionDraft} and is kept encrypted at rest.
 */
export interface CollaborationRequest {
  readonly id: string;
  /** Increases with every stored change; a write must name the version it read. */
  readonly version: number;
  readonly status: RequestStatus;
  readonly reference?: string | undefined;
  readonly ownerId: string;
  readonly sendingUnitId?: string | undefined;
  readonly collaborationUnitIds: readonly string[];
  readonly descriptionDate?: string | undefined;
  readonly consentRecorded: boolean;
  readonly needConfirmedInTeam: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt?: string | undefined;
  readonly consentFact?: RecordedFact | undefined;
  readonly decision?: SupervisorDecision | undefined;
  readonly withdrawn?: RecordedFact | undefined;
  readonly units: readonly UnitHandling[];
  readonly meeting?: MeetingPlan | undefined;
  /** Every meeting held for the request, oldest first; re-convening adds one. */
  readonly outcomes?: readonly MeetingOutcome[] | undefined;
  /** The omatyöntekijä named at the last meeting that handled the case. */
  readonly responsibleWorkerId?: string | undefined;
  /** The last hand-over of the chair: who chaired before, and who handed it over. */
  readonly chairHandedOver?: (RecordedFact & { readonly previousOwnerId: string }) | undefined;
  readonly closed?: RecordedFact | undefined;
  /** When the description was deleted after the retention period. */
  readonly purgedAt?: string | undefined;
}

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function moveTo(
  request: CollaborationRequest,
  to: RequestStatus,
  at: string,
): Result<CollaborationRequest, RequestError> {
  if (!canTransition(request.status, to)) {
    const code = request.status === 'submitted' && to === 'submitted' ? 'request.already_submitted' : 'request.illegal_transition';
    return err({ code });
  }
  return ok({ ...request, status: to, updatedAt: at });
}

/** Closed or withdrawn: nothing more can happen to the request, so it waits for nobody. */
export function isFinished(request: Pick<CollaborationRequest, 'status'>): boolean {
  return TRANSITIONS[request.status].length === 0;
}

export function isEditable(request: CollaborationRequest): boolean {
  return EDITABLE_STATUSES.includes(request.status);
}

/** References read YT-YYYY-NNNN; the counter is per year and never reused. */
export function formatReference(year: number, sequence: number): string {
  return `YT-${year}-${String(sequence).padStart(4, '0')}`;
}

/** A reference as people type it ("yt-2026-1", in any case, padded or not) in its one written form, or undefined. */
export function parseReference(text: string): string | undefined {
  const match = /^YT-(\d{4})-(\d{1,6})$/i.exec(text.trim());
  return match ? formatReference(Number(match[1]), Number(match[2])) : undefined;
}
