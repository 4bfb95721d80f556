import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { countyInstant } from '../../domain/slots/calendar-days.js';
import { countyDate } from '../../domain/time.js';
import { delayUntil, dueIn } from './reminder-schedule.js';
import type { WorkflowDeps } from './workflow-deps.js';

const DAY_MS = 24 * 3600 * 1000;
/** Attendees answer in their own time: the bot looks at the answers every half hour until the meeting. */
const RESPONSE_CHECK_MS = 30 * 60 * 1000;

/** At the booked meeting's start the chair gets the card to record it. */
export async function scheduleMeetingDay(deps: WorkflowDeps, request: CollaborationRequest): Promise<void> {
  const booked = request.meeting?.booked;
  if (!booked) return;
  const generation = request.meeting!.generation;
  const delay = delayUntil(deps, new Date(booked.slot.start));
  await deps.effects.enqueue({ kind: 'meeting_day', requestId: request.id, generation }, `meeting-day-${request.id}-g${generation}-${booked.slot.date}`, delay);
}

export async function scheduleResponseCheck(deps: WorkflowDeps, request: CollaborationRequest): Promise<void> {
  const start = request.meeting?.booked?.slot.start;
  const now = deps.clock.now().getTime();
  if (!start || Date.parse(start) <= now) return;
  const round = Math.floor(now / RESPONSE_CHECK_MS);
  await deps.effects.enqueue({ kind: 'check_responses', requestId: request.id }, `check-${request.id}-g${request.meeting!.generation}-${round}`, RESPONSE_CHECK_MS);
}

/** Feedback goes out on the meeting's day at the configured time, or at once if that has passed. */
export async function scheduleFeedback(deps: WorkflowDeps, request: CollaborationRequest): Promise<void> {
  const outcome = request.outcomes?.at(-1);
  if (!outcome || outcome.consent !== 'given') return;
  await deps.effects.enqueue(
    { kind: 'feedback_request', requestId: request.id, generation: outcome.generation },
    `feedback-${request.id}-g${outcome.generation}`,
    delayUntil(deps, countyInstant(outcome.date, deps.followUp.feedbackTime)),
  );
}

/** Those who have not answered by the next working day are reminded once. */
export async function scheduleFeedbackReminder(deps: WorkflowDeps, request: CollaborationRequest, generation: number): Promise<void> {
  await deps.effects.enqueue(
    { kind: 'feedback_reminder', requestId: request.id, generation },
    `feedback-reminder-${request.id}-g${generation}`,
    dueIn(deps, countyDate(deps.clock.now()), 1),
  );
}

/** A closed or withdrawn request keeps its description for the retention period, then the purge job deletes it. */
export async function schedulePurge(deps: WorkflowDeps, request: CollaborationRequest): Promise<void> {
  await deps.effects.enqueue({ kind: 'purge_description', requestId: request.id }, `purge-${request.id}`, deps.followUp.retentionDays * DAY_MS);
}
