import type { SlotBooking, SlotHold } from '../domain/collaboration/meeting.js';
import { DEFAULT_CASES_PER_SLOT } from '../domain/units/unit-directory.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { SlotReservations } from '../app/ports.js';

/** Longer than any case meeting: a person's holds starting this long before a time cannot reach into it. */
const LONGEST_MEETING_MS = 4 * 3600_000;

// KEYS: the unit's date hash, the unit's dates, the request's holds, the request's people, then each participant's holds.
// ARGV[1]: the booking as JSON (parts, day, request, date, unit, indexes, startMs, endMs); ARGV[2]: the
// person holds' member; ARGV[3]: who meets then, as JSON, which release reads back.
const RESERVE = `
local b = cjson.decode(ARGV[1])
local parts = redis.call('HGET', KEYS[1], 'parts')
if parts and tonumber(parts) ~= b.parts then return 0 end
for _, i in ipairs(b.indexes) do
  local holder = redis.call('HGET', KEYS[1], tostring(i))
  if holder and holder ~= b.request then return 0 end
end
for k = 5, #KEYS do
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[k], b.startMs - ${LONGEST_MEETING_MS}, '(' .. b.endMs)) do
    local holder, s, e = string.match(m, '^(.*)|(%d+)|(%d+)$')
    if holder ~= b.request and tonumber(e) > b.startMs then return 0 end
  end
end
redis.call('HSET', KEYS[1], 'parts', b.parts)
for _, i in ipairs(b.indexes) do
  redis.call('HSET', KEYS[1], tostring(i), b.request)
  redis.call('ZADD', KEYS[3], b.day, b.unit .. '|' .. b.date .. '|' .. i)
end
redis.call('ZADD', KEYS[2], b.day, b.date)
for k = 5, #KEYS do redis.call('ZADD', KEYS[k], b.startMs, ARGV[2]) end
redis.call('HSET', KEYS[4], b.unit .. '|' .. b.date, ARGV[3])
return 1`;

// KEYS: the unit's date hash, the request's holds, the request's people, then the people held then.
// ARGV: request id, date, unit id, then the part indexes. Once the request holds nothing of the
// occurrence its people are free then; an occurrence left with no case forgets its parts, so the
// unit's cases per slot as they are now apply again.
const RELEASE = `
for i = 4, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
  redis.call('ZREM', KEYS[2], ARGV[3] .. '|' .. ARGV[2] .. '|' .. ARGV[i])
end
local stillHeld = false
local all = redis.call('HGETALL', KEYS[1])
for j = 1, #all, 2 do if all[j] ~= 'parts' and all[j + 1] == ARGV[1] then stillHeld = true end end
if not stillHeld then
  local people = redis.call('HGET', KEYS[3], ARGV[3] .. '|' .. ARGV[2])
  if people then
    local member = cjson.decode(people).member
    for k = 4, #KEYS do redis.call('ZREM', KEYS[k], member) end
    redis.call('HDEL', KEYS[3], ARGV[3] .. '|' .. ARGV[2])
  end
end
if #all == 2 and all[1] == 'parts' then redis.call('DEL', KEYS[1]) end
return 1`;

// KEYS: the request's people, then the people who leave, then those who join (ARGV[4] of the leaving).
// ARGV: the field (unit|date), the member, its start, how many leave, the new record.
const REHOLD = `
local leaving = tonumber(ARGV[4])
for k = 2, 1 + leaving do redis.call('ZREM', KEYS[k], ARGV[2]) end
for k = 2 + leaving, #KEYS do redis.call('ZADD', KEYS[k], ARGV[3], ARGV[2]) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[5])
return 1`;

const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * One hash per unit and Yhteistyöaika date: part index → the request holding it. A Lua script
 * checks and takes all parts at once, and checks that no participant is held in another case's
 * meeting then (in any unit's Yhteistyöaika: calendars may not show a booking yet), so two cases
 * confirmed at the same moment cannot share a part or a person. Each request's holds and people
 * are indexed beside, all in the `{slots}` tag.
 */
export class RedisSlotReservations implements SlotReservations {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async reserve(booking: SlotBooking, requestId: string): Promise<boolean> {
    const { unitId, date, caseIndexes, parts, participants } = booking;
    const keys = [
      this.keys.unitSlotDate(unitId, date),
      this.keys.unitSlotDates(unitId),
      this.keys.requestSlotHolds(requestId),
      this.keys.requestSlotPeople(requestId),
      ...participants.map((id) => this.keys.personSlotHolds(id)),
    ];
    const [startMs, endMs] = [Date.parse(booking.start), Date.parse(booking.end)];
    const args = { parts, day: dayNumber(date), request: requestId, date, unit: unitId, indexes: caseIndexes, startMs, endMs };
    const member = `${requestId}|${startMs}|${endMs}`;
    return (await this.redis.eval(RESERVE, keys.length, ...keys, JSON.stringify(args), member, JSON.stringify({ people: participants, member }))) === 1;
  }

  async release(hold: SlotHold, requestId: string): Promise<void> {
    const { unitId, date, caseIndexes } = hold;
    // Who was held then is read first, so the script names every key it touches (Redis Cluster asks that).
    const held = await this.redis.hget(this.keys.requestSlotPeople(requestId), `${unitId}|${date}`);
    const people = held ? (JSON.parse(held) as { people: string[] }).people : [];
    const keys = [this.keys.unitSlotDate(unitId, date), this.keys.requestSlotHolds(requestId), this.keys.requestSlotPeople(requestId), ...people.map((id) => this.keys.personSlotHolds(id))];
    await this.redis.eval(RELEASE, keys.length, ...keys, requestId, date, unitId, ...caseIndexes.map(String));
  }

  async bookedBetween(unitId: string, fromDate: string, toDate: string): Promise<{ date: string; index: number; parts: number; requestId: string }[]> {
    const dates = await this.redis.zrangebyscore(this.keys.unitSlotDates(unitId), dayNumber(fromDate), dayNumber(toDate));
    const held = await Promise.all(dates.map((date) => this.redis.hgetall(this.keys.unitSlotDate(unitId, date))));
    return dates.flatMap((date, i) => {
      const { parts, ...byIndex } = held[i] ?? {};
      return Object.entries(byIndex).map(([index, requestId]) => ({ date, index: Number(index), parts: Number(parts ?? DEFAULT_CASES_PER_SLOT), requestId }));
    });
  }

  async peopleHeld(personIds: readonly string[], fromIso: string, toIso: string, exceptRequestId: string): Promise<{ personId: string; start: string; end: string }[]> {
    const from = Date.parse(fromIso) - LONGEST_MEETING_MS;
    const held = await Promise.all(personIds.map((id) => this.redis.zrangebyscore(this.keys.personSlotHolds(id), from, `(${Date.parse(toIso)}`)));
    return personIds.flatMap((personId, i) =>
      (held[i] ?? []).flatMap((member) => {
        const [, requestId = '', start = '0', end = '0'] = /^(.*)\|(\d+)\|(\d+)$/.exec(member) ?? [];
        return requestId === exceptRequestId ? [] : [{ personId, start: new Date(Number(start)).toISOString(), end: new Date(Number(end)).toISOString() }];
      }),
    );
  }

  async rehold(requestId: string, participants: readonly string[]): Promise<void> {
    const records = await this.redis.hgetall(this.keys.requestSlotPeople(requestId));
    for (const [field, json] of Object.entries(records)) {
      const { people, member } = JSON.parse(json) as { people: string[]; member: string };
      const leaving = people.filter((id) => !participants.includes(id));
      const joining = participants.filter((id) => !people.includes(id));
      if (leaving.length === 0 && joining.length === 0) continue;
      const start = /\|(\d+)\|\d+$/.exec(member)?.[1] ?? '0';
      const keys = [this.keys.requestSlotPeople(requestId), ...[...leaving, ...joining].map((id) => this.keys.personSlotHolds(id))];
      await this.redis.eval(REHOLD, keys.length, ...keys, field, member, start, String(leaving.length), JSON.stringify({ people: participants, member }));
    }
  }

  async heldBy(requestId: string, fromDate: string): Promise<SlotHold[]> {
    const members = await this.redis.zrangebyscore(this.keys.requestSlotHolds(requestId), dayNumber(fromDate), '+inf');
    const byOccurrence = new Map<string, { unitId: string; date: string; caseIndexes: number[] }>();
    for (const member of members) {
      const [unitId = '', date = '', index = ''] = member.split('|');
      const occurrence = byOccurrence.get(`${unitId}|${date}`) ?? { unitId, date, caseIndexes: [] };
      occurrence.caseIndexes.push(Number(index));
      byOccurrence.set(`${unitId}|${date}`, occurrence);
    }
    return [...byOccurrence.values()].map((o) => ({ ...o, caseIndexes: o.caseIndexes.sort((a, b) => a - b) }));
  }
}
