import { awaitsFirstProposals } from '../../domain/collaboration/recovery.js';
import { mayAskOtherTimes, mayChairMeeting } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { recordDenied } from '../workflow/apply-decision.js';
import { proposalsNeeded } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/**
 * Another round of proposals: the chair's move of a booked meeting (the event changes once a new
 * time is chosen), new times after a cancellation or after the first proposals failed to come
 * (Graph down past the job's tries), or anyone's request while nobody has chosen.
 */
function askForProposals(deps: WorkflowDeps, from: 'booked' | 'routed' | 'meeting_proposed', step: string) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    const { request } = stored;
    const mayAsk = from === 'meeting_proposed' ? mayAskOtherTimes(request, actor.id) : mayChairMeeting(request, actor.id);
    if (!mayAsk) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'request.not_permitted' });
    }
    const roundTaken = from === 'meeting_proposed' && request.meeting?.chosen !== undefined;
    const planned = request.meeting !== undefined || (from === 'routed' && awaitsFirstProposals(request));
    if (!deps.scheduling || request.status !== from || !planned || roundTaken) return err({ code: 'request.illegal_transition' });
    await deps.effects.enqueue(proposalsNeeded(step, stored.request));
    return ok(stored);
  };
}

export const makeRescheduleMeeting = (deps: WorkflowDeps) => askForProposals(deps, 'booked', 'reschedule');
export const makeAskNewTimes = (deps: WorkflowDeps) => askForProposals(deps, 'routed', 'new-times');
/** Any named worker (or the chair) may ask for another round while nobody has chosen yet. */
export const makeAskOtherProposals = (deps: WorkflowDeps) => askForProposals(deps, 'meeting_proposed', 'other-times');
