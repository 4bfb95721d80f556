import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ensureRedis, startBot, stopAll } from '../../scripts/local-stack.js';
import { screenshot } from './playground-driver.js';

/** What every click-through scenario does around its clicks: a bot of its own, screenshots, clean exit. */

/** A bot on `port` with the local defaults and a key prefix of its own, and Redis if none answers. */
export async function startScenarioBot(port: number, env: Record<string, string> = {}): Promise<void> {
  process.loadEnvFile('.env.example');
  Object.assign(process.env, env);
  process.env.REDIS_KEY_PREFIX = `e2e:${randomUUID().slice(0, 8)}:`;
  process.env.LOG_LEVEL = 'warn';
  await ensureRedis(process.env.REDIS_URL!);
  await startBot(process.env, port);
}

/** Numbered screenshots in `dir`, so the steps read in order. */
export function screenshots(dir: string): (page: Page, name: string) => Promise<void> {
  mkdirSync(dir, { recursive: true });
  let step = 0;
  return (page, name) => screenshot(page, `${dir}/${String(++step).padStart(2, '0')}-${name}.png`, false);
}

/** Runs the scenario, stops every process it started, and exits with its outcome. */
export function runScenario(scenario: () => Promise<void>): void {
  scenario()
    .then(() => {
      stopAll();
      process.exit(0);
    })
    .catch((error: Error) => {
      console.error(error);
      stopAll();
      process.exit(1);
    });
}
