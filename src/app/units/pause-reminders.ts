import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export type PauseError = { readonly code: 'pause.not_a_lead' } | { readonly code: 'pause.invalid_period' };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A supervisor or deputy pauses the reminders of the units they lead over a holiday. */
export function makePauseReminders(deps: Pick<WorkflowDeps, 'directory' | 'reminders' | 'audit' | 'clock'>) {
  return async (actor: Actor, from: string, to: string): Promise<Result<string[], PauseError>> => {
    if (!isoDate.test(from) || !isoDate.test(to) || to < from) return err({ code: 'pause.invalid_period' });
    const directory = deps.directory.current();
    const units = directory.unitsLedBy(actor.id).map((u) => u.id);
    if (units.length === 0) return err({ code: 'pause.not_a_lead' });
    const at = deps.clock.now().toISOString();
    for (const unitId of units) {
      await deps.reminders.pauses.pause(unitId, from, to);
      await deps.audit.record({ at, actorId: actor.id, action: 'unit.reminders_paused', requestId: '-', unitId });
    }
    return ok(units);
  };
}
