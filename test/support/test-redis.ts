/** The test Redis, without vitest: the bench imports the harness's people and activities from outside a test run. */
import { globEscaped } from '../../src/store/key-space.js';
import { connectTo, scanKeys, type RedisClient } from '../../src/store/redis-connection.js';

/** The test Redis at `REDIS_URL`: one node, or the cluster `npm run test:cluster` starts. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A client to the test Redis that waits for it, as a test's own reads should. */
export function testRedis(): RedisClient {
  return connectTo(TEST_REDIS_URL, {});
}

/** Deletes every key under `prefix`, on every master of a cluster, one key a command (keys of a prefix span slots). */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<void> {
  await scanKeys(redis, `${globEscaped(prefix)}*`, async (keys) => {
    await Promise.all(keys.map((key) => redis.unlink(key)));
  });
}

/** Every key under `prefix`, on every master. */
export async function keysUnder(redis: RedisClient, pattern: string): Promise<string[]> {
  const found = new Set<string>();
  await scanKeys(redis, pattern, async (keys) => {
    for (const key of keys) found.add(key);
  });
  return [...found];
}
