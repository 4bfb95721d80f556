import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { SlotReservations } from '../app/ports.js';

const RESERVE = `
for i = 1, #ARGV - 2 do
  local holder = redis.call('HGET', KEYS[1], ARGV[i])
  if holder and holder ~= ARGV[#ARGV] then return 0 end
end
for i = 1, #ARGV - 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[#ARGV]) end
redis.call('ZADD', KEYS[2], ARGV[#ARGV - 1], KEYS[1])
return 1`;

const RELEASE = `
for i = 1, #ARGV - 1 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[#ARGV] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 1`;

const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * One hash per Yhteistyöaika date: part index → the request holding it. A Lua script checks and
 * takes all parts at once, so two cases confirmed at the same moment cannot share a part. The
 * date list names each date's hash by its key, in the `{slots}` tag with it.
 */
export class RedisSlotReservations implements SlotReservations {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async reserve(date: string, caseIndexes: readonly number[], requestId: string): Promise<boolean> {
    const args = [...caseIndexes.map(String), String(dayNumber(date)), requestId];
    return (await this.redis.eval(RESERVE, 2, this.keys.slotDate(date), this.keys.slotDates(), ...args)) === 1;
  }

  async release(date: string, caseIndexes: readonly number[], requestId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys.slotDate(date), ...caseIndexes.map(String), requestId);
  }

  async bookedBetween(fromDate: string, toDate: string): Promise<{ date: string; index: number }[]> {
    const keys = await this.redis.zrangebyscore(this.keys.slotDates(), dayNumber(fromDate), dayNumber(toDate));
    const booked: { date: string; index: number }[] = [];
    for (const key of keys) {
      const date = key.slice(this.keys.slotDate('').length);
      for (const index of Object.keys(await this.redis.hgetall(key))) booked.push({ date, index: Number(index) });
    }
    return booked;
  }

  async heldBy(requestId: string, fromDate: string): Promise<{ date: string; caseIndexes: number[] }[]> {
    const keys = await this.redis.zrangebyscore(this.keys.slotDates(), dayNumber(fromDate), '+inf');
    const held: { date: string; caseIndexes: number[] }[] = [];
    for (const key of keys) {
      const parts = Object.entries(await this.redis.hgetall(key)).flatMap(([index, holder]) => (holder === requestId ? [Number(index)] : []));
      if (parts.length > 0) held.push({ date: key.slice(this.keys.slotDate('').length), caseIndexes: parts.sort((a, b) => a - b) });
    }
    return held;
  }
}
