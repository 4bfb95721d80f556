import type { Redis } from 'ioredis';
import type { ActivityDeduplicator } from '../app/ports.js';

const REMEMBER_SECONDS = 10 * 60;

/**
 * The connector re-sends an activity it thinks was lost (seen at 15 s and 30 s), so each
 * (conversation, activity) pair is handled once: SET NX decides, across instances too.
 */
export class RedisActivityDeduplicator implements ActivityDeduplicator {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async firstTime(conversationId: string, activityId: string): Promise<boolean> {
    const reply = await this.redis.set(`${this.prefix}seen:${conversationId}:${activityId}`, '1', 'EX', REMEMBER_SECONDS, 'NX');
    return reply === 'OK';
  }
}
