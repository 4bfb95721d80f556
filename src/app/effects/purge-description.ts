import { emptyTexts } from '../../domain/collaboration/description.js';
import { markPurged } from '../../domain/collaboration/follow-up.js';
import { err, ok } from '../../domain/result.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { BOT_ACTOR } from '../workflow/bot-actor.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/**
 * The description, the return comment and proposal reasons go; the request's dates and facts stay,
 * so the audit log and the metrics are whole. Feedback comments go with them.
 */
export async function purgeDescription(deps: WorkflowDeps, stored: StoredRequest): Promise<EffectOutcome> {
  if (stored.request.purgedAt) return effectDone;
  const purged = await applyDecision(deps, BOT_ACTOR, stored.request.id, {
    action: 'request.purged',
    decide: ({ request }, at) => {
      const next = markPurged(request, at);
      return next.ok ? ok({ request: next.value, description: { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] } }) : next;
    },
  });
  if (!purged.ok && purged.error.code === 'request.busy') return err({ kind: 'transient', code: 'request.busy' });
  await deps.followUp.feedback.forgetComments(stored.request.id);
  return effectDone;
}
