import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { unitLeads } from '../../domain/privacy/access-policy.js';
import { countyDate } from '../../domain/time.js';
import { dueIn } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/**
 * A unit's supervisors first; at escalation its deputies and the sending unit's leads. Someone
 * known to be away is not waited on: their substitute, or else the unit's deputies, is reminded
 * in their place at once, and at escalation the away are left out while anyone else is there.
 */
export async function unitRecipients(deps: WorkflowDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): Promise<string[]> {
  const directory = deps.directory.current();
  const unit = directory.unit(unitId);
  const wanted = stage === 1 ? [...(unit?.supervisors ?? [])] : [...new Set([...(unit?.deputies ?? []), ...unitLeads(directory, request.sendingUnitId ?? '')])];
  const deputies = unit?.deputies ?? [];
  const away = await deps.reminders.absences.awayOn([...new Set([...wanted, ...deputies])], countyDate(deps.clock.now()));
  if (away.size === 0) return wanted;
  const present = (ids: readonly string[]) => ids.filter((id) => !away.has(id));
  const standIns = wanted.flatMap((id) => {
    const absence = away.get(id);
    if (!absence) return [id];
    if (absence.substituteId && !away.has(absence.substituteId)) return [absence.substituteId];
    // An away supervisor's reminder goes to the unit's deputies now rather than at escalation.
    return stage === 1 ? present(deputies) : [];
  });
  const reached = [...new Set(standIns)];
  // Everyone away: the message still goes to those it was for, to read when they are back.
  return reached.length > 0 ? reached : wanted;
}

/** A unit on a holiday pause is reminded the first working day after it instead. */
export async function postponedForPause(deps: WorkflowDeps, unitId: string, postpone: (dueAt: number) => Promise<void>): Promise<boolean> {
  const pause = await deps.reminders.pauses.pausedOn(unitId, countyDate(deps.clock.now()));
  if (!pause) return false;
  await postpone(dueIn(pause.to, 1));
  return true;
}
