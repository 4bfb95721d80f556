import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/**
 * The second SDK's run (`npm run test:agents`): every test of test/bot, test/security and
 * test/faults that drives the bot through its SDK — a harness, a bot or worker process, or the
 * SDK itself. The rest of those folders (card rendering, text commands, formatting) never reaches
 * an SDK and would only repeat the same result.
 */
const DRIVES_THE_BOT = /BotHarness|WorkerScene|BotProcess|EffectWorkerProcess|createBotSdk|SDK_UNDER_TEST/;
const files = ['test/bot', 'test/security', 'test/faults'].flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(dir, file))
    .filter((file) => DRIVES_THE_BOT.test(readFileSync(file, 'utf8'))),
);

// Not mergeConfig: it would append these to the base's include instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: files } });
