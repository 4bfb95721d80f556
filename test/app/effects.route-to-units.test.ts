import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { Effect } from '../../src/app/effect.js';
import type { Delivery, Notification } from '../../src/app/ports.js';
import { unitLeads } from '../../src/domain/privacy/access-policy.js';
import { appScene } from '../support/app-fakes.js';
import { PEOPLE, RECEIVING_UNITS, REQUEST_ID, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const effect: Effect = { kind: 'routed', requestId: REQUEST_ID, actorId: PEOPLE.supervisor, unitIds: [...RECEIVING_UNITS] };
const HEALTH_LEADS = unitLeads(directory, 'terveysasemat');

/** A scene whose receiving units have channels, except those named. */
async function routedScene(options: { withoutChannel?: readonly string[]; deliver?: (n: Notification) => Delivery } = {}) {
  const scene = await appScene(requestAt('routed'), options.deliver ? { deliver: options.deliver } : {});
  for (const unitId of RECEIVING_UNITS) if (!options.withoutChannel?.includes(unitId)) await scene.channelLinks.link(unitId, `channel-${unitId}`);
  return scene;
}

describe('the routing job', () => {
  it("posts the request to each unit's channel, records the disclosures and schedules each unit's acknowledgement reminder", async () => {
    const scene = await routedScene();
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.notified).toEqual(RECEIVING_UNITS.map((unitId) => ({ kind: 'routed_to_unit', unitId })));
    expect(scene.audited('request.disclosed').map((e) => [e.recipient, e.requestedBy])).toEqual([
      ['channel:lastenpsykiatria', PEOPLE.supervisor],
      ['channel:terveysasemat', PEOPLE.supervisor],
    ]);
    expect(scene.effects()).toEqual(RECEIVING_UNITS.map((unitId) => ({ kind: 'ack_reminder', key: `ack-${REQUEST_ID}-${unitId}-1` })));
    expect(scene.redrawn).toEqual([3]);
  });

  it('gives each lead of a unit without a channel the request in person, and tells the approver', async () => {
    const scene = await routedScene({ withoutChannel: ['terveysasemat'] });
    await runEffect(scene.deps, effect);
    expect(scene.notified.filter((n) => n.kind === 'routed_to_lead')).toEqual(HEALTH_LEADS.map((to) => ({ kind: 'routed_to_lead', to, unitId: 'terveysasemat' })));
    expect(scene.notified.filter((n) => n.kind === 'routing_fallback')).toEqual([{ kind: 'routing_fallback', to: PEOPLE.supervisor, unitId: 'terveysasemat' }]);
  });

  it('posts each unit once however often the job runs, and skips a unit no longer in the request', async () => {
    const scene = await routedScene({ withoutChannel: ['terveysasemat'] });
    await runEffect(scene.deps, effect);
    await runEffect(scene.deps, { ...effect, unitIds: [...RECEIVING_UNITS, 'nuorisopsykiatria'] });
    expect(scene.notified).toHaveLength(1 + HEALTH_LEADS.length + 1);
  });

  it('tries again later when Teams refuses for now, sending then only to whom it had not reached', async () => {
    let refusing = true;
    const refusedLead = HEALTH_LEADS[1]!;
    const scene = await routedScene({
      withoutChannel: ['terveysasemat'],
      deliver: (n) =>
        refusing && 'to' in n && n.to === refusedLead
          ? { recipients: [], failures: [{ recipient: refusedLead, failure: 'failed' }] }
          : { recipients: ['to' in n ? n.to : `channel:${n.unitId}`], failures: [] },
    });
    const first = await runEffect(scene.deps, effect);
    expect(first).toEqual({ ok: false, error: { kind: 'transient', code: 'delivery.refused_for_now' } });

    refusing = false;
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    const leadCards = scene.notified.filter((n) => n.kind === 'routed_to_lead').map((n) => ('to' in n ? n.to : ''));
    // The refused lead was tried twice and reached once; every other lead got one card.
    expect(leadCards.filter((to) => to === refusedLead)).toHaveLength(2);
    for (const lead of HEALTH_LEADS.filter((l) => l !== refusedLead)) expect(leadCards.filter((to) => to === lead)).toHaveLength(1);
    expect(scene.notified.filter((n) => n.kind === 'routing_fallback')).toHaveLength(1);
    expect(scene.notified.filter((n) => n.kind === 'routed_to_unit')).toHaveLength(1);
  });

  it('sends the fallback notice even when the run that reached the leads died before it', async () => {
    const scene = await routedScene({ withoutChannel: ['terveysasemat'] });
    // The first run reached every lead and died: their ledger entries say sent, no notice went.
    for (const lead of HEALTH_LEADS) {
      await scene.deps.reminders.ledger.begin(`routed-${REQUEST_ID}-terveysasemat-${lead}`);
      await scene.deps.reminders.ledger.markSent(`routed-${REQUEST_ID}-terveysasemat-${lead}`);
    }
    await runEffect(scene.deps, effect);
    expect(scene.notified.filter((n) => n.kind === 'routed_to_lead')).toEqual([]);
    expect(scene.notified.filter((n) => n.kind === 'routing_fallback')).toEqual([{ kind: 'routing_fallback', to: PEOPLE.supervisor, unitId: 'terveysasemat' }]);
  });
});
