import type { Browser } from 'playwright-core';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { plusDays } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import { formatDate } from '../../src/bot/cards/formatting.js';
import { translator } from '../../src/i18n/translator.js';
import { cards, clickCardButton, fillCardInput, launchBrowser, selectCardChoice, setToggle, waitForCardText } from './playground-driver.js';
import { clickThrough, directory, openEveryonesPlayground, runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`, sixth part: issue #15's continuity as people click it. Wilma sends, Sanna
 * approves, the psychiatry lead acknowledges and then moves the date: asked for the new date and a
 * reason in the card first, then moving with both; Wilma's chat says the date moved. The lead
 * names her worker and then replaces him with a colleague who has never opened the bot: asked to
 * confirm first; the old worker's card stops showing the case and he is told, and the lead hears
 * that the new worker could not be reached yet (the app installs itself for them in #20).
 */
const OUT = process.env.E2E_SCREENSHOTS_CONTINUITY ?? '/tmp/yhteistyobotti-e2e-continuity';
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
  await clickThrough({ pages, browser, graph, shot, out: OUT }, async () => {
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
    console.log('continuity: the lead was asked for the new date and a reason, moved the date, and the chair was told in one line beside her updated card');

    const worker = page('psy-worker');
    const colleague = directory.person(directory.unit('lastenpsykiatria')!.members[1]!)!.name;
    await selectCardChoice(lead, t('case.workerLabel'), directory.person('00000000-0000-4000-8000-000000007010')!.name);
    await clickCardButton(lead, t('case.nameWorker'));
    await waitForCardText(lead, t('case.replaceWorker'));
    await waitForCardText(worker, t('case.namedTitle', { reference }));
    await selectCardChoice(lead, t('case.replaceWorkerLabel'), colleague);
    await selectCardChoice(lead, t('case.replaceReasonLabel'), t('case.replaceReasons.long_absence'));
    await clickCardButton(lead, t('case.replaceWorker'));
    await waitForCardText(lead, t('confirm.title'));
    await shot(lead, 'replace-asks-first');
    await clickCardButton(lead, t('confirm.confirm'));
    await waitForCardText(lead, t('case.workerReplacedResult', { name: colleague }));
    const released = t('case.workerReleased', { reference, unit: directory.unitName('lastenpsykiatria', 'fi')! });
    await waitForCardText(worker, released);
    await shot(worker, 'old-worker-released');
    await waitForCardText(lead, new RegExp(`${reference}.*${colleague}`));
    await shot(lead, 'new-worker-unreachable-told');
    const workerCards = await cards(worker).allInnerTexts();
    if (workerCards.some((text) => text.includes('Lastenpsykiatrialta arvio'))) throw new Error('the replaced worker still sees the description');
    console.log('continuity: the lead replaced the named worker after confirming; the old worker’s cards stopped showing the case, and the lead was told the new worker cannot be reached yet');

    // Wilma hands the chair to a colleague of her unit, confirming first.
    const chair = directory.person(directory.unit('perhesosiaalityo')!.members[1]!)!.name;
    await selectCardChoice(wilma, t('case.handOverLabel'), chair);
    await clickCardButton(wilma, t('case.handOver'));
    await waitForCardText(wilma, t('confirm.handOverChair', { name: chair, previous: directory.person('00000000-0000-4000-8000-000000000101')!.name }));
    await shot(wilma, 'hand-over-asks-first');
    await clickCardButton(wilma, t('confirm.confirm'));
    await waitForCardText(wilma, t('case.chairReleased', { reference, name: chair }));
    await shot(wilma, 'chair-handed-over');
    const wilmaCards = await cards(wilma).allInnerTexts();
    if (wilmaCards.some((text) => text.includes(t('case.withdraw')))) throw new Error('the old chair still has the case’s buttons');
    console.log('continuity: the chair handed the case over after confirming; her card no longer shows it or its buttons');
  });
}

runScenario(main);
