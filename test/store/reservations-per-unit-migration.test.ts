import { describe, expect, it } from 'vitest';
import { KeySpace } from '../../src/store/key-space.js';
import { moveReservationsToUnits } from '../../src/store/reservations-per-unit-migration.js';
import { RedisSlotReservations } from '../../src/store/redis-slot-reservations.js';
import { requestAt, SLOTS } from '../support/app-requests.js';
import { sharedRedis } from '../support/shared-redis.js';

const { redis, prefix } = sharedRedis();
const DATE = SLOTS[0]!.date;

/** What a release before each unit held its own Yhteistyöaika left: one county-wide hash per date. */
async function writeCountyWide(p: string): Promise<void> {
  const keys = new KeySpace(p);
  // Booked before units had their own: its slot names no unit.
  const slot = { date: DATE, start: SLOTS[0]!.start, end: SLOTS[0]!.end, caseIndexes: [0] };
  const booked = requestAt('booked', { id: 'r-booked', meeting: { generation: 1, proposals: [slot], skipped: [], booked: { slot, eventId: 'e1', joinUrl: '', bookedAt: '' } } });
  await redis.hset(keys.request('r-booked'), 'meta', JSON.stringify(booked));
  await redis.hset(keys.request('r-moved-on'), 'meta', JSON.stringify(requestAt('routed', { id: 'r-moved-on' })));
  await redis.hset(keys.slotDate(DATE), '0', 'r-booked', '1', 'r-moved-on');
  await redis.zadd(keys.slotDates(), Math.floor(Date.parse(`${DATE}T00:00:00Z`) / 86_400_000), keys.slotDate(DATE));
}

describe('moving county-wide Yhteistyöaika reservations to their units', () => {
  it('gives each held part to the sending unit of its request, with its people, drops parts no request still has, and does it once', async () => {
    const p = prefix();
    await writeCountyWide(p);
    expect(await moveReservationsToUnits(redis, p)).toBe(1);
    const reservations = new RedisSlotReservations(redis, p);
    expect(await reservations.bookedBetween('perhesosiaalityo', DATE, DATE)).toEqual([{ date: DATE, index: 0, parts: 2, requestId: 'r-booked' }]);
    expect(await reservations.heldBy('r-booked', DATE)).toEqual([{ unitId: 'perhesosiaalityo', date: DATE, caseIndexes: [0] }]);
    const owner = requestAt('booked').ownerId;
    expect(await reservations.peopleHeld([owner], `${DATE}T00:00:00.000Z`, `${DATE}T23:00:00.000Z`, 'another')).toEqual([{ personId: owner, start: SLOTS[0]!.start, end: SLOTS[0]!.end }]);
    const keys = new KeySpace(p);
    expect(await redis.exists(keys.slotDate(DATE), keys.slotDates())).toBe(0);
    // A second process starting later finds the marker and moves nothing.
    await redis.hset(keys.slotDate(DATE), '1', 'r-booked');
    expect(await moveReservationsToUnits(redis, p)).toBe(0);
  });
});
