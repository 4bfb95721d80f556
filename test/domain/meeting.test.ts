import { describe, expect, it } from 'vitest';
import { bookingTransactionId, chooseSlot, markBooked, proposeMeeting } from '../../src/domain/collaboration/meeting.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';

const AT = '2026-11-24T10:00:00.000Z';
const named: CollaborationRequest = {
  id: 'r1',
  version: 5,
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
const slot = { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] };

describe('meeting of a request', () => {
  it('is proposed only once every unit has named its worker', () => {
    expect(proposeMeeting({ ...named, units: [{ unitId: 'u1', status: 'acknowledged' }] }, [slot], [], AT)).toEqual({
      ok: false,
      error: { code: 'request.illegal_transition' },
    });
    const proposed = proposeMeeting(named, [slot], [], AT);
    expect(proposed.ok && proposed.value.status).toBe('meeting_proposed');
    expect(proposed.ok && proposed.value.meeting?.generation).toBe(1);
  });

  it('takes one choice, tells a second chooser who chose, and books with a stable transaction id', () => {
    const proposed = proposeMeeting(named, [slot], [], AT);
    if (!proposed.ok) throw new Error('setup');
    const chosen = chooseSlot(proposed.value, 0, 'wilma', AT);
    if (!chosen.ok) throw new Error('setup');
    expect(chooseSlot(chosen.value, 0, 'wilma', AT)).toEqual({ ok: false, error: { code: 'request.already_decided', by: 'wilma', at: AT } });
    expect(bookingTransactionId(chosen.value)).toBe('yt-r1-g1-2026-12-23-0');
    const booked = markBooked(chosen.value, 'event-1', 'https://teams.microsoft.com/l/meetup-join/x', AT);
    expect(booked.ok && booked.value.status).toBe('booked');
    expect(booked.ok && booked.value.meeting?.booked).toEqual({ slot, eventId: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', bookedAt: AT });
  });

  it('refuses a choice outside the proposals', () => {
    const proposed = proposeMeeting(named, [slot], [], AT);
    if (!proposed.ok) throw new Error('setup');
    expect(chooseSlot(proposed.value, 3, 'wilma', AT)).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
  });
});
