import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { countyInstant } from '../../domain/slots/calendar-days.js';
import { countyDate } from '../../domain/time.js';
import type { QueuedEffect } from '../effect.js';
import { dueIn } from './reminder-schedule.js';
import type { WorkflowDeps } from './workflow-deps.js';

const DAY_MS = 24 * 3600 * 1000;
/** Attendees answer in their own time: the bot looks at the answers every half hour until the meeting. */
const RESPONSE_CHECK_MS = 30 * 60 * 1000;

/** At the booked meeting's start the chair gets the card to record it. */
export function meetingDay(request: CollaborationRequest): QueuedEffect | undefined {
  const booked = request.meeting?.booked;
  if (!booked) return undefined;
  const generation = request.meeting!.generation;
  return {
    effect: { kind: 'meeting_day', requestId: request.id, generation },
    key: `meeting-day-${request.id}-g${generation}-${booked.slot.date}`,
    dueAt: Date.parse(booked.slot.start),
  };
}

export function responseCheck(deps: WorkflowDeps, request: CollaborationRequest): QueuedEffect | undefined {
  const start = request.meeting?.booked?.slot.start;
  const now = deps.clock.now().getTime();
  if (!start || Date.parse(start) <= now) return undefined;
  const round = Math.floor(now / RESPONSE_CHECK_MS);
  return {
    effect: { kind: 'check_responses', requestId: request.id },
    key: `check-${request.id}-g${request.meeting!.generation}-${round}`,
    dueAt: now + RESPONSE_CHECK_MS,
  };
}

/** Feedback goes out on the meeting's day at the configured time, or at once if that has passed. */
export function feedbackRequest(deps: WorkflowDeps, request: CollaborationRequest): QueuedEffect | undefined {
  const outcome = request.outcomes?.at(-1);
  if (!outcome || outcome.consent !== 'given') return undefined;
  return {
    effect: { kind: 'feedback_request', requestId: request.id, generation: outcome.generation },
    key: `feedback-${request.id}-g${outcome.generation}`,
    dueAt: countyInstant(outcome.date, deps.followUp.feedbackTime).getTime(),
  };
}

/** Those who have not answered by the next working day are reminded once. */
export function feedbackReminder(deps: WorkflowDeps, request: CollaborationRequest, generation: number): QueuedEffect {
  return {
    effect: { kind: 'feedback_reminder', requestId: request.id, generation },
    key: `feedback-reminder-${request.id}-g${generation}`,
    dueAt: dueIn(countyDate(deps.clock.now()), 1),
  };
}

/** A closed or withdrawn request keeps its description for the retention period, then the purge job deletes it. */
export function descriptionPurge(deps: WorkflowDeps, request: CollaborationRequest): QueuedEffect {
  return {
    effect: { kind: 'purge_description', requestId: request.id },
    key: `purge-${request.id}`,
    dueAt: deps.clock.now().getTime() + deps.followUp.retentionDays * DAY_MS,
  };
}
