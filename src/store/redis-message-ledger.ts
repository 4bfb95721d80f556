import type { Redis } from 'ioredis';
import type { MessageLedger } from '../app/ports.js';

/** Long enough to outlive any reminder round of a request. */
const RETENTION_MS = 180 * 24 * 3600 * 1000;

// One round trip, and nothing is noted as begun for a message that already went.
const BEGIN = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'already_sent' end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 'send'`;

/**
 * `sent:<key>` marks a delivered message (the same key earlier versions claimed before sending,
 * so their claims still count as sent); `sending:<key>` keeps a begun one for as long: one left
 * without its `sent:` is a message that was refused, or that may or may not have arrived.
 */
export class RedisMessageLedger implements MessageLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs = RETENTION_MS,
  ) {}

  async begin(key: string): Promise<'send' | 'already_sent'> {
    const outcome = await this.redis.eval(BEGIN, 2, this.sentKey(key), this.sendingKey(key), '1', this.retentionMs);
    return outcome as 'send' | 'already_sent';
  }

  async markSent(key: string): Promise<void> {
    await this.redis.set(this.sentKey(key), '1', 'PX', this.retentionMs);
    await this.redis.del(this.sendingKey(key));
  }

  private sentKey(key: string): string {
    return `${this.prefix}sent:${key}`;
  }

  private sendingKey(key: string): string {
    return `${this.prefix}sending:${key}`;
  }
}
