import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/config/questionnaire-file.js';
import type { MonthMetrics } from '../../src/domain/metrics/unit-metrics.js';
import { fixedClock, SUPERVISOR } from '../support/bot-harness.js';
import { LEADERSHIP_ID, METRICS_NOW, storeActivity, twoMonthsOfWork } from '../support/metrics-activity.js';
import { catalogText, fiText } from '../support/catalog-text.js';
import { startTabBrowserScene, type TabBrowserScene } from '../support/tab-browser-scene.js';
import { unitMetrics } from '../support/unit-metrics-oracle.js';

/** Screenshots for a person to look at; the folder is git-ignored. */
const SHOTS = resolve('test-output/metrics-tab');
const LEAD = SUPERVISOR.aadObjectId;
const activity = twoMonthsOfWork();
const QUESTION_IDS = loadQuestionnaire('infra/feedback-questions.yaml').questions.map((q) => q.id);

/** What the domain computes from the seeded activity: the figures the page must show. */
function expected(unitId: string, month: string): MonthMetrics {
  const [row] = unitMetrics({ unitId, months: [month], requests: activity.requests, answers: activity.answers.map((a) => a.answer), questionIds: QUESTION_IDS });
  return row!;
}

const sentIn = (unitId: string, month: string) => activity.requests.filter((r) => r.sendingUnitId === unitId && r.submittedAt?.startsWith(month)).length;

let scene: TabBrowserScene;
let context: BrowserContext;
/** Requests that tried to leave this machine: there must be none. */
const external: string[] = [];
/** Console errors and uncaught exceptions of the page, CSP violations among them. */
const pageErrors: string[] = [];
const shots: string[] = [];

const url = (path: string) => scene.url(path);

beforeAll(async () => {
  scene = await startTabBrowserScene(fixedClock(METRICS_NOW), (bot, config, prefix) => storeActivity(bot.redis, prefix, config.encryptionKeys, activity));
  mkdirSync(SHOTS, { recursive: true });
  context = await scene.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fi-FI', acceptDownloads: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    external.push(route.request().url());
    return route.abort();
  });
});

afterAll(async () => {
  await scene?.close();
  if (shots.length > 0) console.log(`metrics tab screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
  expect(external).toEqual([]);
});

async function open(lang: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url(`/tab/metrics?lang=${lang}`));
  await page.waitForSelector('body[data-state="choose-person"]');
  return page;
}

/** Waits until the page shows what the last change asked for. */
async function shown(page: Page, state: Record<string, string>): Promise<void> {
  const selector = Object.entries({ state: 'ready', ...state })
    .map(([name, value]) => `[data-${name}="${value}"]`)
    .join('');
  await page.waitForSelector(`body${selector}`);
}

async function signInAs(page: Page, personId: string): Promise<void> {
  await page.selectOption('#dev-person', personId);
  await shown(page, { viewer: personId });
}

async function choosePeriod(page: Page, from: string, to: string): Promise<void> {
  await page.fill('#from-filter', from);
  await page.fill('#to-filter', to);
  await shown(page, { period: `${from}..${to}` });
}

/** A figure as the unit's table under a chart shows it (the table may be folded away). */
async function cell(page: Page, unitId: string, chart: string, month: string, key: string): Promise<string | null> {
  return page.locator(`section[data-unit="${unitId}"] table[data-chart="${chart}"] tr[data-month="${month}"] td[data-key="${key}"]`).textContent({ timeout: 2000 });
}

/** How many pixels of the unit's charts have paint on them: a chart that drew nothing has none. */
function paintedPixels(page: Page, unitId: string): Promise<number[]> {
  return page.$$eval(`section[data-unit="${unitId}"] canvas`, (canvases) =>
    (canvases as HTMLCanvasElement[]).map((canvas) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return painted;
    }),
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(SHOTS, name);
  await page.screenshot({ path, fullPage: true });
  shots.push(path);
}

const openTables = (page: Page, unitId: string) =>
  page.$$eval(`section[data-unit="${unitId}"] details`, (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));

const decimal = (value: number) => value.toLocaleString('fi-FI', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe('metrics tab in Chromium', () => {
  it('shows a supervisor the charts and figures of their own unit, under a marked dev sign-in', async () => {
    const page = await open('fi');
    expect((await page.locator('.dev-banner strong').innerText()).toLowerCase()).toBe(fiText('tab.dev.banner').toLowerCase());
    await signInAs(page, LEAD);
    await choosePeriod(page, '2026-10', '2026-11');
    expect(await page.locator('#unit-filter option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'perhesosiaalityo']);
    expect(await page.locator('section.unit').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-unit')))).toEqual(['perhesosiaalityo']);

    const painted = await paintedPixels(page, 'perhesosiaalityo');
    expect(painted).toHaveLength(6);
    for (const pixels of painted) expect(pixels).toBeGreaterThan(500);

    const november = expected('perhesosiaalityo', '2026-11');
    expect(november.sent).toBe(sentIn('perhesosiaalityo', '2026-11'));
    expect(november.sent).toBeGreaterThan(3);
    expect(await cell(page, 'perhesosiaalityo', 'requests', '2026-11', 'sent')).toBe(String(november.sent));
    expect(await cell(page, 'perhesosiaalityo', 'requests', '2026-10', 'sent')).toBe(String(sentIn('perhesosiaalityo', '2026-10')));
    expect(await cell(page, 'perhesosiaalityo', 'requests', '2026-11', 'received')).toBe(String(november.received));
    expect(await cell(page, 'perhesosiaalityo', 'meetings', '2026-11', 'meetingsHeld')).toBe(String(november.meetingsHeld));
    expect(await cell(page, 'perhesosiaalityo', 'sentLeadTimes', '2026-11', 'sentLeadDays.approval')).toBe(decimal(november.sentLeadDays.approval!));
    expect(await cell(page, 'perhesosiaalityo', 'feedback', '2026-11', 'question.clarified')).toBe('4,2');
    expect(await page.locator('section[data-unit="perhesosiaalityo"] [data-note="suppressed"]').count()).toBe(0);
    await openTables(page, 'perhesosiaalityo');
    await screenshot(page, '01-supervisor-fi.png');
    await page.close();
  });

  it('lets leadership filter by unit, redraws the figures, hides a small group and downloads the CSV', async () => {
    const page = await open('fi');
    await signInAs(page, LEADERSHIP_ID);
    await choosePeriod(page, '2026-10', '2026-11');
    expect(await page.locator('#unit-filter option').count()).toBe(11);
    expect(await page.locator('section.unit').count()).toBe(10);
    await screenshot(page, '02-leadership-all-units-fi.png');

    await page.selectOption('#unit-filter', 'perhesosiaalityo');
    await shown(page, { unit: 'perhesosiaalityo' });
    const familyRequests = await page.locator('table[data-chart="requests"]').textContent();
    expect(await cell(page, 'perhesosiaalityo', 'requests', '2026-11', 'sent')).toBe(String(sentIn('perhesosiaalityo', '2026-11')));

    await page.selectOption('#unit-filter', 'terveysasemat');
    await shown(page, { unit: 'terveysasemat' });
    expect(await page.locator('section.unit').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-unit')))).toEqual(['terveysasemat']);
    expect(await page.locator('table[data-chart="requests"]').textContent()).not.toBe(familyRequests);
    const health = expected('terveysasemat', '2026-11');
    expect(await cell(page, 'terveysasemat', 'requests', '2026-11', 'sent')).toBe(String(sentIn('terveysasemat', '2026-11')));
    expect(await cell(page, 'terveysasemat', 'answerRate', '2026-11', 'workerAnswers')).toBe('3');
    expect(health.questionAverages.clarified).toBe('suppressed');
    for (const id of QUESTION_IDS) expect(await cell(page, 'terveysasemat', 'feedback', '2026-11', `question.${id}`)).toBe(fiText('tab.suppressed', { min: 5 }));
    await expect(page.locator('section[data-unit="terveysasemat"] [data-note="suppressed"]').innerText()).resolves.toBe(
      fiText('tab.suppressedNote', { min: 5, months: '11/2026' }),
    );
    await openTables(page, 'terveysasemat');
    await screenshot(page, '03-leadership-small-group-fi.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-download')]);
    expect(download.suggestedFilename()).toBe('yhteistyotiimi-mittarit-2026-10-2026-11.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.startsWith([fiText('report.unit'), fiText('report.month'), fiText('report.metric.sent'), fiText('report.metric.received'), ''].join(';'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('Terveysasemapalvelut;'))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('Terveysasemapalvelut;2026-11;'))).toMatch(
      new RegExp(`^Terveysasemapalvelut;2026-11;${health.sent};${health.received};.*;3;\\d+\\s%;${Array(4).fill(fiText('report.suppressed', { min: 5 })).join(';')};$`),
    );
    await page.close();
  });

  it('speaks Swedish when opened in Swedish', async () => {
    const page = await open('sv');
    expect((await page.locator('.dev-banner strong').innerText()).toLowerCase()).toBe(catalogText('tab.dev.banner', {}, 'sv').toLowerCase());
    await signInAs(page, LEAD);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await expect(page.locator('h1').innerText()).resolves.toBe(catalogText('tab.title', {}, 'sv'));
    expect(await page.locator('section[data-unit="perhesosiaalityo"] figcaption').allInnerTexts()).toEqual(
      ['requests', 'sentLeadTimes', 'receivedLeadTimes', 'meetings', 'feedback', 'answerRate'].map((chart) => catalogText(`tab.chart.${chart}`, {}, 'sv')),
    );
    await expect(page.locator('section[data-unit="perhesosiaalityo"] h2').innerText()).resolves.toBe('Familjesocialarbete');
    expect(await page.locator('table[data-chart="requests"] thead th[data-key="sent"]').textContent()).toBe(catalogText('report.metric.sent', {}, 'sv'));
    expect(await cell(page, 'perhesosiaalityo', 'requests', '2026-11', 'sent')).toBe(String(sentIn('perhesosiaalityo', '2026-11')));
    await screenshot(page, '04-supervisor-sv.png');
    await page.close();
  });
});
