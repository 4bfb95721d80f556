import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ensureRedis, startBot, startPlayground, stopAll } from '../../scripts/local-stack.js';
import { PLAYGROUND_PEOPLE, playgroundConfig, type PlaygroundPerson } from '../../scripts/playground-config.js';
import { parseUnitDirectory } from '../../src/config/unit-directory-file.js';
import { translator } from '../../src/i18n/translator.js';
import { closePlayground, openPlayground, screenshot, sendMessage, waitForCardText } from './playground-driver.js';

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

export const directory = parseUnitDirectory(readFileSync('infra/unit-directory.example.yaml', 'utf8'), 'example');
export const nameOf = (person: PlaygroundPerson) => directory.person(person.aadObjectId)!.name;

/**
 * One Playground per person (it cannot switch users), each greeted by the bot once: the bot then
 * has everyone's conversation for its proactive cards. Keyed by the person's Playground id.
 */
export async function openEveryonesPlayground(browser: Browser, botPort: number, firstPort: number): Promise<Map<string, Page>> {
  const t = translator('fi');
  const pages = new Map<string, Page>();
  for (const [index, person] of PLAYGROUND_PEOPLE.entries()) {
    const url = await startPlayground(botPort, firstPort + index, playgroundConfig(directory, person));
    const page = await openPlayground(url, { browser });
    await sendMessage(page, 'hei');
    await waitForCardText(page, t('welcome.title', { name: nameOf(person) }));
    pages.set(person.id, page);
  }
  return pages;
}

/** What a click-through holds open while it runs. */
export interface ClickThroughScene {
  readonly pages: ReadonlyMap<string, Page>;
  readonly browser: Browser;
  readonly graph: { stop(): Promise<void> };
  readonly shot: (page: Page, name: string) => Promise<void>;
  /** Where the screenshots go, said at the end. */
  readonly out: string;
}

/**
 * Runs the clicks; a failure leaves a screenshot of every chat to see it by, and the Playgrounds,
 * the browser and the Graph sandbox are closed either way.
 */
export async function clickThrough(scene: ClickThroughScene, clicks: () => Promise<void>): Promise<void> {
  try {
    await clicks();
  } catch (error) {
    for (const [id, page] of scene.pages) await scene.shot(page, `failure-${id}`);
    throw error;
  } finally {
    for (const page of scene.pages.values()) await closePlayground(page);
    await scene.browser.close();
    await scene.graph.stop();
  }
  console.log(`Screenshots in ${scene.out}`);
}
