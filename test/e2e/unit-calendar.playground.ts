import type { Browser, Page } from 'playwright-core';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { PLAYGROUND_PEOPLE, playgroundConfig } from '../../scripts/playground-config.js';
import { startPlayground } from '../../scripts/local-stack.js';
import { plusDays } from '../../src/domain/slots/calendar-days.js';
import { firstOccurrenceFrom, DEFAULT_SERIES } from '../../src/domain/slots/yhteistyoaika-series.js';
import { countyDate } from '../../src/domain/time.js';
import { translator } from '../../src/i18n/translator.js';
import { formatDate } from '../../src/bot/cards/formatting.js';
import { cards, clickCardButton, closePlayground, fillCardInput, launchBrowser, openPlayground, sendMessage, waitForCardText } from './playground-driver.js';
import { directory, nameOf, runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`, fifth part: issue #15's Yhteistyöajat as a supervisor clicks them. Sanna writes
 * "yhteistyöajat", sees her unit's next eight occurrences, tries to block one without a reason and
 * is told in the card, blocks it with one, sees it blocked, and unblocks it; Wilma, who leads no
 * unit, is told the view is for its leads. No click is answered with silence.
 */
const OUT = process.env.E2E_SCREENSHOTS_CALENDAR ?? '/tmp/yhteistyobotti-e2e-calendar';
const BOT_PORT = 3974;
const ANCHOR = '2026-01-07';
const t = translator('fi');
const shot = screenshots(OUT);
const person = (id: string) => PLAYGROUND_PEOPLE.find((p) => p.id === id)!;

async function open(browser: Browser, id: string, port: number): Promise<Page> {
  const url = await startPlayground(BOT_PORT, port, playgroundConfig(directory, person(id)));
  const page = await openPlayground(url, { browser });
  await sendMessage(page, 'hei');
  await waitForCardText(page, t('welcome.title', { name: nameOf(person(id)) }));
  return page;
}

async function main(): Promise<void> {
  const graph = await startGraphSandbox();
  await startScenarioBot(BOT_PORT, { ...sandboxEnvironment(graph), YHTEISTYOAIKA_ANCHOR: ANCHOR });
  const browser = await launchBrowser();
  const pages: Page[] = [];
  try {
    const wilma = await open(browser, 'wilma', 56290);
    const sanna = await open(browser, 'sanna', 56291);
    pages.push(wilma, sanna);

    await sendMessage(wilma, 'yhteistyöajat');
    await waitForCardText(wilma, t('errors.calendar.not_a_lead'));
    await shot(wilma, 'worker-told-view-is-for-leads');

    const first = firstOccurrenceFrom({ ...DEFAULT_SERIES, anchor: ANCHOR }, countyDate(new Date()));
    const second = formatDate(plusDays(first, 14), 'fi');
    await sendMessage(sanna, 'yhteistyöajat');
    await waitForCardText(sanna, t('unitCalendar.title', { unit: directory.unitName('perhesosiaalityo', 'fi')! }));
    await waitForCardText(sanna, t('unitCalendar.heading', { date: second, from: '12.00', to: '13.30' }));
    await shot(sanna, 'calendar');

    const cardsBefore = await cards(sanna).count();
    await clickCardButton(sanna, t('unitCalendar.block', { date: second }));
    await waitForCardText(sanna, t('errors.block.reason_required'));
    await shot(sanna, 'reason-asked-for');

    await fillCardInput(sanna, t('unitCalendar.reasonLabel'), 'Koulutuspäivä');
    await clickCardButton(sanna, t('unitCalendar.block', { date: second }));
    await waitForCardText(sanna, t('unitCalendar.blockedResult', { date: second }));
    await waitForCardText(sanna, /Estetty: Koulutuspäivä/);
    await shot(sanna, 'blocked');
    // Answered in place: the calendar card was replaced, not joined by another.
    if ((await cards(sanna).count()) !== cardsBefore) throw new Error('blocking posted a new card instead of updating the calendar in place');

    await clickCardButton(sanna, t('unitCalendar.unblock', { date: second }));
    await waitForCardText(sanna, t('unitCalendar.unblockedResult', { date: second }));
    await shot(sanna, 'unblocked');
    const deputy = directory.person(directory.unit('perhesosiaalityo')!.deputies[0]!)!.name;
    await sendMessage(sanna, `poissa 2026-12-21..2027-01-03 sijainen ${deputy}`);
    await waitForCardText(sanna, t('reminder.absenceRecorded', { from: '21.12.2026', to: '3.1.2027', units: directory.unitName('perhesosiaalityo', 'fi')!, toWhom: deputy }));
    await shot(sanna, 'absence-recorded');
    console.log('unit calendar: the supervisor recorded her Christmas absence with her deputy standing in');
    console.log('unit calendar: the supervisor saw her unit’s Yhteistyöajat, was asked for a reason, blocked and unblocked an occurrence in place; the worker was told the view is for leads');
  } catch (error) {
    for (const [i, page] of pages.entries()) await shot(page, `failure-${i}`);
    throw error;
  } finally {
    for (const page of pages) await closePlayground(page);
    await browser.close();
    await graph.stop();
  }
  console.log(`Screenshots in ${OUT}`);
}

runScenario(main);
