import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildTab } from '../../scripts/build-tab.js';
import type { Clock } from '../../src/app/ports.js';
import { composeBot, type ComposedBot } from '../../src/compose/bot.js';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { CHROMIUM_PATH, launchBrowser } from '../e2e/playground-driver.js';

/** A composed bot serving freshly built tab pages on a loopback port, its own Redis prefix, and headless Chromium. */
export interface TabBrowserScene {
  readonly bot: ComposedBot;
  readonly config: AppConfig;
  readonly prefix: string;
  readonly browser: Browser;
  url(path: string): string;
  /** Stops everything it started and deletes its Redis keys. */
  close(): Promise<void>;
}

export async function startTabBrowserScene(clock: Clock, seed: (bot: ComposedBot, config: AppConfig, prefix: string) => Promise<void>): Promise<TabBrowserScene> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no browser at ${CHROMIUM_PATH}: install chromium (apt-get install -y chromium)`);
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const assets = mkdtempSync(join(tmpdir(), 'yt-tab-assets-'));
  await buildTab(assets);
  const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' });
  const bot = composeBot(config, { clock, tabAssetsDir: assets });
  if (!(await bot.ready(2000))) throw new Error('Redis does not answer');
  await seed(bot, config, prefix);
  const server = await new Promise<Server>((done) => {
    const listening = bot.app.listen(0, '127.0.0.1', () => done(listening));
  });
  const browser = await launchBrowser(true);
  return {
    bot,
    config,
    prefix,
    browser,
    url: (path) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      const keys = await bot.redis.keys(`${prefix}*`);
      if (keys.length > 0) await bot.redis.del(...keys);
      await bot.close();
      rmSync(assets, { recursive: true, force: true });
    },
  };
}
