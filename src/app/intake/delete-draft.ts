import { mayActAsSender } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { IntakeDeps } from './intake-deps.js';
import type { IntakeError } from './intake-errors.js';

export type DeleteDraft = (actor: Actor, requestId: string) => Promise<Result<void, IntakeError>>;

/** Only an unsent draft can be deleted; a sent request is withdrawn instead, and stays traceable. */
export function makeDeleteDraft(deps: Pick<IntakeDeps, 'requests' | 'audit' | 'clock'>): DeleteDraft {
  return async (actor, requestId) => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return ok(undefined);
    const { request } = stored;
    const at = deps.clock.now().toISOString();
    if (!mayActAsSender(request, actor.id)) {
      await deps.audit.record({ at, actorId: actor.id, action: 'request.access_denied', requestId });
      return err({ code: 'request.not_owner' });
    }
    if (request.status !== 'draft') return err({ code: 'request.not_editable', request });
    const outcome = await deps.requests.remove(requestId, request.version);
    if (outcome === 'conflict') return err({ code: 'request.changed_elsewhere', currentVersion: request.version });
    await deps.audit.record({ at, actorId: actor.id, action: 'request.deleted', requestId, status: 'draft' });
    return ok(undefined);
  };
}
