import { emptyTexts } from '../../domain/collaboration/description.js';
import { closeCase, markPurged, mayReconvene, participantsOf } from '../../domain/collaboration/follow-up.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { mayApprove } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision, recordDenied } from '../routing/apply-decision.js';
import { BOT_ACTOR } from '../routing/booking.js';
import { effectKey } from '../routing/effect-key.js';
import { notifyOnce } from '../routing/notify-once.js';
import type { RoutingDeps, RoutingError } from '../routing/routing-deps.js';

const DAY_MS = 24 * 3600 * 1000;

/** A closed or withdrawn request keeps its description for the retention period, then the purge job deletes it. */
export async function schedulePurge(deps: RoutingDeps, request: CollaborationRequest): Promise<void> {
  await deps.effects.enqueue({ kind: 'purge_description', requestId: request.id }, `purge-${request.id}`, deps.followUp.retentionDays * DAY_MS);
}

/** The omatyöntekijä (or, after a meeting without consent, the chair) calls the same people to a new meeting. */
export function makeReconvene(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    if (!mayReconvene(stored.request, actor.id)) {
      const open = stored.request.status === 'follow_up' || stored.request.status === 'held';
      if (open) await recordDenied(deps, actor, requestId);
      return err({ code: open ? 'request.not_permitted' : 'request.illegal_transition' });
    }
    if (!deps.scheduling) return err({ code: 'request.illegal_transition' });
    await deps.audit.record({ at: deps.clock.now().toISOString(), actorId: actor.id, action: 'request.reconvened', requestId, reference: stored.request.reference });
    await deps.effects.enqueue({ kind: 'meeting_needed', requestId }, effectKey('reconvene', stored.request));
    return ok(stored);
  };
}

/** The omatyöntekijä or the sending unit's supervisor closes the case. */
export function makeCloseCase(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.closed',
      decide: ({ request, description }, at) => {
        const responsible = request.responsibleWorkerId === actor.id || (request.status === 'held' && request.ownerId === actor.id);
        if (!responsible && !mayApprove(deps.directory.current(), actor.id, request)) return err({ code: 'request.not_permitted' });
        const next = closeCase(request, actor.id, at);
        return next.ok ? ok({ request: next.value, description }) : next;
      },
    });
    if (!decided.ok) return decided;
    await deps.effects.enqueue({ kind: 'case_closed', requestId }, effectKey('closed', decided.value.request));
    await schedulePurge(deps, decided.value.request);
    return decided;
  };
}

export async function announceClosing(deps: RoutingDeps, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  const people = [...participantsOf(request), ...(request.responsibleWorkerId ? [request.responsibleWorkerId] : [])];
  await notifyOnce(deps, stored, `closed-${request.id}`, [...new Set(people)].filter((id) => id !== request.closed?.by), (to) => ({ kind: 'case_closed', to }));
}

/**
 * The description, the return comment and proposal reasons go; the request's dates and facts stay,
 * so the audit log and the metrics are whole. Feedback comments go with them.
 */
export async function purgeDescription(deps: RoutingDeps, stored: StoredRequest): Promise<void> {
  if (stored.request.purgedAt) return;
  const purged = await applyDecision(deps, BOT_ACTOR, stored.request.id, {
    action: 'request.purged',
    decide: ({ request }, at) => {
      const next = markPurged(request, at);
      return next.ok ? ok({ request: next.value, description: { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] } }) : next;
    },
  });
  if (!purged.ok && purged.error.code === 'request.busy') throw new Error(`purge of ${stored.request.id} could not be stored yet`);
  await deps.followUp.feedback.forgetComments(stored.request.id);
}
