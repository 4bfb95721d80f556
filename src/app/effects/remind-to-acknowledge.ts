import type { EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { acknowledgementReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { remindUnit, type UnitReminder } from './remind-unit.js';

const ACKNOWLEDGE: UnitReminder = {
  kind: 'ack_reminder',
  key: 'ack',
  waitingFor: 'awaiting_acknowledgement',
  notification: (to, unitId, stage) => (stage === 1 ? { kind: 'ack_reminder', to, unitId } : { kind: 'ack_escalation', to, unitId }),
  escalation: (deps, request, unitId) => acknowledgementReminder(deps, request, unitId, 2),
};

export const remindToAcknowledge = (deps: WorkflowDeps, stored: StoredRequest, unitId: string, stage: 1 | 2): Promise<EffectOutcome> =>
  remindUnit(deps, stored, unitId, stage, ACKNOWLEDGE);
