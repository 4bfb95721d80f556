import { describe, expect, it } from 'vitest';
import { makeProposeUnit } from '../../src/app/routing/propose-unit.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

const REASON = 'Nuorisopsykiatria hoitaa yli 13-vuotiaat.';

describe('proposing a better-suited unit', () => {
  it('records the proposal and its reason, and queues the question to the sending leads', async () => {
    const scene = await appScene(requestAt('routed'));
    const result = await makeProposeUnit(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', 'nuorisopsykiatria', ` ${REASON} `);
    expect(result.ok).toBe(true);
    const { request, description } = await scene.stored();
    expect(request.units[0]).toMatchObject({ status: 'awaiting_acknowledgement', proposal: { unitId: 'nuorisopsykiatria', by: PEOPLE.psychiatryLead, at: AT } });
    expect(description.proposalReasons).toEqual({ lastenpsykiatria: REASON });
    expect(scene.queued.map((q) => q.effect)).toEqual([{ kind: 'unit_proposed', requestId: REQUEST_ID, unitId: 'lastenpsykiatria' }]);
    expect(scene.effects()).toEqual([{ kind: 'unit_proposed', key: `proposed-${REQUEST_ID}-v4` }]);
  });

  it('refuses a proposal from the sending supervisor and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('routed'));
    const result = await makeProposeUnit(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID, 'lastenpsykiatria', 'nuorisopsykiatria', REASON);
    await expectDenied(scene, result, PEOPLE.supervisor, { unitId: 'lastenpsykiatria' });
  });

  it('refuses a proposal after the unit has acknowledged', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    const result = await makeProposeUnit(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', 'nuorisopsykiatria', REASON);
    expect(result).toEqual({ ok: false, error: { code: 'request.already_decided', by: PEOPLE.psychiatryLead, at: AT } });
  });

  it.each(['terveysasemat', 'perhesosiaalityo'])('refuses %s, a unit already in the request', async (toUnit) => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await makeProposeUnit(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', toUnit, REASON), 'request.unit_already_involved');
  });

  it('stores nothing when the reason holds a client identifier', async () => {
    const scene = await appScene(requestAt('routed'));
    const result = await makeProposeUnit(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', 'nuorisopsykiatria', 'Asuu osoitteessa Mannerheimintie 5 A 3.');
    expect(result).toMatchObject({ ok: false, error: { code: 'request.identifiers_found' } });
    expect((await scene.stored()).request).toEqual(requestAt('routed'));
  });
});
