import { meetingHasBegun, recordOutcome, type OutcomeInput } from '../../domain/collaboration/follow-up.js';
import { mayChairMeeting } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import { feedbackRequest } from '../workflow/meeting-schedule.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The chair records the meeting: consent as a fact, attendance, the omatyöntekijä and what follows. */
export function makeRecordOutcome(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, input: OutcomeInput): Promise<Result<StoredRequest, WorkflowError>> => {
    return applyDecision(deps, actor, requestId, {
      action: 'request.meeting_recorded',
      decide: ({ request, description }) => {
        if (!mayChairMeeting(request, actor.id)) return err({ code: 'request.not_permitted' });
        if (request.status === 'booked' && !meetingHasBegun(request, deps.clock.now())) return err({ code: 'meeting.not_started' });
        const next = recordOutcome(deps.directory.current(), request, input, actor.id, deps.clock.now());
        return next.ok ? ok({ request: next.value, description }) : next;
      },
      effects: ({ request }) => [
        stepEffect('outcome', request, { kind: 'outcome_recorded', requestId, generation: request.meeting!.generation }),
        feedbackRequest(deps, request),
      ],
    });
  };
}
