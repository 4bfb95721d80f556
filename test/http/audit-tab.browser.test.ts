import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedBot } from '../../src/compose/bot.js';
import type { AppConfig } from '../../src/config/env.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { auditChain } from '../support/audit-chain.js';
import { AT, PEOPLE, REFERENCE, REQUEST_ID, requestAt } from '../support/app-requests.js';
import { fixedClock } from '../support/bot-harness.js';
import { catalogText, fiText } from '../support/catalog-text.js';
import { directory } from '../support/people.js';
import { EMPTY_DESCRIPTION } from '../support/routing-fakes.js';
import { startTabBrowserScene, type TabBrowserScene } from '../support/tab-browser-scene.js';

/** Screenshots for a person to look at; the folder is git-ignored. */
const SHOTS = resolve('test-output/audit-tab');
const OFFICER = directory.dataProtectionOfficers[0]!;

let scene: TabBrowserScene;
const problems: string[] = [];

/** The usual request, sent and then approved by its supervisor as the bot stores it: the decision and its audit entry in one write. */
async function approvedRequest(bot: ComposedBot, config: AppConfig, prefix: string): Promise<void> {
  const requests = new RedisRequestRepository(bot.redis, prefix, new DescriptionCipher(config.encryptionKeys), auditChain(prefix));
  const submitted = requestAt('submitted');
  await requests.create({ request: submitted, description: EMPTY_DESCRIPTION });
  const approval = { at: AT, actorId: PEOPLE.supervisor, action: 'request.approved' as const, requestId: REQUEST_ID, reference: REFERENCE, status: 'approved' };
  await requests.update({ request: requestAt('routed'), description: EMPTY_DESCRIPTION }, submitted.version, approval);
}

beforeAll(async () => {
  scene = await startTabBrowserScene(fixedClock('2026-12-01T08:00:00Z'), approvedRequest);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await scene?.close();
});

afterEach(() => {
  expect(problems).toEqual([]);
});

/** `refusedWith`: the status an API answer is meant to have, which the browser logs as a console error. */
async function open(lang: string, refusedWith?: number): Promise<Page> {
  const context = await scene.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    const expected = refusedWith !== undefined && message.text().includes(`status of ${refusedWith}`);
    if (message.type() === 'error' && !expected) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(scene.url(`/tab/audit?lang=${lang}`));
  await page.waitForSelector('body[data-state="choose-person"]');
  return page;
}

describe('the audit trail tab in Chromium', () => {
  it('shows the officer the trail of a reference typed as people type it, and downloads it as CSV', async () => {
    const page = await open('fi');
    await expect(page.locator('.dev-banner p').innerText()).resolves.toBe(fiText('audit.tab.devExplain'));
    await page.selectOption('#dev-person', OFFICER);
    await page.waitForSelector('body[data-state="signed-in"]');
    await page.fill('#reference', 'yt-2026-42');
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-state="ready"][data-reference="YT-2026-0042"]');
    await expect(page.locator('#trail h2').innerText()).resolves.toBe(fiText('audit.tab.heading', { reference: REFERENCE, status: fiText('status.routed') }));
    const rows = await page.locator('#trail tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(0, 3).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['24.11.2026 klo 12.00', fiText('audit.action.request.approved'), 'Sanna Esihenkilö'],
      ['1.12.2026 klo 10.00', fiText('audit.action.request.audit_read'), 'Tuula Tietosuoja'],
    ]);
    await page.screenshot({ path: join(SHOTS, '01-officer-fi.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-download')]);
    expect(download.suggestedFilename()).toBe('yhteistyotiimi-loki-YT-2026-0042.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[1]).toMatch(new RegExp(`^2026-11-24 12:00:00;${fiText('audit.action.request.approved')};Sanna Esihenkilö;`));
    await page.close();
  });

  it('tells the officer of a reference that is no request, in Swedish', async () => {
    const page = await open('sv', 404);
    await page.selectOption('#dev-person', OFFICER);
    await page.fill('#reference', 'YT-2026-0404');
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-state="not-found"]');
    await expect(page.locator('#status').innerText()).resolves.toBe(catalogText('audit.tab.state.notFound', {}, 'sv'));
    await page.close();
  });
});
