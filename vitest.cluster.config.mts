import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/**
 * `npm run test:cluster`: the store contract suites and the bot's flow tests again, on a Redis
 * Cluster of three masters that test/support/cluster-global-setup.ts starts from redis-server
 * (REDIS_URL then names it as redis+cluster://). A script or transaction whose keys fall in two
 * slots fails here as it would on Azure Managed Redis with the OSS cluster policy.
 */
const inDir = (dir: string, ending: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith(ending))
    .map((file) => join(dir, file));
const files = [...inDir('test/store', '.contract.test.ts'), ...inDir('test/bot', '.flow.test.ts')];

// Not mergeConfig: it would append these to the base's include instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: files, globalSetup: ['test/support/cluster-global-setup.ts'] } });
