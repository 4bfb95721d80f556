import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { LedgerBegin, MessageLedger } from '../app/ports.js';

/** Long enough to outlive any reminder round of a request. */
const RETENTION_MS = 180 * 24 * 3600 * 1000;

/**
 * Longer than one attempt of the proactive sender with its own retries: only a run that died
 * mid-send leaves a lease to lapse, and its message goes again once it has.
 */
const LEASE_MS = 60_000;

// One round trip; Redis's own clock dates the lease, so workers' clocks need not agree.
// `sending:<key>` holds the time its lease ends; 0 once the attempt ended without delivering.
const BEGIN = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {'already_sent', 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local leased = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if leased > now then return {'in_flight', leased - now} end
local lease = tostring(now + tonumber(ARGV[2]))
redis.call('SET', KEYS[2], lease, 'PX', ARGV[1])
return {'send', lease}`;

// Only the attempt that took the lease renews it: its end time is the attempt's token.
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
local t = redis.call('TIME')
local lease = tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2]))
redis.call('SET', KEYS[1], lease, 'KEEPTTL')
return lease`;

// Sent and no longer sending in one step: a worker dying between the two can leave neither half.
const MARK_SENT = `
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
redis.call('DEL', KEYS[2])
return 1`;

const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('SET', KEYS[1], '0', 'KEEPTTL') end
return 1`;

/**
 * `sent:{<key>}` marks a delivered message (the same key earlier versions claimed before sending,
 * so their claims still count as sent); `sending:{<key>}` is the lease of the attempt under way and,
 * left without its `sent:`, the trace of a message that was refused or may or may not have arrived.
 * The lease keeps a job re-run while its first run still lives (a lapsed job lock on a loaded
 * worker) from sending the same message beside it.
 */
export class RedisMessageLedger implements MessageLedger {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly retentionMs = RETENTION_MS,
    private readonly leaseMs = LEASE_MS,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async begin(key: string): Promise<LedgerBegin> {
    const [outcome, detail] = (await this.redis.eval(BEGIN, 2, this.sentKey(key), this.sendingKey(key), this.retentionMs, this.leaseMs)) as [string, number | string];
    if (outcome === 'already_sent') return { outcome };
    if (outcome === 'in_flight') return { outcome, retryInMs: Number(detail) };
    return { outcome: 'send', lease: String(detail), renewEveryMs: Math.ceil(this.leaseMs / 3) };
  }

  async renew(key: string, lease: string): Promise<string | undefined> {
    const renewed = (await this.redis.eval(RENEW, 1, this.sendingKey(key), lease, this.leaseMs)) as string | null;
    return renewed ?? undefined;
  }

  async markSent(key: string): Promise<void> {
    await this.redis.eval(MARK_SENT, 2, this.sentKey(key), this.sendingKey(key), this.retentionMs);
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.sendingKey(key));
  }

  private sentKey(key: string): string {
    return this.keys.sent(key);
  }

  private sendingKey(key: string): string {
    return this.keys.sending(key);
  }
}
