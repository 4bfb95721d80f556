import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { makeRecordAbsence } from '../../src/app/units/record-absence.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { directory } from '../support/people.js';
import { EMPTY_DESCRIPTION, fakeRoutingDeps } from '../support/routing-fakes.js';

/** Issue #15: a supervisor away over Christmas is not waited on: their reminders go to a stand-in at once. */
const AT = '2026-12-22T10:00:00.000Z';
const HEALTH = directory.unit('terveysasemat')!;
const SENDING = directory.unit('perhesosiaalityo')!;
const [lead, deputy] = [HEALTH.supervisors[0]!, HEALTH.deputies[0]!];

const routed: CollaborationRequest = {
  id: 'absence-request-0001',
  version: 4,
  status: 'routed',
  reference: 'YT-2026-0032',
  ownerId: SENDING.members[0]!,
  sendingUnitId: 'perhesosiaalityo',
  collaborationUnitIds: ['terveysasemat'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  decision: { kind: 'approved', by: SENDING.supervisors[0]!, at: AT },
  units: [{ unitId: 'terveysasemat', status: 'awaiting_acknowledgement' }],
};

async function scene() {
  const requests = new InMemoryRequestRepository();
  await requests.create({ request: routed, description: EMPTY_DESCRIPTION });
  return fakeRoutingDeps(requests, AT);
}

describe('a lead away', () => {
  it('has the first reminder go to the unit’s deputies at once, not after the escalation delay', async () => {
    const { deps, notified } = await scene();
    expect((await makeRecordAbsence(deps)({ id: lead }, '2026-12-21', '2027-01-03')).ok).toBe(true);
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    expect(notified).toEqual([{ kind: 'ack_reminder', to: deputy, unitId: 'terveysasemat' }]);
  });

  it('has it go to the substitute they named, a lead of the same unit, and leaves the away out of the escalation', async () => {
    const { deps, notified } = await scene();
    const named = await makeRecordAbsence(deps)({ id: deputy }, '2026-12-21', '2027-01-03', directory.person(lead)!.name.toUpperCase());
    expect(named.ok && named.value.substituteId).toBe(lead);
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 2 });
    expect(notified.map((n) => 'to' in n && n.to)).toEqual([lead, ...SENDING.supervisors, ...SENDING.deputies]);
  });

  it('reminds as before once the absence is over, and refuses a substitute from another unit, a period already past, and a non-lead', async () => {
    const { deps, notified } = await scene();
    const record = makeRecordAbsence(deps);
    expect(await record({ id: lead }, '2026-12-21', '2027-01-03', directory.person(SENDING.supervisors[0]!)!.name)).toEqual({ ok: false, error: { code: 'absence.unknown_substitute' } });
    expect(await record({ id: lead }, '2026-11-01', '2026-11-30')).toEqual({ ok: false, error: { code: 'absence.invalid_period' } });
    expect(await record({ id: HEALTH.members[0]! }, '2026-12-21', '2027-01-03')).toEqual({ ok: false, error: { code: 'absence.not_a_lead' } });
    await record({ id: lead }, '2026-12-01', '2026-12-22');
    await deps.reminders.absences.record(lead, { from: '2026-12-01', to: '2026-12-21' });
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    expect(notified).toEqual(HEALTH.supervisors.map((to) => ({ kind: 'ack_reminder', to, unitId: 'terveysasemat' })));
  });
});
