import { z } from 'zod';
import type { AuditAction, AuditEntry } from '../../app/ports.js';
import { objectOf, oneOf } from './stored-record.js';

const action = oneOf<AuditAction>({
  'request.created': true,
  'request.updated': true,
  'request.read': true,
  'request.submitted': true,
  'request.deleted': true,
  'request.access_denied': true,
  'request.approved': true,
  'request.returned': true,
  'request.withdrawn': true,
  'request.routed': true,
  'request.acknowledged': true,
  'request.processing_date_moved': true,
  'request.worker_replaced': true,
  'request.chair_handed_over': true,
  'request.worker_named': true,
  'request.unit_proposed': true,
  'request.proposal_accepted': true,
  'request.proposal_rejected': true,
  'request.disclosed': true,
  'request.meeting_proposed': true,
  'request.slot_chosen': true,
  'request.booked': true,
  'request.booking_returned': true,
  'request.meeting_moving': true,
  'request.meeting_cancelled': true,
  'request.attendee_declined': true,
  'request.meeting_recorded': true,
  'request.reconvened': true,
  'request.closed': true,
  'request.purged': true,
  'request.audit_read': true,
  'unit.series_sent': true,
  'unit.reminders_paused': true,
  'unit.channel_linked': true,
  'unit.channel_unlinked': true,
  'unit.occurrence_blocked': true,
  'unit.absence_recorded': true,
  'unit.occurrence_unblocked': true,
});

const optional = z.string().optional();

/** An audit entry as the stream holds it: every field a string, absent ones left out. */
export const auditEntrySchema = objectOf<AuditEntry>({
  at: z.string(),
  actorId: z.string(),
  action,
  requestId: z.string(),
  reference: optional,
  status: optional,
  unitId: optional,
  fromUnit: optional,
  recipient: optional,
  requestedBy: optional,
  basis: optional,
  purpose: optional,
  channelMembers: optional,
});
