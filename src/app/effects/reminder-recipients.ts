import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { unitLeads } from '../../domain/privacy/access-policy.js';
import { countyDate } from '../../domain/time.js';
import { dueIn } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** A unit's supervisors first; at escalation its deputies and the sending unit's leads. */
export function unitRecipients(deps: WorkflowDeps, request: CollaborationRequest, unitId: string, stage: 1 | 2): string[] {
  const directory = deps.directory.current();
  return stage === 1
    ? [...(directory.unit(unitId)?.supervisors ?? [])]
    : [...new Set([...(directory.unit(unitId)?.deputies ?? []), ...unitLeads(directory, request.sendingUnitId ?? '')])];
}

/** A unit on a holiday pause is reminded the first working day after it instead. */
export async function postponedForPause(deps: WorkflowDeps, unitId: string, postpone: (dueAt: number) => Promise<void>): Promise<boolean> {
  const pause = await deps.reminders.pauses.pausedOn(unitId, countyDate(deps.clock.now()));
  if (!pause) return false;
  await postpone(dueIn(pause.to, 1));
  return true;
}
