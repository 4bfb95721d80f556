import type { Redis } from 'ioredis';

/**
 * Report links used so far, by link id, each remembered until shortly after the link expires:
 * SET NX spends a link atomically, so of two downloads at once, on any instances, one gets the file.
 */
export class RedisLinkUses {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async claim(linkId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(linkId), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async used(linkId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(linkId))) === 1;
  }

  private key(linkId: string): string {
    return `${this.prefix}report-link-used:${linkId}`;
  }
}
