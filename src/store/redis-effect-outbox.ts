import type { QueuedEffect } from '../app/effect.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import { queuedEffectSchema } from './schemas/outbox-record.js';
import { CorruptRecordError, readRecord } from './schemas/stored-record.js';

/**
 * The Lua function every script that stores a decision uses to write what the decision sets in
 * motion, in the same atomic step. `entries` alternates key and payload; `now` orders them, so
 * the relay moves the oldest first. A key written twice (a retried write) stays one entry.
 */
export const WRITE_OUTBOX_LUA = `
local function write_outbox(hash, index, now, entries)
  for i = 1, #entries, 2 do
    redis.call('HSET', hash, entries[i], entries[i + 1])
    redis.call('ZADD', index, 'NX', now, entries[i])
  end
end
`;

const ADD = `${WRITE_OUTBOX_LUA}
write_outbox(KEYS[1], KEYS[2], ARGV[2], cjson.decode(ARGV[1]))
return 1`;

// Removes the entry only if it is still what the relay queued: a newer write under the same key stays.
const SETTLE = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return 1`;

const SET_ASIDE = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return 1`;

/** An outbox entry as the relay reads it: the effect, its payload as stored, and when it was written. */
export interface PendingEffect {
  readonly entry: QueuedEffect;
  readonly payload: string;
  readonly writtenAt: number;
}

/**
 * Effects committed with their decisions and not yet queued. Two Redis keys: a hash (key →
 * payload) and a sorted set (key by write time). Only ids and keys are stored, never client text.
 */
export class RedisEffectOutbox {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keySpace = new KeySpace(prefix);
  }

  private readonly keySpace: KeySpace;

  keys(): [string, string] {
    return [this.keySpace.outbox(), this.keySpace.outboxOrder()];
  }

  /** The script arguments for `write_outbox`: entries as one JSON array (key, payload, key, payload …). */
  encode(effects: readonly QueuedEffect[]): string {
    return JSON.stringify(effects.flatMap((entry) => [entry.key, JSON.stringify(entry)]));
  }

  /**
   * The oldest entries first. One that does not read as an effect (written by a newer release, or
   * damaged) is set aside under `outbox:unreadable` for an operator, so it cannot hold up the rest;
   * `setAside` is told its key.
   */
  async oldest(limit: number, setAside: (key: string) => void = () => {}): Promise<PendingEffect[]> {
    const [hash, order] = this.keys();
    const ranked = await this.redis.zrangebyscore(order, '-inf', '+inf', 'WITHSCORES', 'LIMIT', 0, limit);
    const keys = ranked.filter((_, i) => i % 2 === 0);
    if (keys.length === 0) return [];
    const payloads = await this.redis.hmget(hash, ...keys);
    const pending: PendingEffect[] = [];
    for (const [i, key] of keys.entries()) {
      const payload = payloads[i];
      // Settled by another relay between the two reads.
      if (!payload) continue;
      try {
        pending.push({ entry: readRecord(queuedEffectSchema, 'outbox entry', key, payload), payload, writtenAt: Number(ranked[i * 2 + 1]) });
      } catch (error) {
        if (!(error instanceof CorruptRecordError)) throw error;
        await this.redis.eval(SET_ASIDE, 3, hash, order, this.keySpace.outboxUnreadable(), key, payload);
        setAside(key);
      }
    }
    return pending;
  }

  /** Writes effects to the outbox on their own, for a job's follow-ons: the relay queues them as it does a decision's. */
  async add(effects: readonly QueuedEffect[]): Promise<void> {
    await this.redis.eval(ADD, 2, ...this.keys(), this.encode(effects), Date.now());
  }

  async settle(pending: PendingEffect): Promise<void> {
    await this.redis.eval(SETTLE, 2, ...this.keys(), pending.entry.key, pending.payload);
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.keys()[1]);
  }
}
