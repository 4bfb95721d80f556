import type { FigureChange, MonthCounters } from '../domain/metrics/month-figures.js';
import type { RedisClient } from './redis-connection.js';
import { repliesOf } from './redis-replies.js';

/**
 * Adds counter changes to the hashes from KEYS[first] on. `changes` is a flat list of strings:
 * the key's place after `first`, the counter, the amount. Amounts travel as strings, since Lua
 * would print a large number as 1e+15, which HINCRBY refuses. A counter back at 0 goes, so a month
 * nothing counts in any more holds nothing, as one nothing ever counted in.
 */
export const ADD_FIGURES_LUA = `
local function add_figures(first, changes)
  for i = 1, #changes, 3 do
    local key = KEYS[first + tonumber(changes[i])]
    if redis.call('HINCRBY', key, changes[i + 1], changes[i + 2]) == 0 then redis.call('HDEL', key, changes[i + 1]) end
  end
end
`;

/** What a record keeps of the contributions counted for it, so the next write counts only the difference. */
export function encodeFigures(changes: readonly FigureChange[]): string {
  const grouped: Record<string, Record<string, number>> = {};
  for (const c of changes) (grouped[`${c.unitId} ${c.month}`] ??= {})[c.counter] = c.amount;
  return changes.length === 0 ? '' : JSON.stringify(grouped);
}

/** The contributions a record says were counted for it; none when it says nothing (written before the counters). */
export function decodeFigures(encoded: string | null | undefined): FigureChange[] {
  if (!encoded) return [];
  const grouped = JSON.parse(encoded) as Record<string, Record<string, number>>;
  return Object.entries(grouped).flatMap(([place, counters]) => {
    const [unitId = '', month = ''] = place.split(' ');
    return Object.entries(counters).map(([counter, amount]) => ({ unitId, month, counter, amount }));
  });
}

/** The keys a change touches (named by `keyOf`) and the flat list `add_figures` takes, places counted from 0. */
export function figureArgs(changes: readonly FigureChange[], keyOf: (unitId: string, month: string) => string): { keys: string[]; changes: string } {
  const keys: string[] = [];
  const flat = changes.flatMap((c) => {
    const key = keyOf(c.unitId, c.month);
    let place = keys.indexOf(key);
    if (place < 0) place = keys.push(key) - 1;
    return [String(place), c.counter, String(c.amount)];
  });
  return { keys, changes: JSON.stringify(flat) };
}

/** Every unit's months' counters in one round trip: one HGETALL per unit and month. */
export async function readMonthFigures(redis: RedisClient, keyOf: (unitId: string, month: string) => string, unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]> {
  if (unitIds.length === 0 || months.length === 0) return unitIds.map(() => []);
  const pipeline = redis.pipeline();
  for (const unitId of unitIds) for (const month of months) pipeline.hgetall(keyOf(unitId, month));
  const replies = await repliesOf<Record<string, string>>(pipeline);
  return unitIds.map((_, u) =>
    months.map((_, m) => Object.fromEntries(Object.entries(replies[u * months.length + m] ?? {}).map(([counter, amount]) => [counter, Number(amount)]))),
  );
}
