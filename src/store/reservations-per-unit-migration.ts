import { participantsOf } from '../domain/collaboration/follow-up.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import { DEFAULT_CASES_PER_SLOT } from '../domain/units/unit-directory.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import { RedisSlotReservations } from './redis-slot-reservations.js';

/**
 * Moves the reservations of releases before each unit held its own Yhteistyöaika (one county-wide
 * hash per date, two parts each) into the sending unit of the request holding each part, which is
 * whose they were: those releases knew no other. Idempotent (reserving is, for the same holder);
 * a part whose request is gone is dropped. Two processes starting at once both move the same holds.
 */
export async function moveReservationsToUnits(redis: RedisClient, prefix: string): Promise<number> {
  const keys = new KeySpace(prefix);
  if ((await redis.get(keys.slotsPerUnitMarker())) === '1') return 0;
  const reservations = new RedisSlotReservations(redis, prefix);
  const dateKeys = await redis.zrange(keys.slotDates(), '0', '-1');
  let moved = 0;
  for (const dateKey of dateKeys) {
    const date = dateKey.slice(keys.slotDate('').length);
    for (const [index, requestId] of Object.entries(await redis.hgetall(dateKey))) {
      const meta = await redis.hget(keys.request(requestId), 'meta');
      const request = meta ? (JSON.parse(meta) as CollaborationRequest) : undefined;
      if (!request?.sendingUnitId) continue;
      const { chosen, booked } = request.meeting ?? {};
      const slot = [chosen, booked?.slot].find((s) => s?.date === date);
      // A part held for a time the request no longer has is not moved: it is given back, as a missed release would have.
      if (!slot) continue;
      const hold = { unitId: request.sendingUnitId, date, caseIndexes: [Number(index)], parts: DEFAULT_CASES_PER_SLOT };
      await reservations.reserve({ ...hold, start: slot.start, end: slot.end, participants: participantsOf(request) }, requestId);
      moved++;
    }
    await redis.del(dateKey);
    await redis.zrem(keys.slotDates(), dateKey);
  }
  await redis.set(keys.slotsPerUnitMarker(), '1');
  return moved;
}
