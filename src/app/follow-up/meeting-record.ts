import { meetingHasBegun, participantsOf, recordOutcome, type OutcomeInput } from '../../domain/collaboration/follow-up.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { countyInstant } from '../../domain/slots/calendar-days.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision, recordDenied } from '../routing/apply-decision.js';
import { effectKey } from '../routing/effect-key.js';
import { notifyOnce } from '../routing/notify-once.js';
import { delayUntil } from '../routing/reminders.js';
import type { RoutingDeps, RoutingError } from '../routing/routing-deps.js';

/** At the booked meeting's start the chair gets the card to record it. */
export async function scheduleMeetingDay(deps: RoutingDeps, request: CollaborationRequest): Promise<void> {
  const booked = request.meeting?.booked;
  if (!booked) return;
  const generation = request.meeting!.generation;
  const delay = delayUntil(deps, new Date(booked.slot.start));
  await deps.effects.enqueue({ kind: 'meeting_day', requestId: request.id, generation }, `meeting-day-${request.id}-g${generation}-${booked.slot.date}`, delay);
}

/** A moved or cancelled meeting has its own card, or none. */
export async function sendMeetingDayCard(deps: RoutingDeps, stored: StoredRequest, generation: number): Promise<void> {
  const { request } = stored;
  if (request.status !== 'booked' || request.meeting?.generation !== generation) return;
  await notifyOnce(deps, stored, `meeting-day-${request.id}-g${generation}`, [request.ownerId], (to) => ({ kind: 'meeting_day', to }));
}

/** The chair opens the meeting's record: only their own meeting, once it has begun. */
export function makeOpenMeetingRecord(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    if (stored.request.ownerId !== actor.id) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'request.not_permitted' });
    }
    if (stored.request.status !== 'booked') return err({ code: 'request.illegal_transition' });
    if (!meetingHasBegun(stored.request, deps.clock.now())) return err({ code: 'meeting.not_started' });
    return ok(stored);
  };
}

/** Feedback goes out on the meeting's day at the configured time, or at once if that has passed. */
async function scheduleFeedback(deps: RoutingDeps, request: CollaborationRequest): Promise<void> {
  const outcome = request.outcomes?.at(-1);
  if (!outcome || outcome.consent !== 'given') return;
  await deps.effects.enqueue(
    { kind: 'feedback_request', requestId: request.id, generation: outcome.generation },
    `feedback-${request.id}-g${outcome.generation}`,
    delayUntil(deps, countyInstant(outcome.date, deps.followUp.feedbackTime)),
  );
}

/** The chair records the meeting: consent as a fact, attendance, the omatyöntekijä and what follows. */
export function makeRecordOutcome(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, input: OutcomeInput): Promise<Result<StoredRequest, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.meeting_recorded',
      decide: ({ request, description }) => {
        if (request.ownerId !== actor.id) return err({ code: 'request.not_permitted' });
        if (request.status === 'booked' && !meetingHasBegun(request, deps.clock.now())) return err({ code: 'meeting.not_started' });
        const next = recordOutcome(deps.directory.current(), request, input, actor.id, deps.clock.now());
        return next.ok ? ok({ request: next.value, description }) : next;
      },
    });
    if (!decided.ok) return decided;
    const { request } = decided.value;
    await deps.effects.enqueue({ kind: 'outcome_recorded', requestId, generation: request.meeting!.generation }, effectKey('outcome', request));
    await scheduleFeedback(deps, request);
    return decided;
  };
}

/** Everyone of the meeting sees the outcome; the omatyöntekijä also learns what the role means. */
export async function announceOutcome(deps: RoutingDeps, stored: StoredRequest, generation: number): Promise<void> {
  const { request } = stored;
  const outcome = request.outcomes?.find((o) => o.generation === generation);
  if (!outcome) return;
  const key = `outcome-${request.id}-g${generation}`;
  await notifyOnce(deps, stored, key, participantsOf(request).filter((id) => id !== outcome.recordedBy), (to) => ({ kind: 'meeting_outcome', to }));
  if (outcome.responsibleWorkerId) {
    await notifyOnce(deps, stored, `${key}-responsible`, [outcome.responsibleWorkerId], (to) => ({ kind: 'responsible_worker', to }));
  }
}
