import type { EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { namingReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { remindUnit, type UnitReminder } from './remind-unit.js';

const NAME_WORKER: UnitReminder = {
  kind: 'name_reminder',
  key: 'name',
  waitingFor: 'acknowledged',
  notification: (to, unitId, stage) => (stage === 1 ? { kind: 'name_reminder', to, unitId } : { kind: 'name_escalation', to, unitId }),
  escalation: (deps, request, unitId) => namingReminder(deps, request, unitId, 2),
};

export const remindToName = (deps: WorkflowDeps, stored: StoredRequest, unitId: string, stage: 1 | 2, processingDate?: string): Promise<EffectOutcome> =>
  remindUnit(deps, stored, unitId, stage, NAME_WORKER, processingDate);
