import { mayReconvene } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { recordDenied } from '../workflow/apply-decision.js';
import { proposalsNeeded } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The omatyöntekijä (or, after a meeting without consent, the chair) calls the same people to a new meeting. */
export function makeReconvene(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    if (!mayReconvene(stored.request, actor.id)) {
      const open = stored.request.status === 'follow_up' || stored.request.status === 'held';
      if (open) await recordDenied(deps, actor, requestId);
      return err({ code: open ? 'request.not_permitted' : 'request.illegal_transition' });
    }
    if (!deps.scheduling) return err({ code: 'request.illegal_transition' });
    await deps.audit.record({ at: deps.clock.now().toISOString(), actorId: actor.id, action: 'request.reconvened', requestId, reference: stored.request.reference });
    await deps.effects.enqueue(proposalsNeeded('reconvene', stored.request));
    return ok(stored);
  };
}
