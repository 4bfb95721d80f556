import { describe, expect, it } from 'vitest';
import type { SlotReservations } from '../../../src/app/ports.js';

const DATE = '2026-12-03';

const booked = async (reservations: SlotReservations, from = DATE, to = DATE) =>
  (await reservations.bookedBetween(from, to)).map(({ date, index }) => `${date}#${index}`).sort();

export function describeSlotReservationsContract(name: string, make: () => SlotReservations): void {
  describe(`slot reservations contract (${name})`, () => {
    it('takes every part asked for or none', async () => {
      const reservations = make();
      expect(await reservations.reserve(DATE, [0], 'r1')).toBe(true);
      expect(await reservations.reserve(DATE, [1, 0], 'r2')).toBe(false);
      expect(await booked(reservations)).toEqual([`${DATE}#0`]);
      expect(await reservations.reserve(DATE, [1], 'r3')).toBe(true);
    });

    it("lets a request take its own parts again, with more beside them", async () => {
      const reservations = make();
      await reservations.reserve(DATE, [0], 'r1');
      expect(await reservations.reserve(DATE, [0, 1], 'r1')).toBe(true);
      expect(await booked(reservations)).toEqual([`${DATE}#0`, `${DATE}#1`]);
    });

    it('gives back only the parts the request holds', async () => {
      const reservations = make();
      await reservations.reserve(DATE, [0, 1], 'r1');
      await reservations.reserve(DATE, [2], 'r2');
      await reservations.release(DATE, [0, 1, 2], 'r1');
      expect(await booked(reservations)).toEqual([`${DATE}#2`]);
      expect(await reservations.reserve(DATE, [0, 1], 'r3')).toBe(true);
    });

    it('lists the parts booked between two dates, both included', async () => {
      const reservations = make();
      for (const date of ['2026-11-26', '2026-11-30', '2026-12-01', '2026-12-02']) await reservations.reserve(date, [1], `r-${date}`);
      expect(await booked(reservations, '2026-11-27', '2026-12-01')).toEqual(['2026-11-30#1', '2026-12-01#1']);
      expect(await booked(reservations, '2027-01-01', '2027-01-31')).toEqual([]);
    });

    it('lists what one request holds from a date on, by date, and nothing it gave back', async () => {
      const reservations = make();
      await reservations.reserve('2026-11-25', [0], 'r1');
      await reservations.reserve('2026-12-09', [1, 0], 'r1');
      await reservations.reserve('2026-12-09', [2], 'r2');
      await reservations.reserve('2026-12-23', [0], 'r1');
      await reservations.release('2026-12-23', [0], 'r1');
      expect(await reservations.heldBy('r1', '2026-12-01')).toEqual([{ date: '2026-12-09', caseIndexes: [0, 1] }]);
      expect(await reservations.heldBy('r2', '2026-12-09')).toEqual([{ date: '2026-12-09', caseIndexes: [2] }]);
      expect(await reservations.heldBy('r3', '2026-11-01')).toEqual([]);
    });

    it('gives a part wanted by two simultaneous bookings to exactly one', async () => {
      const reservations = make();
      const dates = Array.from({ length: 8 }, (_, i) => `2026-12-${String(i + 10)}`);
      for (const date of dates) {
        const [first, second] = await Promise.all([reservations.reserve(date, [0, 1], 'r1'), reservations.reserve(date, [1, 2], 'r2')]);
        expect(first !== second, date).toBe(true);
        expect(await booked(reservations, date, date)).toEqual((first ? [0, 1] : [1, 2]).map((i) => `${date}#${i}`));
      }
    });
  });
}
