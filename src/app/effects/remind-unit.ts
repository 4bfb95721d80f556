import type { CollaborationRequest, UnitHandlingStatus } from '../../domain/collaboration/request.js';
import { effectDone, type EffectOutcome, type QueuedEffect } from '../effect.js';
import { enqueueAll } from '../workflow/effect-key.js';
import type { Notification, StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { postponedForPause, unitRecipients } from './reminder-recipients.js';

/** What differs between the reminders a receiving unit gets: the step it has not taken, and what is said at each stage. */
export interface UnitReminder {
  readonly kind: 'ack_reminder' | 'name_reminder';
  readonly key: 'ack' | 'name';
  /** The unit's state while the step is still undone. */
  readonly waitingFor: UnitHandlingStatus;
  readonly notification: (to: string, unitId: string, stage: 1 | 2) => Notification;
  readonly escalation: (deps: WorkflowDeps, request: CollaborationRequest, unitId: string) => QueuedEffect | undefined;
}

/**
 * The unit's supervisors are reminded, and at the second stage its deputies and the sending leads
 * told. A step taken meanwhile (or a request moved or withdrawn) leaves the reminder nothing to say.
 */
export async function remindUnit(deps: WorkflowDeps, stored: StoredRequest, unitId: string, stage: 1 | 2, reminder: UnitReminder, processingDate?: string): Promise<EffectOutcome> {
  const { request } = stored;
  const unit = request.units.find((u) => u.unitId === unitId);
  if (request.status !== 'routed' || unit?.status !== reminder.waitingFor) return effectDone;
  // A reminder of a processing date since moved: the new date has a reminder of its own.
  if (processingDate !== undefined && unit.processingDate !== processingDate) return effectDone;
  const key = processingDate === undefined ? `${reminder.key}-${request.id}-${unitId}-${stage}` : `${reminder.key}-${request.id}-${unitId}-${processingDate}-${stage}`;
  const postpone = (dueAt: number) => deps.effects.enqueue({ effect: { kind: reminder.kind, requestId: request.id, unitId, stage, processingDate }, key: `${key}-after-pause`, dueAt });
  if (await postponedForPause(deps, unitId, postpone)) return effectDone;
  await notifyOnce(deps, stored, key, await unitRecipients(deps, request, unitId, stage), (to) => reminder.notification(to, unitId, stage));
  if (stage === 1) await enqueueAll(deps, [reminder.escalation(deps, request, unitId)]);
  return effectDone;
}
