import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { unitLeads } from '../../domain/privacy/access-policy.js';
import { addWorkingDays, countyInstant, finnishHolidays, isWeekend, plusDays } from '../../domain/slots/calendar-days.js';
import { countyDate } from '../../domain/time.js';
import type { StoredRequest } from '../ports.js';
import type { RoutingDeps } from './routing-deps.js';

/** Reminders arrive at the start of a working day, not at the minute the request did. */
const REMINDER_TIME = '09:00';

/**
 * The request is binding: a unit that has not acknowledged in time is reminded, and after a
 * second period its deputies and the sending supervisor are told. Job ids are deterministic, so
 * scheduling twice queues once; the job re-checks the request before it acts.
 */
export async function scheduleAcknowledgementReminder(deps: RoutingDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): Promise<void> {
  const now = deps.clock.now();
  const due = countyInstant(addWorkingDays(countyDate(now), deps.reminders.workingDays, finnishHolidays), REMINDER_TIME);
  await deps.effects.enqueue(
    { kind: 'ack_reminder', requestId: request.id, unitId, stage },
    `ack-${request.id}-${unitId}-${stage}`,
    Math.max(0, due.getTime() - now.getTime()),
  );
}

export async function remindToAcknowledge(deps: RoutingDeps, stored: StoredRequest, unitId: string, stage: 1 | 2): Promise<void> {
  const { request } = stored;
  const unit = request.units.find((u) => u.unitId === unitId);
  // Acknowledged, moved to another unit or withdrawn meanwhile: the reminder has nothing to say.
  if (request.status !== 'routed' || unit?.status !== 'awaiting_acknowledgement') return;
  const directory = deps.directory.current();
  const recipients =
    stage === 1
      ? directory.unit(unitId)?.supervisors ?? []
      : [...new Set([...(directory.unit(unitId)?.deputies ?? []), ...unitLeads(directory, request.sendingUnitId ?? '')])];
  for (const to of recipients) {
    if (!(await deps.reminders.ledger.claim(`ack-${request.id}-${unitId}-${stage}-${to}`))) continue;
    await deps.notifier.notify(stored, stage === 1 ? { kind: 'ack_reminder', to, unitId } : { kind: 'ack_escalation', to, unitId });
  }
  if (stage === 1) await scheduleAcknowledgementReminder(deps, request, unitId, 2);
}

/** The working day before a date (weekends and holidays skipped). */
function workingDayBefore(date: string): string {
  let day = plusDays(date, -1);
  while (isWeekend(day) || finnishHolidays(day)) day = plusDays(day, -1);
  return day;
}

/** The chair invites the client (the seed: the sending side invites and chairs): reminded the working day before. */
export async function scheduleInviteReminder(deps: RoutingDeps, request: CollaborationRequest): Promise<void> {
  const meeting = request.meeting;
  if (!meeting?.booked) return;
  const due = countyInstant(workingDayBefore(meeting.booked.slot.date), REMINDER_TIME);
  const delay = due.getTime() - deps.clock.now().getTime();
  if (delay <= 0) return;
  await deps.effects.enqueue(
    { kind: 'invite_reminder', requestId: request.id, generation: meeting.generation },
    `invite-${request.id}-g${meeting.generation}-${meeting.booked.slot.date}`,
    delay,
  );
}

export async function remindToInvite(deps: RoutingDeps, stored: StoredRequest, generation: number): Promise<void> {
  const { request } = stored;
  // A moved or cancelled meeting has its own reminder, or none.
  if (request.status !== 'booked' || request.meeting?.generation !== generation) return;
  if (!(await deps.reminders.ledger.claim(`invite-${request.id}-g${generation}`))) return;
  await deps.notifier.notify(stored, { kind: 'invite_client', to: request.ownerId });
}
