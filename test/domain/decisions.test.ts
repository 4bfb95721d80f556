import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnitDirectory } from '../../src/config/unit-directory-file.js';
import { acknowledge, approve, everyWorkerNamed, nameWorker, returnToWorker, route, withdraw } from '../../src/domain/collaboration/decisions.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';

const directory = parseUnitDirectory(readFileSync('infra/unit-directory.example.yaml', 'utf8'), 'example');
const WORKER = '00000000-0000-4000-8000-000000000101';
const SUPERVISOR = '00000000-0000-4000-8000-000000000201';
const DEPUTY = '00000000-0000-4000-8000-000000000202';
const PSYCHIATRY_LEAD = directory.unit('lastenpsykiatria')!.supervisors[0]!;
const PSYCHIATRY_MEMBER = directory.unit('lastenpsykiatria')!.members[0]!;
const AT = '2026-11-24T10:00:00.000Z';

const submitted: CollaborationRequest = {
  id: 'r1',
  version: 3,
  status: 'submitted',
  reference: 'YT-2026-0001',
  ownerId: WORKER,
  sendingUnitId: 'perhesosiaalityo',
  collaborationUnitIds: ['lastenpsykiatria', 'terveysasemat'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  units: [],
};

const routed = (() => {
  const approved = approve(submitted, SUPERVISOR, AT);
  if (!approved.ok) throw new Error('setup');
  const r = route(approved.value, AT);
  if (!r.ok) throw new Error('setup');
  return r.value;
})();

describe('sending supervisor decisions', () => {
  it('approves a submitted request and routes it to every collaboration unit', () => {
    expect(routed.status).toBe('routed');
    expect(routed.decision).toEqual({ kind: 'approved', by: SUPERVISOR, at: AT });
    expect(routed.units.map((u) => [u.unitId, u.status])).toEqual([
      ['lastenpsykiatria', 'awaiting_acknowledgement'],
      ['terveysasemat', 'awaiting_acknowledgement'],
    ]);
  });

  it('tells the second decider who decided first and when', () => {
    const returned = returnToWorker(submitted, DEPUTY, AT);
    expect(returned.ok).toBe(true);
    if (!returned.ok) return;
    expect(approve(returned.value, SUPERVISOR, '2026-11-24T10:00:05.000Z')).toEqual({
      ok: false,
      error: { code: 'request.already_decided', by: DEPUTY, at: AT },
    });
  });

  it('lets the worker withdraw a sent request once', () => {
    const withdrawn = withdraw(submitted, WORKER, AT);
    expect(withdrawn.ok && withdrawn.value.status).toBe('withdrawn');
    if (withdrawn.ok) expect(withdraw(withdrawn.value, WORKER, AT)).toMatchObject({ ok: false, error: { code: 'request.already_decided' } });
  });
});

describe('receiving units', () => {
  it('acknowledges with a processing date and then names a worker of the unit', () => {
    const acked = acknowledge(routed, 'lastenpsykiatria', '2026-12-03', '2026-11-24', PSYCHIATRY_LEAD, AT);
    expect(acked.ok).toBe(true);
    if (!acked.ok) return;
    expect(acked.value.units[0]).toMatchObject({ status: 'acknowledged', processingDate: '2026-12-03', acknowledged: { by: PSYCHIATRY_LEAD } });
    const named = nameWorker(acked.value, 'lastenpsykiatria', PSYCHIATRY_MEMBER, directory, PSYCHIATRY_LEAD, AT);
    expect(named.ok && named.value.units[0]?.namedWorkerId).toBe(PSYCHIATRY_MEMBER);
    expect(named.ok && everyWorkerNamed(named.value)).toBe(false);
  });

  it('refuses a processing date in the past', () => {
    expect(acknowledge(routed, 'lastenpsykiatria', '2026-11-23', '2026-11-24', PSYCHIATRY_LEAD, AT)).toEqual({ ok: false, error: { code: 'request.invalid_date' } });
  });

  it('refuses naming someone outside the unit, and naming before acknowledging', () => {
    expect(nameWorker(routed, 'lastenpsykiatria', PSYCHIATRY_MEMBER, directory, PSYCHIATRY_LEAD, AT)).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
    const acked = acknowledge(routed, 'lastenpsykiatria', '2026-12-03', '2026-11-24', PSYCHIATRY_LEAD, AT);
    if (!acked.ok) throw new Error('setup');
    expect(nameWorker(acked.value, 'lastenpsykiatria', WORKER, directory, PSYCHIATRY_LEAD, AT)).toEqual({ ok: false, error: { code: 'request.worker_not_in_unit' } });
  });

  it('tells a second acknowledger who acknowledged first', () => {
    const first = acknowledge(routed, 'terveysasemat', '2026-12-03', '2026-11-24', 'a', AT);
    if (!first.ok) throw new Error('setup');
    expect(acknowledge(first.value, 'terveysasemat', '2026-12-04', '2026-11-24', 'b', AT)).toEqual({
      ok: false,
      error: { code: 'request.already_decided', by: 'a', at: AT },
    });
  });
});
