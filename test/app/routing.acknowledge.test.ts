import { describe, expect, it } from 'vitest';
import { makeAcknowledgeRequest } from '../../src/app/routing/acknowledge-request.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

describe('acknowledging a binding request', () => {
  it('records the processing date and who acknowledged, and reminds to name a worker after it', async () => {
    const scene = await appScene(requestAt('routed'));
    const result = await makeAcknowledgeRequest(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', '2026-12-03');
    expect(result.ok).toBe(true);
    const { request } = await scene.stored();
    expect(request.units.find((u) => u.unitId === 'lastenpsykiatria')).toEqual({
      unitId: 'lastenpsykiatria',
      status: 'acknowledged',
      processingDate: '2026-12-03',
      acknowledged: { by: PEOPLE.psychiatryLead, at: AT },
    });
    expect(request.units.find((u) => u.unitId === 'terveysasemat')?.status).toBe('awaiting_acknowledgement');
    expect(scene.effects()).toEqual([
      { kind: 'cards_changed', key: `acknowledged-${REQUEST_ID}-v4` },
      { kind: 'name_reminder', key: `name-${REQUEST_ID}-lastenpsykiatria-2026-12-03-1` },
    ]);
    expect(scene.audited('request.acknowledged')).toMatchObject([{ actorId: PEOPLE.psychiatryLead, unitId: 'lastenpsykiatria' }]);
  });

  it('lets a deputy acknowledge for their unit', async () => {
    const scene = await appScene(requestAt('routed'));
    expect((await makeAcknowledgeRequest(scene.deps)(actor(PEOPLE.psychiatryDeputy), REQUEST_ID, 'lastenpsykiatria', '2026-11-24')).ok).toBe(true);
  });

  it("refuses a lead acting for another unit and audit-logs the attempt with that unit", async () => {
    const scene = await appScene(requestAt('routed'));
    const result = await makeAcknowledgeRequest(scene.deps)(actor(PEOPLE.healthLead), REQUEST_ID, 'lastenpsykiatria', '2026-12-03');
    await expectDenied(scene, result, PEOPLE.healthLead, { unitId: 'lastenpsykiatria' });
  });

  it('tells a second acknowledgement who acknowledged first', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    await expectRefused(scene, await makeAcknowledgeRequest(scene.deps)(actor(PEOPLE.psychiatryDeputy), REQUEST_ID, 'lastenpsykiatria', '2026-12-10'), { code: 'request.already_decided', by: PEOPLE.psychiatryLead, at: AT });
    expect(scene.queued).toEqual([]);
  });

  it.each(['2026-11-23', '3.12.2026'])('refuses the processing date %s (past or not a date)', async (date) => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await makeAcknowledgeRequest(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', date), 'request.invalid_date');
  });

  it('refuses to acknowledge a request its supervisor has not approved', async () => {
    const scene = await appScene(requestAt('submitted', { units: [{ unitId: 'lastenpsykiatria', status: 'awaiting_acknowledgement' }] }));
    await expectRefused(scene, await makeAcknowledgeRequest(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', '2026-12-03'), 'request.illegal_transition');
  });
});
