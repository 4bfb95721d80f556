import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { unitLeads } from '../../domain/privacy/access-policy.js';
import { addWorkingDays, countyInstant, finnishHolidays, isWeekend, plusDays } from '../../domain/slots/calendar-days.js';
import { countyDate } from '../../domain/time.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from './notify-once.js';
import type { RoutingDeps } from './routing-deps.js';

/**
 * The request is binding and the case must keep moving: a step not taken in time is reminded,
 * then escalated. Reminders are delayed jobs with deterministic ids (scheduling twice queues
 * once); each re-checks the request before it acts and sends each message once per person.
 */

/** Reminders arrive at the start of a working day, not at the minute the request did. */
const REMINDER_TIME = '09:00';

/** How long a job waits to run at `due`; one already due runs at once. */
export function delayUntil(deps: Pick<RoutingDeps, 'clock'>, due: Date): number {
  return Math.max(0, due.getTime() - deps.clock.now().getTime());
}

/** Until the reminder time of the working day `workingDays` after `fromDate`. */
export function dueIn(deps: Pick<RoutingDeps, 'clock'>, fromDate: string, workingDays: number): number {
  return delayUntil(deps, countyInstant(addWorkingDays(fromDate, workingDays, finnishHolidays), REMINDER_TIME));
}

/** A unit's supervisors first; at escalation its deputies and the sending unit's leads. */
function unitRecipients(deps: RoutingDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): string[] {
  const directory = deps.directory.current();
  return stage === 1
    ? [...(directory.unit(unitId)?.supervisors ?? [])]
    : [...new Set([...(directory.unit(unitId)?.deputies ?? []), ...unitLeads(directory, request.sendingUnitId ?? '')])];
}

export async function scheduleAcknowledgementReminder(deps: RoutingDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): Promise<void> {
  await deps.effects.enqueue(
    { kind: 'ack_reminder', requestId: request.id, unitId, stage },
    `ack-${request.id}-${unitId}-${stage}`,
    dueIn(deps, countyDate(deps.clock.now()), deps.reminders.workingDays),
  );
}

/** A unit on a holiday pause is reminded the first working day after it instead. */
async function postponedForPause(deps: RoutingDeps, unitId: string, postpone: (delayMs: number) => Promise<void>): Promise<boolean> {
  const pause = await deps.reminders.pauses.pausedOn(unitId, countyDate(deps.clock.now()));
  if (!pause) return false;
  await postpone(dueIn(deps, pause.to, 1));
  return true;
}

export async function remindToAcknowledge(deps: RoutingDeps, stored: StoredRequest, unitId: string, stage: 1 | 2): Promise<void> {
  const { request } = stored;
  // Acknowledged, moved to another unit or withdrawn meanwhile: the reminder has nothing to say.
  if (request.status !== 'routed' || request.units.find((u) => u.unitId === unitId)?.status !== 'awaiting_acknowledgement') return;
  const key = `ack-${request.id}-${unitId}-${stage}`;
  if (await postponedForPause(deps, unitId, (delay) => deps.effects.enqueue({ kind: 'ack_reminder', requestId: request.id, unitId, stage }, `${key}-after-pause`, delay))) return;
  await notifyOnce(deps, stored, key, unitRecipients(deps, request, unitId, stage), (to) =>
    stage === 1 ? { kind: 'ack_reminder', to, unitId } : { kind: 'ack_escalation', to, unitId },
  );
  if (stage === 1) await scheduleAcknowledgementReminder(deps, request, unitId, 2);
}

/** The unit gave a processing date: its worker should be named by the working day after it. */
export async function scheduleNamingReminder(deps: RoutingDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): Promise<void> {
  const processingDate = request.units.find((u) => u.unitId === unitId)?.processingDate;
  if (!processingDate) return;
  const [from, days] = stage === 1 ? [processingDate, 1] : [countyDate(deps.clock.now()), deps.reminders.workingDays];
  await deps.effects.enqueue({ kind: 'name_reminder', requestId: request.id, unitId, stage }, `name-${request.id}-${unitId}-${stage}`, dueIn(deps, from, days));
}

export async function remindToName(deps: RoutingDeps, stored: StoredRequest, unitId: string, stage: 1 | 2): Promise<void> {
  const { request } = stored;
  if (request.status !== 'routed' || request.units.find((u) => u.unitId === unitId)?.status !== 'acknowledged') return;
  const key = `name-${request.id}-${unitId}-${stage}`;
  if (await postponedForPause(deps, unitId, (delay) => deps.effects.enqueue({ kind: 'name_reminder', requestId: request.id, unitId, stage }, `${key}-after-pause`, delay))) return;
  await notifyOnce(deps, stored, key, unitRecipients(deps, request, unitId, stage), (to) =>
    stage === 1 ? { kind: 'name_reminder', to, unitId } : { kind: 'name_escalation', to, unitId },
  );
  if (stage === 1) await scheduleNamingReminder(deps, request, unitId, 2);
}

/** Proposed times wait for the chair; unchosen, the chair and then the sending unit's leads hear of it. */
export async function scheduleChoiceReminder(deps: RoutingDeps, request: CollaborationRequest, stage: 1 | 2): Promise<void> {
  const generation = request.meeting?.generation;
  if (generation === undefined) return;
  await deps.effects.enqueue(
    { kind: 'choose_reminder', requestId: request.id, generation, stage },
    `choose-${request.id}-g${generation}-${stage}`,
    dueIn(deps, countyDate(deps.clock.now()), deps.reminders.workingDays),
  );
}

export async function remindToChoose(deps: RoutingDeps, stored: StoredRequest, generation: number, stage: 1 | 2): Promise<void> {
  const { request } = stored;
  if (request.status !== 'meeting_proposed' || request.meeting?.generation !== generation || request.meeting.chosen) return;
  const recipients = stage === 1 ? [request.ownerId] : unitLeads(deps.directory.current(), request.sendingUnitId ?? '');
  await notifyOnce(deps, stored, `choose-${request.id}-g${generation}-${stage}`, recipients, (to) =>
    stage === 1 ? { kind: 'choose_reminder', to } : { kind: 'choose_escalation', to },
  );
  if (stage === 1) await scheduleChoiceReminder(deps, request, 2);
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
  const delay = countyInstant(workingDayBefore(meeting.booked.slot.date), REMINDER_TIME).getTime() - deps.clock.now().getTime();
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
  await notifyOnce(deps, stored, `invite-${request.id}-g${generation}`, [request.ownerId], (to) => ({ kind: 'invite_client', to }));
}
