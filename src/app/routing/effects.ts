import { approversOf } from '../../domain/privacy/access-policy.js';
import type { Effect } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { everyWorkerNamed } from '../../domain/collaboration/decisions.js';
import { bookChosenSlot, cancelEvent, checkResponses, proposeMeetingFor } from './booking.js';
import { announceClosing, purgeDescription } from '../follow-up/closing.js';
import { askForFeedback, remindOfFeedback } from '../follow-up/feedback.js';
import { announceOutcome, sendMeetingDayCard } from '../follow-up/meeting-record.js';
import { recordDisclosures } from './disclose.js';
import { effectKey } from './effect-key.js';
import { deliverOnce, notifyOnce } from './notify-once.js';
import { remindToAcknowledge, remindToChoose, remindToInvite, remindToName, scheduleAcknowledgementReminder } from './reminders.js';
import type { RoutingDeps } from './routing-deps.js';

export type EffectDeps = RoutingDeps;

export async function runEffect(deps: EffectDeps, effect: Effect): Promise<void> {
  const stored = await deps.requests.get(effect.requestId);
  if (!stored) return;
  switch (effect.kind) {
    case 'approval_requested':
      await requestApproval(deps, stored);
      break;
    case 'routed':
      await routeToUnits(deps, stored, effect.unitIds, effect.actorId);
      break;
    case 'returned':
      await notifyOnce(deps, stored, `returned-${stored.request.id}-${stored.request.decision?.at ?? ''}`, [stored.request.ownerId], (to) => ({ kind: 'returned_to_worker', to }));
      break;
    case 'worker_named': {
      const key = `named-${stored.request.id}-${effect.unitId}-${effect.workerId}`;
      const delivery = await deliverOnce(
        deps,
        key,
        () => deps.notifier.notify(stored, { kind: 'worker_named', to: effect.workerId, unitId: effect.unitId }),
        (sent) => recordDisclosures(deps, stored, sent, effect.actorId),
      );
      if (delivery?.recipients.length === 0) {
        await notifyOnce(deps, stored, `${key}-unreachable`, [effect.actorId], (to) => ({ kind: 'delivery_failed', to, unreachable: [effect.workerId] }));
      }
      if (deps.scheduling && everyWorkerNamed(stored.request)) {
        await deps.effects.enqueue({ kind: 'meeting_needed', requestId: effect.requestId }, effectKey('meeting-needed', stored.request));
      }
      break;
    }
    case 'meeting_needed':
      if (deps.scheduling) await proposeMeetingFor(deps, deps.scheduling, stored);
      break;
    case 'book':
      if (deps.scheduling) await bookChosenSlot(deps, deps.scheduling, stored);
      break;
    case 'ack_reminder':
      await remindToAcknowledge(deps, stored, effect.unitId, effect.stage);
      return;
    case 'invite_reminder':
      await remindToInvite(deps, stored, effect.generation);
      return;
    case 'name_reminder':
      await remindToName(deps, stored, effect.unitId, effect.stage);
      return;
    case 'choose_reminder':
      await remindToChoose(deps, stored, effect.generation, effect.stage);
      return;
    case 'meeting_day':
      await sendMeetingDayCard(deps, stored, effect.generation);
      return;
    case 'outcome_recorded':
      // Cards already out show the outcome first; the new cards then keep their banner.
      await deps.notifier.refreshCards(stored);
      await announceOutcome(deps, stored, effect.generation);
      return;
    case 'feedback_request':
      await askForFeedback(deps, stored, effect.generation);
      return;
    case 'feedback_reminder':
      await remindOfFeedback(deps, stored, effect.generation);
      return;
    case 'case_closed':
      await deps.notifier.refreshCards(stored);
      await announceClosing(deps, stored);
      return;
    case 'purge_description':
      await purgeDescription(deps, stored);
      break;
    case 'check_responses':
      // A routine look at the answers: the chair hears of a decline; cards need no redraw otherwise.
      if (deps.scheduling) await checkResponses(deps, deps.scheduling, stored);
      return;
    case 'cancel_event':
      if (deps.scheduling) await cancelEvent(deps, deps.scheduling, stored, effect);
      break;
    case 'unit_proposed':
      await notifyOnce(deps, stored, `proposed-${stored.request.id}-${effect.unitId}`, approversOf(deps.directory.current(), stored.request), (to) => ({
        kind: 'unit_proposed',
        to,
        unitId: effect.unitId,
      }));
      break;
    case 'cards_changed':
      break;
  }
  // Effects of one request may finish out of order: cards show the request as it is now, so an
  // older effect finishing last cannot put back a button a newer decision took away.
  const latest = await deps.requests.get(effect.requestId);
  if (latest) await deps.notifier.refreshCards(latest);
}

/** Everyone who may approve gets the approval card (never the filer); if nobody can be reached, the worker is told. */
async function requestApproval(deps: EffectDeps, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  if (request.status !== 'submitted' || !request.sendingUnitId) return;
  const approvers = approversOf(deps.directory.current(), request);
  // Each sending of the request asks for approval anew: a returned and resent request is a new round.
  const round = `approval-${request.id}-${request.submittedAt ?? ''}`;
  let reached = 0;
  for (const approver of approvers) {
    const delivery = await deliverOnce(
      deps,
      `${round}-${approver}`,
      () => deps.notifier.notify(stored, { kind: 'approval_requested', to: approver }),
      (sent) => recordDisclosures(deps, stored, sent, request.ownerId),
    );
    reached += delivery ? delivery.recipients.length : 1;
  }
  if (reached === 0) await notifyOnce(deps, stored, `${round}-unreachable`, [request.ownerId], (to) => ({ kind: 'delivery_failed', to, unreachable: approvers }));
}

/** Each unit's channel, else its leads in person; the approver hears of every fallback. */
async function routeToUnits(deps: EffectDeps, stored: StoredRequest, unitIds: readonly string[], actorId: string): Promise<void> {
  for (const unitId of unitIds) {
    if (!stored.request.units.some((u) => u.unitId === unitId)) continue;
    const key = `routed-${stored.request.id}-${unitId}`;
    const delivery = await deliverOnce(
      deps,
      key,
      () => deps.notifier.notify(stored, { kind: 'routed_to_unit', unitId }),
      (sent) => recordDisclosures(deps, stored, sent, actorId),
    );
    if (delivery && (delivery.viaPersonalChats || delivery.failures.length > 0)) {
      await notifyOnce(deps, stored, `${key}-fallback`, [actorId], (to) => ({ kind: 'routing_fallback', to, unitId }));
    }
    await scheduleAcknowledgementReminder(deps, stored.request, unitId, 1);
  }
}
