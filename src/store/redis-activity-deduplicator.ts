import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { ActivityDeduplicator } from '../app/ports.js';

const REMEMBER_SECONDS = 10 * 60;

/**
 * The connector re-sends an activity it thinks was lost (seen at 15 s and 30 s), so each
 * (conversation, activity) pair is handled once: SET NX decides, across instances too.
 */
export class RedisActivityDeduplicator implements ActivityDeduplicator {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async firstTime(conversationId: string, activityId: string): Promise<boolean> {
    const reply = await this.redis.set(this.keys.seen(conversationId, activityId), '1', 'EX', REMEMBER_SECONDS, 'NX');
    return reply === 'OK';
  }

  async forget(conversationId: string, activityId: string): Promise<void> {
    await this.redis.del(this.keys.seen(conversationId, activityId));
  }
}
