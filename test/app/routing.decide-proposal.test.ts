import { describe, expect, it } from 'vitest';
import { makeDecideProposal } from '../../src/app/routing/decide-proposal.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

const routed = requestAt('routed');
const proposed: CollaborationRequest = {
  ...routed,
  units: [{ unitId: 'lastenpsykiatria', status: 'awaiting_acknowledgement', proposal: { unitId: 'nuorisopsykiatria', by: PEOPLE.psychiatryLead, at: AT } }, routed.units[1]!],
};

describe('deciding on a proposed unit', () => {
  it('moves the request to the proposed unit on acceptance and routes it there', async () => {
    const scene = await appScene(proposed);
    expect((await makeDecideProposal(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID, 'lastenpsykiatria', true)).ok).toBe(true);
    const { request } = await scene.stored();
    expect(request.collaborationUnitIds).toEqual(['nuorisopsykiatria', 'terveysasemat']);
    expect(request.units[0]).toEqual({ unitId: 'nuorisopsykiatria', status: 'awaiting_acknowledgement' });
    expect(scene.queued.map((q) => q.effect)).toEqual([{ kind: 'routed', requestId: REQUEST_ID, actorId: PEOPLE.supervisor, unitIds: ['nuorisopsykiatria'] }]);
    expect(scene.effects()).toEqual([{ kind: 'routed', key: `proposal-accepted-${REQUEST_ID}-v4` }]);
    expect(scene.audited('request.proposal_accepted')).toMatchObject([{ actorId: PEOPLE.supervisor, unitId: 'lastenpsykiatria' }]);
  });

  it('keeps the request binding on the unit on rejection', async () => {
    const scene = await appScene(proposed);
    expect((await makeDecideProposal(scene.deps)(actor(PEOPLE.deputy), REQUEST_ID, 'lastenpsykiatria', false)).ok).toBe(true);
    const { request } = await scene.stored();
    expect(request.collaborationUnitIds).toEqual(routed.collaborationUnitIds);
    expect(request.units[0]).toEqual({ unitId: 'lastenpsykiatria', status: 'awaiting_acknowledgement', proposalRejected: { by: PEOPLE.deputy, at: AT } });
    expect(scene.effects()).toEqual([{ kind: 'cards_changed', key: `proposal-rejected-${REQUEST_ID}-v4` }]);
  });

  it('refuses the decision from a receiving lead and audit-logs the attempt', async () => {
    const scene = await appScene(proposed);
    await expectDenied(scene, await makeDecideProposal(scene.deps)(actor(PEOPLE.psychiatryLead), REQUEST_ID, 'lastenpsykiatria', true), PEOPLE.psychiatryLead, { unitId: 'lastenpsykiatria' });
  });

  it('refuses a decision where nothing was proposed', async () => {
    const scene = await appScene(routed);
    await expectRefused(scene, await makeDecideProposal(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID, 'lastenpsykiatria', true), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });

  it('tells a second decision who rejected the proposal first', async () => {
    const rejected: CollaborationRequest = { ...routed, units: [{ ...routed.units[0]!, proposalRejected: { by: PEOPLE.deputy, at: AT } }, routed.units[1]!] };
    const scene = await appScene(rejected);
    await expectRefused(scene, await makeDecideProposal(scene.deps)(actor(PEOPLE.supervisor), REQUEST_ID, 'lastenpsykiatria', true), { code: 'request.already_decided', by: PEOPLE.deputy, at: AT });
  });
});
