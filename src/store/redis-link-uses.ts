import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';

/**
 * Report links used so far, by link id, each remembered until shortly after the link expires:
 * SET NX spends a link atomically, so of two downloads at once, on any instances, one gets the file.
 */
export class RedisLinkUses {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async claim(linkId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(linkId), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async used(linkId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(linkId))) === 1;
  }

  private key(linkId: string): string {
    return this.keys.reportLinkUsed(linkId);
  }
}
