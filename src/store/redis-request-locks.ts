import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { RequestLocks } from '../app/ports.js';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * SET NX PX with a random token: the hold expires by itself if its holder dies, and only the
 * holder can release it. A waiter polls briefly, which is enough for a double click.
 */
export class RedisRequestLocks implements RequestLocks {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly holdMs = 10_000,
    private readonly waitMs = 3_000,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async withLock<T>(requestId: string, work: () => Promise<T>): Promise<T | undefined> {
    const key = this.keys.requestLock(requestId);
    const token = randomBytes(12).toString('base64url');
    const deadline = Date.now() + this.waitMs;
    while ((await this.redis.set(key, token, 'PX', this.holdMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline) return undefined;
      await sleep(25);
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token);
    }
  }
}
