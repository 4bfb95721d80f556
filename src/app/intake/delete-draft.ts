import { mayActAsSender } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { IntakeDeps } from './intake-deps.js';
import type { IntakeError } from './intake-errors.js';

export type DeleteDraft = (actor: Actor, requestId: string, options?: DeleteOptions) => Promise<Result<DraftSeen, IntakeError>>;

/** The first click only checks (`preview`); the confirmation names the version the person saw. */
export interface DeleteOptions {
  readonly preview?: boolean | undefined;
  readonly expectedVersion?: number | undefined;
}

/** The draft as it was when checked: its version is what a confirmation must name. */
export interface DraftSeen {
  readonly version: number;
}

/** Only an unsent draft can be deleted; a sent request is withdrawn instead, and stays traceable. */
export function makeDeleteDraft(deps: Pick<IntakeDeps, 'requests' | 'audit' | 'clock'>): DeleteDraft {
  return async (actor, requestId, options = {}) => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return options.preview ? err({ code: 'request.not_found' }) : ok({ version: 0 });
    const { request } = stored;
    const at = deps.clock.now().toISOString();
    if (!mayActAsSender(request, actor.id)) {
      await deps.audit.record({ at, actorId: actor.id, action: 'request.access_denied', requestId });
      return err({ code: 'request.not_owner' });
    }
    if (request.status !== 'draft') return err({ code: 'request.not_editable', request });
    if (options.preview) return ok({ version: request.version });
    if (options.expectedVersion !== undefined && options.expectedVersion !== request.version) return err({ code: 'request.changed_elsewhere', currentVersion: request.version });
    const outcome = await deps.requests.remove(requestId, request.version);
    if (outcome === 'conflict') return err({ code: 'request.changed_elsewhere', currentVersion: request.version });
    await deps.audit.record({ at, actorId: actor.id, action: 'request.deleted', requestId, status: 'draft' });
    return ok({ version: request.version });
  };
}
