import { closeCase } from '../../domain/collaboration/follow-up.js';
import { mayCloseCase } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision, type StepOptions } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import { descriptionPurge } from '../workflow/meeting-schedule.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The omatyöntekijä or the sending unit's supervisor closes the case. */
export function makeCloseCase(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, options: StepOptions = {}): Promise<Result<StoredRequest, WorkflowError>> => {
    return applyDecision(deps, actor, requestId, {
      ...options,
      action: 'request.closed',
      decide: ({ request, description }, at) => {
        if (!mayCloseCase(deps.directory.current(), actor.id, request)) return err({ code: 'request.not_permitted' });
        const next = closeCase(request, actor.id, at);
        return next.ok ? ok({ request: next.value, description }) : next;
      },
      effects: ({ request }) => [stepEffect('closed', request, { kind: 'case_closed', requestId }), descriptionPurge(deps, request)],
    });
  };
}
