import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/**
 * `npm run test:cluster`: the store and bot tests again (the contract suites, the flow tests and every other
 * file that reaches Redis through sharedRedis or the harness alone), on a Redis
 * Cluster of three masters that test/support/cluster-global-setup.ts starts from redis-server
 * (REDIS_URL then names it as redis+cluster://). A script or transaction whose keys fall in two
 * slots fails here as it would on Azure Managed Redis with the OSS cluster policy.
 */
/** Files that start a Redis of their own, or read keys with commands a cluster answers per node. */
const OWN_REDIS = /OwnRedis|WorkerScene|ReminderScene|new Redis\(|redis\.keys\(|connection: \{ url/;
const files = ['test/store', 'test/bot'].flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(dir, file))
    .filter((file) => !OWN_REDIS.test(readFileSync(file, 'utf8'))),
);

// Not mergeConfig: it would append these to the base's include instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: files, globalSetup: [...(base.test?.globalSetup as string[]), 'test/support/cluster-global-setup.ts'] } });
