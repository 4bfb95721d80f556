import { describe, expect, it } from 'vitest';
import type { ProposedSlot } from '../../src/domain/collaboration/meeting-plan.js';
import { bookingTransactionId, cancelMeeting, chooseSlot, claimedSlots, markBooked, proposeMeeting, returnBooking, unclaimedHolds } from '../../src/domain/collaboration/meeting.js';
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
const slot: ProposedSlot = { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] };

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

  it('refuses a choice made on a card older than the proposals, whose button showed another time', () => {
    const proposed = proposeMeeting(named, [slot], [], AT);
    if (!proposed.ok) throw new Error('setup');
    expect(chooseSlot(proposed.value, 0, 'wilma', AT, '2026-12-09T10:00:00.000Z')).toEqual({ ok: false, error: { code: 'request.proposals_changed' } });
    expect(chooseSlot(proposed.value, 2, 'wilma', AT, slot.start)).toEqual({ ok: false, error: { code: 'request.proposals_changed' } });
    expect(chooseSlot(proposed.value, 0, 'wilma', AT, slot.start).ok).toBe(true);
  });

  it('gives a booking back to the chair: the choice undone, the failed time no longer offered, a booked meeting kept', () => {
    const later = { ...slot, date: '2027-01-20', start: '2027-01-20T10:00:00.000Z', end: '2027-01-20T10:45:00.000Z' };
    const chosen = chosenFrom(named, [slot, later], 0);
    const returned = returnBooking(chosen, '2026-11-24T11:00:00.000Z');
    expect(returned).toEqual({ ok: true, value: { ...chosen, updatedAt: '2026-11-24T11:00:00.000Z', meeting: { ...chosen.meeting!, proposals: [later], chosen: undefined } } });
    const booked = markBooked(chosen, 'event-1', 'https://teams.microsoft.com/l/meetup-join/x', AT);
    if (!booked.ok) throw new Error('setup');
    expect(returnBooking(booked.value, AT)).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
    expect(returnBooking({ ...chosen, meeting: { ...chosen.meeting!, chosen: undefined } }, AT)).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
  });

  it('needs the time being booked and the booked meeting held, and nothing once cancelled or withdrawn', () => {
    const later = { ...slot, date: '2027-01-20', caseIndexes: [1] };
    const chosen = chosenFrom(named, [slot], 0);
    // Times proposed before every unit held its own Yhteistyöaika are the sending unit's, in two parts.
    const hold = { unitId: named.sendingUnitId ?? '', date: slot.date, caseIndexes: slot.caseIndexes, parts: 2 };
    expect(claimedSlots(chosen)).toEqual([hold]);
    const booked = markBooked(chosen, 'event-1', 'https://teams.microsoft.com/l/meetup-join/x', AT);
    if (!booked.ok) throw new Error('setup');
    expect(claimedSlots(booked.value)).toEqual([hold]);
    const elsewhere = markBooked(chosenFrom(named, [{ ...slot, unitId: 'lastensuojelu', parts: 3 }], 0), 'event-1', '', AT);
    expect(elsewhere.ok && claimedSlots(elsewhere.value)).toEqual([{ ...hold, unitId: 'lastensuojelu', parts: 3 }]);
    const moving = chosenFrom(booked.value, [later], 0);
    expect(claimedSlots(moving).map((s) => `${s.date}#${s.caseIndexes.join()}`)).toEqual(['2027-01-20#1', '2026-12-23#0']);
    const cancelled = cancelMeeting(moving, AT);
    expect(cancelled.ok && claimedSlots(cancelled.value)).toEqual([]);
    expect(claimedSlots({ ...booked.value, status: 'withdrawn' })).toEqual([]);
  });

  it('finds what a request holds beyond what it needs, part by part', () => {
    const booked = markBooked(chosenFrom(named, [slot], 0), 'event-1', 'https://teams.microsoft.com/l/meetup-join/x', AT);
    if (!booked.ok) throw new Error('setup');
    const unitId = booked.value.sendingUnitId ?? '';
    const held = [{ unitId, date: '2026-12-23', caseIndexes: [0, 1] }, { unitId, date: '2027-01-20', caseIndexes: [0] }, { unitId: 'lastensuojelu', date: '2026-12-23', caseIndexes: [0] }];
    expect(unclaimedHolds(booked.value, held)).toEqual([{ unitId, date: '2026-12-23', caseIndexes: [1] }, { unitId, date: '2027-01-20', caseIndexes: [0] }, { unitId: 'lastensuojelu', date: '2026-12-23', caseIndexes: [0] }]);
    expect(unclaimedHolds(booked.value, held, [{ unitId, date: '2027-01-20', caseIndexes: [0] }])).toEqual([{ unitId, date: '2026-12-23', caseIndexes: [1] }, { unitId: 'lastensuojelu', date: '2026-12-23', caseIndexes: [0] }]);
    expect(unclaimedHolds(undefined, held)).toEqual(held);
  });
});

/** `request` with `proposals` offered and the one at `index` chosen by the chair. */
function chosenFrom(request: CollaborationRequest, proposals: (typeof slot)[], index: number): CollaborationRequest {
  const proposed = proposeMeeting(request, proposals, [], AT);
  if (!proposed.ok) throw new Error('setup');
  const chosen = chooseSlot(proposed.value, index, 'wilma', AT);
  if (!chosen.ok) throw new Error('setup');
  return chosen.value;
}
