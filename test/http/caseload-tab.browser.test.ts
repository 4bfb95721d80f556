import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedBot } from '../../src/compose/bot.js';
import type { AppConfig } from '../../src/config/env.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { auditChain } from '../support/audit-chain.js';
import { DESCRIBED, PEOPLE, REFERENCE, requestAt } from '../support/app-requests.js';
import { fixedClock } from '../support/bot-harness.js';
import { catalogText, fiText } from '../support/catalog-text.js';
import { directory } from '../support/people.js';
import { startTabBrowserScene, type TabBrowserScene } from '../support/tab-browser-scene.js';

/** Screenshots for a person to look at; the folder is git-ignored. */
const SHOTS = resolve('test-output/caseload-tab');

let scene: TabBrowserScene;
const problems: string[] = [];

/** The usual request with both workers named and proposals out, and a closed one before it. */
async function seed(bot: ComposedBot, config: AppConfig, prefix: string): Promise<void> {
  const requests = new RedisRequestRepository(bot.redis, prefix, new DescriptionCipher(config.encryptionKeys), auditChain(prefix));
  await requests.create({ request: requestAt('proposed'), description: DESCRIBED });
  await requests.create({ request: requestAt('closed', { id: 'closed-request-00000001', reference: 'YT-2026-0007', updatedAt: '2026-11-20T10:00:00.000Z' }), description: DESCRIBED });
}

beforeAll(async () => {
  scene = await startTabBrowserScene(fixedClock('2026-12-01T08:00:00Z'), seed);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await scene?.close();
});

afterEach(() => {
  expect(problems).toEqual([]);
});

async function open(lang: string, personId: string): Promise<Page> {
  const context = await scene.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(scene.url(`/tab/caseload?lang=${lang}`));
  await page.waitForSelector('body[data-state="choose-person"]');
  await page.selectOption('#dev-person', personId);
  await page.waitForSelector('body[data-state="ready"]');
  return page;
}

const tableOf = (page: Page, kind: string) =>
  page.locator(`section[data-kind="${kind}"] tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(0, 3).map((td) => td.textContent)));

describe('the Omat asiat tab in Chromium', () => {
  it("shows a named worker's cases by part, with the next step and a link into the chat, and the ended one apart", async () => {
    const page = await open('fi', PEOPLE.psychiatryMember);
    await expect(page.locator('section h2').allInnerTexts()).resolves.toEqual([fiText('caseload.groups.named'), fiText('caseload.finished')]);
    const chair = directory.person(PEOPLE.worker)!.name;
    expect(await tableOf(page, 'named')).toEqual([[REFERENCE, fiText('status.meeting_proposed'), fiText('caseload.next.choose_time', { holder: chair })]]);
    expect(await tableOf(page, 'finished')).toEqual([['YT-2026-0007', fiText('status.closed'), fiText('caseload.next.none')]]);
    const href = await page.locator('section[data-kind="named"] a').getAttribute('href');
    expect(href?.startsWith('https://teams.microsoft.com/l/chat/0/0?users=28%3A')).toBe(true);
    await expect(page.locator('body').innerText()).resolves.not.toContain(DESCRIBED.texts.wantedServices);
    await page.screenshot({ path: join(SHOTS, '01-named-worker-fi.png'), fullPage: true });
    await page.close();
  });

  it('shows the sender their cases in Swedish, and someone in no case that they have none', async () => {
    const page = await open('sv', PEOPLE.worker);
    await expect(page.locator('section h2').first().innerText()).resolves.toBe(catalogText('caseload.groups.sent', {}, 'sv'));
    await page.screenshot({ path: join(SHOTS, '02-sender-sv.png'), fullPage: true });
    await page.close();
    const none = await open('fi', PEOPLE.outsiderLead);
    await expect(none.locator('#caseload').innerText()).resolves.toBe(fiText('caseload.empty'));
    await none.close();
  });
});
