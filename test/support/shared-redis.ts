import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import type { RedisClient } from '../../src/store/redis-connection.js';
import { deleteKeys, testRedis } from './test-redis.js';

export { TEST_REDIS_URL, deleteKeys, keysUnder, testRedis } from './test-redis.js';

/**
 * The shared test Redis for one test file. Each `prefix()` is new under the file's own, so a
 * store made with it starts empty; the file's keys are deleted when it ends.
 */
export function sharedRedis(): { redis: RedisClient; prefix: () => string } {
  const redis = testRedis();
  const base = `test:${randomUUID().slice(0, 8)}:`;
  afterAll(async () => {
    await deleteKeys(redis, base);
    await redis.quit();
  });
  return { redis, prefix: () => `${base}${randomUUID().slice(0, 8)}:` };
}
