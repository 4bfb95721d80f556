import { unitLeads } from '../../domain/privacy/access-policy.js';
import { err } from '../../domain/result.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { Delivery, StoredRequest } from '../ports.js';
import { deliverOnce, notifyOnce, refusedForNow } from '../workflow/notify-once.js';
import { acknowledgementReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { recordDisclosures } from './record-disclosures.js';

/**
 * Each unit's channel, else each of its leads in person; the approver hears of every fallback.
 * Every recipient is ledgered on its own (the channel, each lead), so a job run again after a
 * kill or a refusal sends only what had not gone, and the fallback notice is decided from where
 * the unit stands, not from whether this run sent something.
 */
export async function routeToUnits(deps: WorkflowDeps, stored: StoredRequest, unitIds: readonly string[], actorId: string): Promise<EffectOutcome> {
  const { request } = stored;
  let tryAgain = false;
  for (const unitId of unitIds) {
    if (!request.units.some((u) => u.unitId === unitId)) continue;
    const key = `routed-${request.id}-${unitId}`;
    const disclose = (sent: Delivery) => recordDisclosures(deps, stored, sent, actorId, unitId);
    const channelId = await deps.channelLinks.channelOf(unitId);
    if (channelId) {
      const posted = await deliverOnce(deps, `${key}-channel-${channelId}`, () => deps.notifier.notify(stored, { kind: 'routed_to_unit', unitId }), disclose);
      // Undefined: posted by an earlier run.
      if (!posted || posted.failures.length === 0) {
        await deps.effects.enqueue(acknowledgementReminder(deps, request, unitId, 1));
        continue;
      }
      // Teams refused for now (throttled, an outage past the sender's own retries): the job is tried again later.
      if (refusedForNow(posted).length > 0) {
        tryAgain = true;
        continue;
      }
    }
    // No channel, or the bot may not post in it: the unit's leads get the request in person.
    for (const lead of unitLeads(deps.directory.current(), unitId)) {
      const sent = await deliverOnce(deps, `${key}-${lead}`, () => deps.notifier.notify(stored, { kind: 'routed_to_lead', to: lead, unitId }), disclose);
      tryAgain ||= refusedForNow(sent).length > 0;
    }
    await notifyOnce(deps, stored, `${key}-fallback`, [actorId], (to) => ({ kind: 'routing_fallback', to, unitId }));
    await deps.effects.enqueue(acknowledgementReminder(deps, request, unitId, 1));
  }
  return tryAgain ? err({ kind: 'transient', code: 'delivery.refused_for_now' }) : effectDone;
}
