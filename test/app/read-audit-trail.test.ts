import { describe, expect, it } from 'vitest';
import { makeReadAuditTrail } from '../../src/app/audit/read-audit-trail.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { Delivery } from '../../src/app/ports.js';
import { makeApproveRequest } from '../../src/app/routing/approve-request.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { InMemoryAuditLog } from '../support/in-memory-audit-log.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { directory } from '../support/people.js';
import { EMPTY_DESCRIPTION, fakeRoutingDeps } from '../support/routing-fakes.js';

const AT = '2026-11-24T10:00:00.000Z';
const OFFICER = directory.dataProtectionOfficers[0]!;
const WORKER = '00000000-0000-4000-8000-000000000101';
const SUPERVISOR = directory.unit('perhesosiaalityo')!.supervisors[0]!;
const CHANNEL_MEMBERS = directory.unit('terveysasemat')!.members;

const submitted: CollaborationRequest = {
  id: 'audited-request-0001',
  version: 3,
  status: 'submitted',
  reference: 'YT-2026-0042',
  ownerId: WORKER,
  sendingUnitId: 'perhesosiaalityo',
  collaborationUnitIds: ['terveysasemat', 'lastenpsykiatria'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  submittedAt: AT,
  consentFact: { by: WORKER, at: AT },
  units: [],
};

/**
 * A sent request approved by its supervisor and routed: to the health unit's channel, whose
 * roster the connector gives, and to the psychiatry leads in person, where it gives none.
 */
async function approvedAndRouted() {
  const log = new InMemoryAuditLog();
  const requests = new InMemoryRequestRepository(log);
  await requests.create({ request: submitted, description: EMPTY_DESCRIPTION });
  await requests.create({ request: { ...submitted, id: 'another-request-0002', reference: 'YT-2026-0043' }, description: EMPTY_DESCRIPTION });
  const channel = 'channel:19:terveysasemat@thread.tacv2';
  const notifier = {
    notify: async (_stored: unknown, notification: { kind: string; unitId?: string }): Promise<Delivery> =>
      notification.unitId === 'terveysasemat'
        ? { recipients: [channel], failures: [], channelMembers: [{ recipient: channel, members: CHANNEL_MEMBERS }] }
        : { recipients: [], failures: [] },
    refreshCards: async () => ({ recipients: [], failures: [] }),
  };
  const { deps } = fakeRoutingDeps(requests, AT, { audit: log, notifier });
  await deps.channelLinks.link('terveysasemat', '19:terveysasemat@thread.tacv2');
  const approved = await makeApproveRequest(deps)({ id: SUPERVISOR }, submitted.id);
  if (!approved.ok) throw new Error(approved.error.code);
  await runEffect(deps, { kind: 'routed', requestId: submitted.id, actorId: SUPERVISOR, unitIds: submitted.collaborationUnitIds });
  await log.record({ at: AT, actorId: WORKER, action: 'request.read', requestId: 'another-request-0002' });
  const readAuditTrail = makeReadAuditTrail({ requests, audit: log, trail: log, directory: { current: () => directory }, clock: { now: () => new Date('2026-12-01T08:00:00.000Z') } });
  return { log, readAuditTrail, channel };
}

describe("the data protection officer's view of a request", () => {
  it('lists every change and disclosure of the request with the six points, and the reading itself last', async () => {
    const { readAuditTrail, channel } = await approvedAndRouted();
    const trail = await readAuditTrail({ id: OFFICER }, 'YT-2026-0042');
    if (!trail.ok) throw new Error(trail.error.code);
    expect(trail.value).toMatchObject({ requestId: submitted.id, reference: 'YT-2026-0042', status: 'routed' });
    expect(trail.value.entries.map((e) => e.action)).toEqual(['request.approved', 'request.disclosed', 'request.audit_read']);
    expect(trail.value.entries[1]).toEqual({
      at: AT,
      actorId: SUPERVISOR,
      action: 'request.disclosed',
      requestId: submitted.id,
      reference: 'YT-2026-0042',
      unitId: 'terveysasemat',
      fromUnit: 'perhesosiaalityo',
      recipient: channel,
      channelMembers: CHANNEL_MEMBERS.join(','),
      requestedBy: SUPERVISOR,
      basis: `oral-consent:${WORKER}@${AT}`,
      purpose: 'yhteistyo-tiimi:multi-professional-work',
    });
    expect(trail.value.entries[2]).toMatchObject({ actorId: OFFICER, at: '2026-12-01T08:00:00.000Z', reference: 'YT-2026-0042' });
  });

  it('reads a reference typed in lower case and without its zeros', async () => {
    const { readAuditTrail } = await approvedAndRouted();
    const trail = await readAuditTrail({ id: OFFICER }, '  yt-2026-42 ');
    expect(trail.ok && trail.value.requestId).toBe(submitted.id);
  });

  it("refuses anyone else, the request's own supervisor too, and logs the attempt where the officer sees it", async () => {
    const { log, readAuditTrail } = await approvedAndRouted();
    expect(await readAuditTrail({ id: SUPERVISOR }, 'YT-2026-0042')).toEqual({ ok: false, error: { code: 'audit.not_permitted' } });
    expect((await log.entries()).at(-1)).toEqual({ at: '2026-12-01T08:00:00.000Z', actorId: SUPERVISOR, action: 'request.access_denied', requestId: submitted.id, reference: 'YT-2026-0042' });
    const trail = await readAuditTrail({ id: OFFICER }, 'YT-2026-0042');
    expect(trail.ok && trail.value.entries.map((e) => [e.action, e.actorId]).slice(-2)).toEqual([
      ['request.access_denied', SUPERVISOR],
      ['request.audit_read', OFFICER],
    ]);
  });

  it('refuses anyone else before telling whether the reference exists, and logs no text they typed', async () => {
    const { log, readAuditTrail } = await approvedAndRouted();
    expect(await readAuditTrail({ id: WORKER }, 'YT-2026-9999')).toEqual({ ok: false, error: { code: 'audit.not_permitted' } });
    expect(await readAuditTrail({ id: WORKER }, 'Matti Meikäläinen 010190-123A')).toEqual({ ok: false, error: { code: 'audit.not_permitted' } });
    expect((await log.entries()).slice(-2)).toEqual([
      { at: '2026-12-01T08:00:00.000Z', actorId: WORKER, action: 'request.access_denied', requestId: '-' },
      { at: '2026-12-01T08:00:00.000Z', actorId: WORKER, action: 'request.access_denied', requestId: '-' },
    ]);
  });

  it('tells the officer of a reference that is not one or that no request drew, and logs no read', async () => {
    const { log, readAuditTrail } = await approvedAndRouted();
    const before = (await log.entries()).length;
    expect(await readAuditTrail({ id: OFFICER }, 'loki')).toEqual({ ok: false, error: { code: 'audit.invalid_reference' } });
    expect(await readAuditTrail({ id: OFFICER }, 'YT-2026-0099')).toEqual({ ok: false, error: { code: 'audit.not_found' } });
    expect(await log.entries()).toHaveLength(before);
  });

  it('records a channel whose roster the connector would not give as such, and a personal delivery without members', async () => {
    const log = new InMemoryAuditLog();
    const requests = new InMemoryRequestRepository(log);
    await requests.create({ request: { ...submitted, status: 'routed', units: [{ unitId: 'terveysasemat', status: 'awaiting_acknowledgement' }] }, description: EMPTY_DESCRIPTION });
    const channel = 'channel:19:x@thread.tacv2';
    const notifier = {
      notify: async (): Promise<Delivery> => ({ recipients: [channel, SUPERVISOR], failures: [], channelMembers: [{ recipient: channel, members: 'unavailable' }] }),
      refreshCards: async () => ({ recipients: [], failures: [] }),
    };
    const { deps } = fakeRoutingDeps(requests, AT, { audit: log, notifier });
    await deps.channelLinks.link('terveysasemat', '19:x@thread.tacv2');
    await runEffect(deps, { kind: 'routed', requestId: submitted.id, actorId: SUPERVISOR, unitIds: ['terveysasemat'] });
    const disclosures = (await log.entriesFor(submitted.id)).filter((e) => e.action === 'request.disclosed');
    expect(disclosures.map((e) => [e.recipient, e.channelMembers])).toEqual([
      [channel, 'members-unavailable'],
      [SUPERVISOR, undefined],
    ]);
  });
});
