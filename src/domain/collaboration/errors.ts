/**
 * Expected failures of the collaboration workflow. Each code doubles as the key of its
 * localized message in the catalogs (`errors.<code>`), so the edge maps them without a table.
 */
export type RequestErrorCode =
  | 'request.not_found'
  | 'request.not_owner'
  | 'request.not_editable'
  | 'request.already_submitted'
  | 'request.already_decided'
  | 'request.changed_elsewhere'
  | 'request.illegal_transition'
  | 'request.invalid'
  | 'request.identifiers_found'
  | 'request.names_unconfirmed'
  | 'request.unknown_worker'
  | 'request.not_permitted'
  | 'request.unit_not_involved'
  | 'request.invalid_date'
  | 'request.worker_not_in_unit'
  | 'request.unit_already_involved';

export interface RequestError {
  readonly code: RequestErrorCode;
}


/** A step someone else already took: the loser of a race is told who and when. */
export interface AlreadyDecided {
  readonly code: 'request.already_decided';
  readonly by: string;
  readonly at: string;
}

/** What the chair must still state, or stated in a way that cannot be, on the meeting's record. */
export type OutcomeField = 'consent' | 'attendeeIds' | 'clientPresence' | 'responsibleWorkerId' | 'nextMeetingDate' | 'consentValidUntil';
export type OutcomeProblemCode = 'required' | 'handled_needs_client' | 'handled_needs_sender' | 'before_meeting' | 'not_eligible';
export interface OutcomeProblem {
  readonly field: OutcomeField;
  readonly code: OutcomeProblemCode;
}

export type DecisionError =
  | AlreadyDecided
  | { readonly code: 'request.illegal_transition' }
  | { readonly code: 'request.unit_not_involved' }
  | { readonly code: 'request.invalid_date' }
  | { readonly code: 'request.date_unchanged' }
  | { readonly code: 'request.move_reason_required' }
  | { readonly code: 'request.replace_reason_required' }
  | { readonly code: 'request.same_worker' }
  | { readonly code: 'request.not_in_sending_unit' }
  | { readonly code: 'request.worker_not_in_unit' }
  | { readonly code: 'request.unit_already_involved' }
  | { readonly code: 'request.responsible_worker_required' }
  | { readonly code: 'request.outcome_incomplete'; readonly problems: readonly OutcomeProblem[] }
  | { readonly code: 'request.proposals_changed' };
