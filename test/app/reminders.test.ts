import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { enqueueAll } from '../../src/app/workflow/effect-key.js';
import { inviteReminder, namingReminder } from '../../src/app/workflow/reminder-schedule.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { EMPTY_DESCRIPTION, fakeRoutingDeps } from '../support/routing-fakes.js';
import { directory } from '../support/people.js';

const AT = '2026-11-24T10:00:00.000Z';
const HEALTH = directory.unit('terveysasemat')!;
const SENDING = directory.unit('perhesosiaalityo')!;

const routed: CollaborationRequest = {
  id: 'reminded-request-0001',
  version: 4,
  status: 'routed',
  reference: 'YT-2026-0031',
  ownerId: '00000000-0000-4000-8000-000000000101',
  sendingUnitId: 'perhesosiaalityo',
  collaborationUnitIds: ['terveysasemat'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  decision: { kind: 'approved', by: SENDING.supervisors[0]!, at: AT },
  units: [{ unitId: 'terveysasemat', status: 'awaiting_acknowledgement' }],
};

async function setup(request: CollaborationRequest, pause?: { from: string; to: string }) {
  const requests = new InMemoryRequestRepository();
  await requests.create({ request, description: EMPTY_DESCRIPTION });
  const pausedOn = async (_unit: string, date: string) => (pause && pause.from <= date && date <= pause.to ? pause : undefined);
  const fakes = fakeRoutingDeps(requests, AT);
  return { ...fakes, deps: { ...fakes.deps, reminders: { ...fakes.deps.reminders, pauses: { pause: async () => undefined, pausedOn } } } };
}

describe('reminders to acknowledge a binding request', () => {
  it('schedules a reminder for 09:00 two working days after routing', async () => {
    const { deps, queued } = await setup(routed);
    await runEffect(deps, { kind: 'routed', requestId: routed.id, actorId: 'x', unitIds: ['terveysasemat'] });
    const reminder = queued.find((q) => q.effect.kind === 'ack_reminder');
    expect(reminder?.key).toBe(`ack-${routed.id}-terveysasemat-1`);
    // Tuesday 24.11. 12:00 Helsinki → Thursday 26.11. 09:00 Helsinki (07:00Z).
    expect(new Date(Date.parse(AT) + reminder!.delayMs!).toISOString()).toBe('2026-11-26T07:00:00.000Z');
  });

  it("reminds the unit's supervisor once, then escalates to its deputies and the sending supervisors", async () => {
    const { deps, queued, notified } = await setup(routed);
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    expect(notified).toEqual(HEALTH.supervisors.map((to) => ({ kind: 'ack_reminder', to, unitId: 'terveysasemat' })));
    expect(queued.map((q) => q.key)).toContain(`ack-${routed.id}-terveysasemat-2`);
    notified.length = 0;
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 2 });
    expect(notified.map((n) => n.kind === 'ack_escalation' && n.to).sort()).toEqual([...HEALTH.deputies, ...SENDING.supervisors, ...SENDING.deputies].sort());
  });

  it('says nothing once the unit has acknowledged', async () => {
    const { deps, notified } = await setup({ ...routed, units: [{ unitId: 'terveysasemat', status: 'acknowledged', processingDate: '2026-12-01' }] });
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    expect(notified).toEqual([]);
  });

  it('reminds the chair to invite the client on the working day before the meeting, once, and not for a moved meeting', async () => {
    const slot = { date: '2026-12-09', start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:45:00.000Z', caseIndexes: [0] };
    const booked: CollaborationRequest = {
      ...routed,
      status: 'booked',
      units: [{ unitId: 'terveysasemat', status: 'worker_named', namedWorkerId: HEALTH.members[0]!, named: { by: 'x', at: AT } }],
      meeting: { generation: 2, proposals: [slot], skipped: [], booked: { slot, eventId: 'e1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', bookedAt: AT } },
    };
    const { deps, notified, queued } = await setup(booked);
    await enqueueAll(deps, [inviteReminder(deps, booked)]);
    expect(new Date(Date.parse(AT) + queued[0]!.delayMs!).toISOString()).toBe('2026-12-08T07:00:00.000Z');
    await runEffect(deps, { kind: 'invite_reminder', requestId: routed.id, generation: 1 });
    expect(notified).toEqual([]);
    await runEffect(deps, { kind: 'invite_reminder', requestId: routed.id, generation: 2 });
    await runEffect(deps, { kind: 'invite_reminder', requestId: routed.id, generation: 2 });
    expect(notified).toEqual([{ kind: 'invite_client', to: routed.ownerId }]);
  });

  it('reminds to name a worker the working day after the processing date, then escalates', async () => {
    const acknowledged: CollaborationRequest = { ...routed, units: [{ unitId: 'terveysasemat', status: 'acknowledged', processingDate: '2026-12-03' }] };
    const { deps, notified, queued } = await setup(acknowledged);
    await enqueueAll(deps, [namingReminder(deps, acknowledged, 'terveysasemat', 1)]);
    // Thursday 3.12. → Friday 4.12. 09:00 Helsinki; Sunday 6.12. (itsenäisyyspäivä) does not matter here.
    expect(new Date(Date.parse(AT) + queued[0]!.delayMs!).toISOString()).toBe('2026-12-04T07:00:00.000Z');
    await runEffect(deps, { kind: 'name_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    await runEffect(deps, { kind: 'name_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 2 });
    expect(notified.map((n) => n.kind)).toEqual([...HEALTH.supervisors.map(() => 'name_reminder'), ...[...HEALTH.deputies, ...SENDING.supervisors, ...SENDING.deputies].map(() => 'name_escalation')]);
  });

  it('reminds the chair to choose a proposed time, then tells the sending unit; not after a choice', async () => {
    const slot = { date: '2026-12-09', start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:45:00.000Z', caseIndexes: [0] };
    const proposed: CollaborationRequest = { ...routed, status: 'meeting_proposed', meeting: { generation: 1, proposals: [slot], skipped: [] } };
    const { deps, notified } = await setup(proposed);
    await runEffect(deps, { kind: 'choose_reminder', requestId: routed.id, generation: 1, stage: 1 });
    await runEffect(deps, { kind: 'choose_reminder', requestId: routed.id, generation: 1, stage: 2 });
    expect(notified).toEqual([
      { kind: 'choose_reminder', to: routed.ownerId },
      ...[...SENDING.supervisors, ...SENDING.deputies].map((to) => ({ kind: 'choose_escalation', to })),
    ]);
    const chosen = await setup({ ...proposed, meeting: { ...proposed.meeting!, chosen: { ...slot, by: routed.ownerId, at: AT } } });
    await runEffect(chosen.deps, { kind: 'choose_reminder', requestId: routed.id, generation: 1, stage: 1 });
    expect(chosen.notified).toEqual([]);
  });

  it("postpones a paused unit's reminder to the first working day after the pause", async () => {
    const { deps, notified, queued } = await setup(routed, { from: '2026-11-23', to: '2026-11-29' });
    await runEffect(deps, { kind: 'ack_reminder', requestId: routed.id, unitId: 'terveysasemat', stage: 1 });
    expect(notified).toEqual([]);
    expect(new Date(Date.parse(AT) + queued[0]!.delayMs!).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });
});
