import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { recordDeclines } from '../../domain/collaboration/meeting.js';
import { ok } from '../../domain/result.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { BOT_ACTOR } from '../workflow/bot-actor.js';
import { enqueueAll } from '../workflow/effect-key.js';
import { responseCheck } from '../workflow/meeting-schedule.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { organizerOf, participantsByMailbox } from '../workflow/organizer.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** A participant who declined is the chair's to hear of, once, with the meeting's card to move it. */
export async function checkResponses(deps: WorkflowDeps, scheduling: Scheduling, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  const booked = request.meeting?.booked;
  const organizer = organizerOf(deps, scheduling, request);
  if (request.status !== 'booked' || !booked || !organizer) return effectDone;
  const byMailbox = participantsByMailbox(deps, participantsOf(request));
  const responses = await scheduling.calendar.attendeeResponses(organizer, booked.eventId);
  const declined = responses
    .filter((r) => r.response === 'declined')
    .flatMap((r) => byMailbox.get(r.mailbox.toLowerCase()) ?? [])
    .filter((id) => !(request.meeting?.declined ?? []).includes(id));
  if (declined.length > 0) {
    const recorded = await applyDecision(deps, BOT_ACTOR, request.id, {
      action: 'request.attendee_declined',
      decide: (current, at) => {
        const next = recordDeclines(current.request, declined, at);
        return next.ok ? ok({ ...current, request: next.value }) : next;
      },
    });
    if (recorded.ok) {
      await notifyOnce(deps, recorded.value, `declined-${request.id}-v${recorded.value.request.version}`, [request.ownerId], (to) => ({ kind: 'attendee_declined', to, people: declined }));
    }
  }
  await enqueueAll(deps, [responseCheck(deps, request)]);
  return effectDone;
}
