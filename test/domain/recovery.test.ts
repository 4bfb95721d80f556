import { describe, expect, it } from 'vitest';
import { isStuckInTransition, recoveryOf, TRANSITION_LIMIT_MINUTES } from '../../src/domain/collaboration/recovery.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';

const AT = '2026-11-24T10:00:00.000Z';
const minutesAfter = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000);
const slot = { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] };
const named: CollaborationRequest = {
  id: 'r1',
  version: 7,
  status: 'routed',
  reference: 'YT-2026-0001',
  ownerId: 'wilma',
  collaborationUnitIds: ['u1'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  units: [{ unitId: 'u1', status: 'worker_named', namedWorkerId: 'olli', named: { by: 'lead', at: AT } }],
};
const proposed: CollaborationRequest = { ...named, status: 'meeting_proposed', meeting: { generation: 1, proposals: [slot], skipped: [] } };
const chosen: CollaborationRequest = { ...proposed, meeting: { ...proposed.meeting!, chosen: { ...slot, by: 'wilma', at: AT } } };
const booked: CollaborationRequest = { ...chosen, status: 'booked', meeting: { ...chosen.meeting!, booked: { slot, eventId: 'e1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', bookedAt: AT } } };

describe('a request between two states', () => {
  it('is being booked, not stuck, while the booking job may still be running', () => {
    expect(recoveryOf(chosen, minutesAfter(TRANSITION_LIMIT_MINUTES))).toEqual({ kind: 'none' });
    expect(isStuckInTransition(chosen, minutesAfter(1))).toBe(false);
  });

  it('goes back to the chair when a chosen time is still not booked past the limit, a move as well', () => {
    expect(recoveryOf(chosen, minutesAfter(TRANSITION_LIMIT_MINUTES + 1))).toEqual({ kind: 'return_booking', since: AT });
    const moving = { ...booked, status: 'meeting_proposed' as const };
    expect(recoveryOf(moving, minutesAfter(60))).toEqual({ kind: 'return_booking', since: AT });
    expect(isStuckInTransition(chosen, minutesAfter(5), 4)).toBe(true);
  });

  it('gets proposals when every worker is named and none ever came, or a round has nothing left to choose', () => {
    expect(recoveryOf(named, minutesAfter(30))).toEqual({ kind: 'propose', since: AT });
    const emptied = { ...proposed, meeting: { ...proposed.meeting!, proposals: [] } };
    expect(recoveryOf(emptied, minutesAfter(30))).toEqual({ kind: 'propose', since: AT });
    expect(recoveryOf(emptied, minutesAfter(10))).toEqual({ kind: 'none' });
  });

  it('needs nothing where a person has a button to go on or nothing is waiting for a job', () => {
    const late = minutesAfter(24 * 60);
    const cancelled = { ...named, meeting: { generation: 1, proposals: [], skipped: [] } };
    const stillNaming = { ...named, units: [{ unitId: 'u1', status: 'acknowledged' as const }] };
    for (const request of [proposed, booked, cancelled, stillNaming, { ...chosen, status: 'withdrawn' as const }]) {
      expect(recoveryOf(request, late), request.status).toEqual({ kind: 'none' });
    }
  });
});
