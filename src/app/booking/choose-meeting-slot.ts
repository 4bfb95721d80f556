import { bookingOf, chooseSlot } from '../../domain/collaboration/meeting.js';
import { mayChairMeeting } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The sending worker picks a proposed time: its parts are held at once, and the event is created after. */
export function makeChooseMeetingSlot(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, index: number, start?: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return err({ code: 'request.illegal_transition' });
    return applyDecision(deps, actor, requestId, {
      action: 'request.slot_chosen',
      // It reserves the time before the choice is stored; releaseUnclaimedSlots, under the same lock, would otherwise see it unneeded.
      exclusive: true,
      decide: async ({ request, description }, at) => {
        if (!mayChairMeeting(request, actor.id)) return err({ code: 'request.not_permitted' });
        const chosen = chooseSlot(request, index, actor.id, at, start);
        if (!chosen.ok) return chosen;
        if (!(await scheduling.reservations.reserve(bookingOf(request, chosen.value.meeting!.chosen!), requestId))) return err({ code: 'request.slot_taken' });
        return ok({ request: chosen.value, description });
      },
      effects: ({ request }) => [stepEffect('book', request, { kind: 'book', requestId })],
    });
  };
}
