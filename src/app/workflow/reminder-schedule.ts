import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { addWorkingDays, countyInstant, finnishHolidays, isWeekend, plusDays } from '../../domain/slots/calendar-days.js';
import { countyDate } from '../../domain/time.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * The request is binding and the case must keep moving: a step not taken in time is reminded,
 * then escalated. Reminders are delayed jobs with deterministic ids (scheduling twice queues
 * once); each re-checks the request before it acts and sends each message once per person.
 */

/** Reminders arrive at the start of a working day, not at the minute the request did. */
export const REMINDER_TIME = '09:00';

/** How long a job waits to run at `due`; one already due runs at once. */
export function delayUntil(deps: Pick<WorkflowDeps, 'clock'>, due: Date): number {
  return Math.max(0, due.getTime() - deps.clock.now().getTime());
}

/** Until the reminder time of the working day `workingDays` after `fromDate`. */
export function dueIn(deps: Pick<WorkflowDeps, 'clock'>, fromDate: string, workingDays: number): number {
  return delayUntil(deps, countyInstant(addWorkingDays(fromDate, workingDays, finnishHolidays), REMINDER_TIME));
}

export async function scheduleAcknowledgementReminder(deps: WorkflowDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): Promise<void> {
  await deps.effects.enqueue(
    { kind: 'ack_reminder', requestId: request.id, unitId, stage },
    `ack-${request.id}-${unitId}-${stage}`,
    dueIn(deps, countyDate(deps.clock.now()), deps.reminders.workingDays),
  );
}

/** The unit gave a processing date: its worker should be named by the working day after it. */
export async function scheduleNamingReminder(deps: WorkflowDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): Promise<void> {
  const processingDate = request.units.find((u) => u.unitId === unitId)?.processingDate;
  if (!processingDate) return;
  const [from, days] = stage === 1 ? [processingDate, 1] : [countyDate(deps.clock.now()), deps.reminders.workingDays];
  await deps.effects.enqueue({ kind: 'name_reminder', requestId: request.id, unitId, stage }, `name-${request.id}-${unitId}-${stage}`, dueIn(deps, from, days));
}

/** Proposed times wait for the chair; unchosen, the chair and then the sending unit's leads hear of it. */
export async function scheduleChoiceReminder(deps: WorkflowDeps, request: CollaborationRequest, stage: 1 | 2): Promise<void> {
  const generation = request.meeting?.generation;
  if (generation === undefined) return;
  await deps.effects.enqueue(
    { kind: 'choose_reminder', requestId: request.id, generation, stage },
    `choose-${request.id}-g${generation}-${stage}`,
    dueIn(deps, countyDate(deps.clock.now()), deps.reminders.workingDays),
  );
}

/** The working day before a date (weekends and holidays skipped). */
function workingDayBefore(date: string): string {
  let day = plusDays(date, -1);
  while (isWeekend(day) || finnishHolidays(day)) day = plusDays(day, -1);
  return day;
}

/** The chair invites the client (the seed: the sending side invites and chairs): reminded the working day before. */
export async function scheduleInviteReminder(deps: WorkflowDeps, request: CollaborationRequest): Promise<void> {
  const meeting = request.meeting;
  if (!meeting?.booked) return;
  const delay = countyInstant(workingDayBefore(meeting.booked.slot.date), REMINDER_TIME).getTime() - deps.clock.now().getTime();
  if (delay <= 0) return;
  await deps.effects.enqueue(
    { kind: 'invite_reminder', requestId: request.id, generation: meeting.generation },
    `invite-${request.id}-g${meeting.generation}-${meeting.booked.slot.date}`,
    delay,
  );
}
