import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export type LinkError = { readonly code: 'unit.not_a_lead' } | { readonly code: 'unit.not_linked' };

/**
 * A supervisor or deputy links the channel they write in to their unit(s), so the unit's
 * requests are posted there. Only leads may, and only for their own units.
 */
export function makeLinkChannel(deps: Pick<WorkflowDeps, 'channelLinks' | 'directory' | 'audit' | 'clock'>) {
  return async (actor: Actor, channelId: string): Promise<Result<string[], LinkError>> => {
    const units = deps.directory.current().units.filter((u) => u.supervisors.includes(actor.id) || u.deputies.includes(actor.id));
    if (units.length === 0) return err({ code: 'unit.not_a_lead' });
    const at = deps.clock.now().toISOString();
    for (const unit of units) {
      await deps.channelLinks.link(unit.id, channelId);
      await deps.audit.record({ at, actorId: actor.id, action: 'unit.channel_linked', requestId: '-', unitId: unit.id });
    }
    return ok(units.map((u) => u.id));
  };
}

export function makeUnlinkChannel(deps: Pick<WorkflowDeps, 'channelLinks' | 'directory' | 'audit' | 'clock'>) {
  return async (actor: Actor, channelId: string): Promise<Result<string[], LinkError>> => {
    const directory = deps.directory.current();
    const linked = await deps.channelLinks.unitsLinkedTo(channelId);
    const own = linked.filter((unitId) => directory.isSupervisorOrDeputy(actor.id, unitId));
    if (own.length === 0) return err({ code: linked.length === 0 ? 'unit.not_linked' : 'unit.not_a_lead' });
    const at = deps.clock.now().toISOString();
    for (const unitId of own) {
      await deps.channelLinks.unlink(unitId);
      await deps.audit.record({ at, actorId: actor.id, action: 'unit.channel_unlinked', requestId: '-', unitId });
    }
    return ok(own);
  };
}
