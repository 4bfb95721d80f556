import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';

/**
 * The shared test Redis for one test file. Each `prefix()` is new under the file's own, so a
 * store made with it starts empty; the file's keys are deleted when it ends.
 */
export function sharedRedis(): { redis: Redis; prefix: () => string } {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const base = `test:${randomUUID().slice(0, 8)}:`;
  afterAll(async () => {
    const keys = await redis.keys(`${base}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  return { redis, prefix: () => `${base}${randomUUID().slice(0, 8)}:` };
}
