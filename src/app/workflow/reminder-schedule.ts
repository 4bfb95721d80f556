import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { addWorkingDays, countyInstant, finnishHolidays, isWeekend, plusDays } from '../../domain/slots/calendar-days.js';
import { countyDate } from '../../domain/time.js';
import type { QueuedEffect } from '../effect.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * The request is binding and the case must keep moving: a step not taken in time is reminded,
 * then escalated. Reminders are delayed jobs with deterministic keys (scheduling twice queues
 * once); each re-checks the request before it acts and sends each message once per person.
 * These build the reminder; a decision writes it with its change, a job queues it.
 */

/** Reminders arrive at the start of a working day, not at the minute the request did. */
export const REMINDER_TIME = '09:00';

/** The reminder time of the working day `workingDays` after `fromDate`, in ms. */
export function dueIn(fromDate: string, workingDays: number): number {
  return countyInstant(addWorkingDays(fromDate, workingDays, finnishHolidays), REMINDER_TIME).getTime();
}

export function acknowledgementReminder(deps: WorkflowDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): QueuedEffect {
  return {
    effect: { kind: 'ack_reminder', requestId: request.id, unitId, stage },
    key: `ack-${request.id}-${unitId}-${stage}`,
    dueAt: dueIn(countyDate(deps.clock.now()), deps.reminders.workingDays),
  };
}

/** The unit gave a processing date: its worker should be named by the working day after it. */
export function namingReminder(deps: WorkflowDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): QueuedEffect | undefined {
  const processingDate = request.units.find((u) => u.unitId === unitId)?.processingDate;
  if (!processingDate) return undefined;
  const [from, days] = stage === 1 ? [processingDate, 1] : [countyDate(deps.clock.now()), deps.reminders.workingDays];
  // The date in the key: a moved date gets a reminder of its own, and the old one finds its date gone.
  return { effect: { kind: 'name_reminder', requestId: request.id, unitId, stage, processingDate }, key: `name-${request.id}-${unitId}-${processingDate}-${stage}`, dueAt: dueIn(from, days) };
}

/** Proposed times wait for the chair; unchosen, the chair and then the sending unit's leads hear of it. */
export function choiceReminder(deps: WorkflowDeps, request: CollaborationRequest, stage: 1 | 2): QueuedEffect | undefined {
  const generation = request.meeting?.generation;
  if (generation === undefined) return undefined;
  return {
    effect: { kind: 'choose_reminder', requestId: request.id, generation, stage },
    key: `choose-${request.id}-g${generation}-${stage}`,
    dueAt: dueIn(countyDate(deps.clock.now()), deps.reminders.workingDays),
  };
}

/** The working day before a date (weekends and holidays skipped). */
function workingDayBefore(date: string): string {
  let day = plusDays(date, -1);
  while (isWeekend(day) || finnishHolidays(day)) day = plusDays(day, -1);
  return day;
}

/** The chair invites the client (the seed: the sending side invites and chairs): reminded the working day before. */
export function inviteReminder(deps: WorkflowDeps, request: CollaborationRequest): QueuedEffect | undefined {
  const meeting = request.meeting;
  if (!meeting?.booked) return undefined;
  const dueAt = countyInstant(workingDayBefore(meeting.booked.slot.date), REMINDER_TIME).getTime();
  if (dueAt <= deps.clock.now().getTime()) return undefined;
  return {
    effect: { kind: 'invite_reminder', requestId: request.id, generation: meeting.generation },
    key: `invite-${request.id}-g${meeting.generation}-${meeting.booked.slot.date}`,
    dueAt,
  };
}
