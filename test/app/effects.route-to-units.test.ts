import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { Effect } from '../../src/app/effect.js';
import { appScene } from '../support/app-fakes.js';
import { PEOPLE, RECEIVING_UNITS, REQUEST_ID, requestAt } from '../support/app-requests.js';

const effect: Effect = { kind: 'routed', requestId: REQUEST_ID, actorId: PEOPLE.supervisor, unitIds: [...RECEIVING_UNITS] };

describe('the routing job', () => {
  it("posts the request to each unit, records the disclosures and schedules each unit's acknowledgement reminder", async () => {
    const scene = await appScene(requestAt('routed'));
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.notified).toEqual(RECEIVING_UNITS.map((unitId) => ({ kind: 'routed_to_unit', unitId })));
    expect(scene.audited('request.disclosed').map((e) => [e.recipient, e.requestedBy])).toEqual([
      ['channel:lastenpsykiatria', PEOPLE.supervisor],
      ['channel:terveysasemat', PEOPLE.supervisor],
    ]);
    expect(scene.effects()).toEqual(RECEIVING_UNITS.map((unitId) => ({ kind: 'ack_reminder', key: `ack-${REQUEST_ID}-${unitId}-1` })));
    expect(scene.redrawn).toEqual([3]);
  });

  it('tells the approver of a unit reached through its leads in person', async () => {
    const scene = await appScene(requestAt('routed'), {
      deliver: (n) =>
        n.kind === 'routed_to_unit' && n.unitId === 'terveysasemat'
          ? { recipients: [PEOPLE.healthLead], failures: [], viaPersonalChats: true }
          : { recipients: ['someone'], failures: [] },
    });
    await runEffect(scene.deps, effect);
    expect(scene.notified.filter((n) => n.kind === 'routing_fallback')).toEqual([{ kind: 'routing_fallback', to: PEOPLE.supervisor, unitId: 'terveysasemat' }]);
  });

  it('posts each unit once however often the job runs, and skips a unit no longer in the request', async () => {
    const scene = await appScene(requestAt('routed'));
    await runEffect(scene.deps, effect);
    await runEffect(scene.deps, { ...effect, unitIds: [...RECEIVING_UNITS, 'nuorisopsykiatria'] });
    expect(scene.notified).toHaveLength(2);
  });
});
