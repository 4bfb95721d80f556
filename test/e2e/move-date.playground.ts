import type { Browser } from 'playwright-core';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { plusDays } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import { formatDate } from '../../src/bot/cards/formatting.js';
import { translator } from '../../src/i18n/translator.js';
import { cards, clickCardButton, closePlayground, fillCardInput, launchBrowser, selectCardChoice, setToggle, waitForCardText } from './playground-driver.js';
import { directory, openEveryonesPlayground, runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`, sixth part: issue #15's moved processing date as people click it. Wilma sends,
 * Sanna approves, the psychiatry lead acknowledges and then moves the date: asked for the new date
 * and a reason in the card first, then moving with both; Wilma's chat says the date moved.
 */
const OUT = process.env.E2E_SCREENSHOTS_MOVE_DATE ?? '/tmp/yhteistyobotti-e2e-move-date';
const BOT_PORT = 3973;
const t = translator('fi');
const shot = screenshots(OUT);
const RECEIVING = ['lastenpsykiatria', 'terveysasemat'] as const;
const unitOption = (id: string) => `${directory.unitName(id, 'fi')} (${t(`unitKind.${directory.unit(id)!.kind}`)})`;

async function main(): Promise<void> {
  const graph = await startGraphSandbox();
  await startScenarioBot(BOT_PORT, { ...sandboxEnvironment(graph), YHTEISTYOAIKA_ANCHOR: '2026-01-07' });
  const browser: Browser = await launchBrowser();
  const pages = await openEveryonesPlayground(browser, BOT_PORT, 56390);
  const page = (id: string) => pages.get(id)!;
  const [wilma, sanna, lead] = [page('wilma'), page('sanna'), page('psy-lead')];
  try {
    await clickCardButton(wilma, t('welcome.newRequest'));
    await waitForCardText(wilma, t('form.title'));
    await selectCardChoice(wilma, t('form.collaborationUnitIds'), RECEIVING.map(unitOption));
    await fillCardInput(wilma, t('form.wantedServices'), 'Lastenpsykiatrialta arvio unihäiriöistä.');
    await fillCardInput(wilma, t('form.receivedServices'), 'Perhetyötä syksystä.');
    await fillCardInput(wilma, t('form.whatWorked'), 'Kotikäynnit ovat toimineet.');
    await fillCardInput(wilma, t('form.assessmentHighlights'), 'Tarvitaan koordinoitua tukea.');
    await setToggle(wilma, t('form.consentRecorded'), true);
    await setToggle(wilma, t('form.needConfirmedInTeam'), true);
    await clickCardButton(wilma, t('form.send'));
    await waitForCardText(wilma, /YT-\d{4}-\d{4}/);
    const reference = /YT-\d{4}-\d{4}/.exec(await cards(wilma).last().innerText())![0];
    await waitForCardText(sanna, t('case.approvalTitle', { reference }));
    await clickCardButton(sanna, t('case.approve'));
    await waitForCardText(lead, /Yhteistyöpyyntö YT-\d{4}-\d{4} yksikölle/);

    const today = countyDate(new Date());
    const [first, moved] = [plusDays(today, 1), plusDays(today, 8)];
    await fillCardInput(lead, t('case.processingDateLabel'), first);
    await clickCardButton(lead, t('case.acknowledge'));
    await waitForCardText(lead, t('case.moveDate'));
    await shot(lead, 'acknowledged-with-move');

    await clickCardButton(lead, t('case.moveDate'));
    await waitForCardText(lead, t('validation.moveReasonRequired'));
    await waitForCardText(lead, t('validation.dateRequired'));
    await shot(lead, 'asked-for-date-and-reason');

    await fillCardInput(lead, t('case.moveDateLabel'), moved);
    await selectCardChoice(lead, t('case.moveReasonLabel'), t('case.moveReasons.team_meeting_moved'));
    await clickCardButton(lead, t('case.moveDate'));
    await waitForCardText(lead, t('case.dateMovedResult', { date: formatDate(moved, 'fi') }));
    await shot(lead, 'moved');

    const note = t('note.processingDateMoved', { reference, unit: directory.unitName('lastenpsykiatria', 'fi')!, from: formatDate(first, 'fi'), to: formatDate(moved, 'fi'), reason: t('case.moveReasons.team_meeting_moved') });
    await waitForCardText(wilma, note);
    await shot(wilma, 'chair-told');
    console.log('move date: the lead was asked for the new date and a reason, moved the date, and the chair was told in one line beside her updated card');
  } catch (error) {
    for (const [id, p] of pages) await shot(p, `failure-${id}`);
    throw error;
  } finally {
    for (const p of pages.values()) await closePlayground(p);
    await browser.close();
    await graph.stop();
  }
  console.log(`Screenshots in ${OUT}`);
}

runScenario(main);
