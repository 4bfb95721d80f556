import { describe, expect, it } from 'vitest';
import type { SlotBooking } from '../../../src/domain/collaboration/meeting.js';
import type { SlotReservations } from '../../../src/app/ports.js';

const DATE = '2026-12-03';
const UNIT = 'perhesosiaalityo';

/** A booking of parts of a unit's occurrence; by default in three parts and with nobody in it, so only parts can clash. */
function booking(date: string, caseIndexes: number[], more: Partial<SlotBooking> = {}): SlotBooking {
  return { unitId: UNIT, date, caseIndexes, parts: 3, start: `${date}T10:00:00.000Z`, end: `${date}T10:30:00.000Z`, participants: [], ...more };
}

const booked = async (reservations: SlotReservations, from = DATE, to = DATE, unitId = UNIT) =>
  (await reservations.bookedBetween(unitId, from, to)).map(({ date, index }) => `${date}#${index}`).sort();

export function describeSlotReservationsContract(name: string, make: () => SlotReservations): void {
  describe(`slot reservations contract (${name})`, () => {
    it('takes every part asked for or none', async () => {
      const reservations = make();
      expect(await reservations.reserve(booking(DATE, [0]), 'r1')).toBe(true);
      expect(await reservations.reserve(booking(DATE, [1, 0]), 'r2')).toBe(false);
      expect(await booked(reservations)).toEqual([`${DATE}#0`]);
      expect(await reservations.reserve(booking(DATE, [1]), 'r3')).toBe(true);
    });

    it('lets a request take its own parts again, with more beside them', async () => {
      const reservations = make();
      await reservations.reserve(booking(DATE, [0]), 'r1');
      expect(await reservations.reserve(booking(DATE, [0, 1]), 'r1')).toBe(true);
      expect(await booked(reservations)).toEqual([`${DATE}#0`, `${DATE}#1`]);
    });

    it('gives back only the parts the request holds', async () => {
      const reservations = make();
      await reservations.reserve(booking(DATE, [0, 1]), 'r1');
      await reservations.reserve(booking(DATE, [2]), 'r2');
      await reservations.release(booking(DATE, [0, 1, 2]), 'r1');
      expect(await booked(reservations)).toEqual([`${DATE}#2`]);
      expect(await reservations.reserve(booking(DATE, [0, 1]), 'r3')).toBe(true);
    });

    it('keeps each unit’s occurrences apart: the same part of the same date goes to a case of each unit', async () => {
      const reservations = make();
      expect(await reservations.reserve(booking(DATE, [0, 1, 2]), 'r1')).toBe(true);
      expect(await reservations.reserve(booking(DATE, [0, 1, 2], { unitId: 'lastensuojelu' }), 'r2')).toBe(true);
      expect(await reservations.reserve(booking(DATE, [0], { unitId: 'aikuissosiaalityo' }), 'r3')).toBe(true);
      expect(await booked(reservations, DATE, DATE, 'lastensuojelu')).toEqual([0, 1, 2].map((i) => `${DATE}#${i}`));
      expect(await booked(reservations, DATE, DATE, 'vammaispalvelut')).toEqual([]);
    });

    it('refuses a time whose occurrence is held in another number of parts, until its last case is given back', async () => {
      const reservations = make();
      await reservations.reserve(booking(DATE, [0], { parts: 2 }), 'r1');
      expect(await reservations.reserve(booking(DATE, [2], { parts: 3 }), 'r2')).toBe(false);
      expect((await reservations.bookedBetween(UNIT, DATE, DATE)).map((b) => b.parts)).toEqual([2]);
      await reservations.release(booking(DATE, [0]), 'r1');
      expect(await reservations.reserve(booking(DATE, [2], { parts: 3 }), 'r2')).toBe(true);
    });

    it('never holds a person in two overlapping case meetings, in whichever units’ Yhteistyöaika, and frees them with the release', async () => {
      const reservations = make();
      const noon = { start: `${DATE}T10:00:00.000Z`, end: `${DATE}T10:45:00.000Z` };
      const later = { start: `${DATE}T10:45:00.000Z`, end: `${DATE}T11:30:00.000Z` };
      expect(await reservations.reserve(booking(DATE, [0], { parts: 2, ...noon, participants: ['anna', 'bertta'] }), 'r1')).toBe(true);
      expect(await reservations.reserve(booking(DATE, [0], { unitId: 'lastensuojelu', parts: 2, ...noon, participants: ['cecilia', 'bertta'] }), 'r2')).toBe(false);
      // Back to back is no overlap.
      expect(await reservations.reserve(booking(DATE, [1], { unitId: 'lastensuojelu', parts: 2, ...later, participants: ['bertta'] }), 'r3')).toBe(true);
      expect(await reservations.peopleHeld(['bertta', 'cecilia'], `${DATE}T00:00:00.000Z`, `${DATE}T23:00:00.000Z`, 'r3')).toEqual([{ personId: 'bertta', ...noon }]);
      await reservations.release(booking(DATE, [0]), 'r1');
      expect(await reservations.peopleHeld(['anna', 'bertta'], `${DATE}T00:00:00.000Z`, `${DATE}T23:00:00.000Z`, 'r3')).toEqual([]);
      expect(await reservations.reserve(booking(DATE, [0], { unitId: 'lastensuojelu', parts: 2, ...noon, participants: ['cecilia', 'bertta'] }), 'r2')).toBe(true);
    });

    it('holds the people of a request’s times as they change: the one who left is free then, the one who joined is held', async () => {
      const reservations = make();
      const noon = { start: `${DATE}T10:00:00.000Z`, end: `${DATE}T10:45:00.000Z` };
      const day = [`${DATE}T00:00:00.000Z`, `${DATE}T23:00:00.000Z`] as const;
      await reservations.reserve(booking(DATE, [0], { parts: 2, ...noon, participants: ['anna', 'bertta'] }), 'r1');
      await reservations.rehold('r1', ['anna', 'cecilia']);
      expect(await reservations.peopleHeld(['bertta', 'cecilia'], ...day, 'other')).toEqual([{ personId: 'cecilia', ...noon }]);
      expect(await reservations.reserve(booking(DATE, [0], { unitId: 'lastensuojelu', parts: 2, ...noon, participants: ['bertta'] }), 'r2')).toBe(true);
      expect(await reservations.reserve(booking(DATE, [1], { unitId: 'aikuissosiaalityo', parts: 2, ...noon, participants: ['cecilia'] }), 'r3')).toBe(false);
      await reservations.release(booking(DATE, [0]), 'r1');
      expect(await reservations.peopleHeld(['anna', 'cecilia'], ...day, 'other')).toEqual([]);
    });

    it('lists the parts booked between two dates, both included', async () => {
      const reservations = make();
      for (const date of ['2026-11-26', '2026-11-30', '2026-12-01', '2026-12-02']) await reservations.reserve(booking(date, [1]), `r-${date}`);
      expect(await booked(reservations, '2026-11-27', '2026-12-01')).toEqual(['2026-11-30#1', '2026-12-01#1']);
      expect(await booked(reservations, '2027-01-01', '2027-01-31')).toEqual([]);
    });

    it('lists what one request holds from a date on, by unit and date, and nothing it gave back', async () => {
      const reservations = make();
      await reservations.reserve(booking('2026-11-25', [0]), 'r1');
      await reservations.reserve(booking('2026-12-09', [1, 0]), 'r1');
      await reservations.reserve(booking('2026-12-09', [2]), 'r2');
      await reservations.reserve(booking('2026-12-23', [0]), 'r1');
      await reservations.release(booking('2026-12-23', [0]), 'r1');
      expect(await reservations.heldBy('r1', '2026-12-01')).toEqual([{ unitId: UNIT, date: '2026-12-09', caseIndexes: [0, 1] }]);
      expect(await reservations.heldBy('r2', '2026-12-09')).toEqual([{ unitId: UNIT, date: '2026-12-09', caseIndexes: [2] }]);
      expect(await reservations.heldBy('r3', '2026-11-01')).toEqual([]);
    });

    it('gives a part wanted by two simultaneous bookings to exactly one', async () => {
      const reservations = make();
      const dates = Array.from({ length: 8 }, (_, i) => `2026-12-${String(i + 10)}`);
      for (const date of dates) {
        const [first, second] = await Promise.all([reservations.reserve(booking(date, [0, 1]), 'r1'), reservations.reserve(booking(date, [1, 2]), 'r2')]);
        expect(first !== second, date).toBe(true);
        expect(await booked(reservations, date, date)).toEqual((first ? [0, 1] : [1, 2]).map((i) => `${date}#${i}`));
      }
    });

    it('gives a person wanted by two simultaneous bookings of different units to exactly one', async () => {
      const reservations = make();
      const [first, second] = await Promise.all([
        reservations.reserve(booking(DATE, [0], { participants: ['anna'] }), 'r1'),
        reservations.reserve(booking(DATE, [0], { unitId: 'lastensuojelu', participants: ['anna'] }), 'r2'),
      ]);
      expect(first !== second).toBe(true);
    });
  });
}
