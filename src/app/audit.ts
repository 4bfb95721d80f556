export type AuditAction =
  | 'request.created'
  | 'request.updated'
  | 'request.read'
  | 'request.submitted'
  | 'request.deleted'
  | 'request.access_denied'
  | 'request.approved'
  | 'request.returned'
  | 'request.withdrawn'
  | 'request.routed'
  | 'request.acknowledged'
  | 'request.processing_date_moved'
  | 'request.worker_replaced'
  | 'request.chair_handed_over'
  | 'request.worker_named'
  | 'request.unit_proposed'
  | 'request.proposal_accepted'
  | 'request.proposal_rejected'
  | 'request.disclosed'
  | 'request.meeting_proposed'
  | 'request.slot_chosen'
  | 'request.booked'
  | 'request.booking_returned'
  | 'request.meeting_moving'
  | 'request.meeting_cancelled'
  | 'request.attendee_declined'
  | 'request.meeting_recorded'
  | 'request.reconvened'
  | 'request.closed'
  | 'request.purged'
  | 'request.audit_read'
  | 'unit.series_sent'
  | 'unit.reminders_paused'
  | 'unit.channel_linked'
  | 'unit.channel_unlinked'
  | 'unit.occurrence_blocked'
  | 'unit.absence_recorded'
  | 'unit.occurrence_unblocked';

/** Who did what to which request and when; by construction it has no field for description text. */
export interface AuditEntry {
  readonly at: string;
  readonly actorId: string;
  readonly action: AuditAction;
  readonly requestId: string;
  readonly reference?: string | undefined;
  readonly status?: string | undefined;
  readonly unitId?: string | undefined;
  /**
   * A disclosure (request.disclosed) records the six points of multi-agency record keeping:
   * what was shared (the request's description), from which unit, to whom, when (at), by whose
   * request, on which basis and for which purpose.
   */
  readonly fromUnit?: string | undefined;
  readonly recipient?: string | undefined;
  readonly requestedBy?: string | undefined;
  readonly basis?: string | undefined;
  readonly purpose?: string | undefined;
  /**
   * A disclosure to a channel: who was in it when the card was posted, their object ids
   * comma-separated, or `members-unavailable` when the connector would not say.
   */
  readonly channelMembers?: string | undefined;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** A request's own audit entries, oldest first, read without going through the county's whole log. */
export interface AuditTrail {
  entriesFor(requestId: string): Promise<AuditEntry[]>;
}
