import type { Browser } from 'playwright-core';
import { seedDemoBusyTimes } from '../../scripts/graph-sandbox/seed.js';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { PLAYGROUND_PEOPLE } from '../../scripts/playground-config.js';
import { translator } from '../../src/i18n/translator.js';
import {
  clickCardButton,
  fillCardInput,
  launchBrowser,
  openConversation,
  selectCardChoice,
  sendMessage,
  setToggle,
  waitForCardText,
  waitForText,
} from './playground-driver.js';
import { clickThrough, directory, nameOf, openEveryonesPlayground, runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`, second part: the approval and routing flow clicked through by six people, each in
 * their own Agents Playground: the worker sends, the supervisor returns it once, the worker fixes
 * and resends, the supervisor approves, two units receive it in their channels, both acknowledge
 * and name workers, and the worker's card shows it all.
 */
const OUT = process.env.E2E_SCREENSHOTS ?? '/tmp/yhteistyobotti-e2e-routing';
const BOT_PORT = 3977;
const ANCHOR = '2026-01-07';
const t = translator('fi');
const unitName = (id: string) => `${directory.unitName(id, 'fi')} (${t(`unitKind.${directory.unit(id)!.kind}`)})`;

const shot = screenshots(OUT);

async function main(): Promise<void> {
  const graph = await startGraphSandbox();
  seedDemoBusyTimes(graph, new Date(), ANCHOR);
  await startScenarioBot(BOT_PORT, { ...sandboxEnvironment(graph), YHTEISTYOAIKA_ANCHOR: ANCHOR });
  const browser: Browser = await launchBrowser();
  const pages = await openEveryonesPlayground(browser, BOT_PORT, 56170);
  const page = (id: string) => pages.get(id)!;
  await clickThrough({ pages, browser, graph, shot, out: OUT }, async () => {
    // Receiving supervisors link a channel each to their unit.
    for (const [lead, channel] of [['psy-lead', 'Perhesosiaalityö - Yhteistyöpyynnöt'], ['health-lead', 'Perhesosiaalityö - General']] as const) {
      await openConversation(page(lead), channel);
      await sendMessage(page(lead), 'yhdistä yksikkö', { mention: 'Yhteistyöbotti' });
      await waitForText(page(lead), /Tämä kanava vastaanottaa nyt yksikön/);
      await shot(page(lead), `${lead}-channel-linked`);
    }

    // The worker sends.
    const wilma = page('wilma');
    await clickCardButton(wilma, t('welcome.newRequest'));
    await waitForCardText(wilma, t('form.title'));
    await selectCardChoice(wilma, t('form.collaborationUnitIds'), [unitName('lastenpsykiatria'), unitName('terveysasemat')]);
    await fillCardInput(wilma, t('form.wantedServices'), 'Lastenpsykiatrialta arvio unihäiriöistä, terveysasemalta tukea vanhemman jaksamiseen.');
    await fillCardInput(wilma, t('form.receivedServices'), 'Perhetyötä syksystä.');
    await fillCardInput(wilma, t('form.whatWorked'), 'Kotikäynnit ovat toimineet.');
    await fillCardInput(wilma, t('form.assessmentHighlights'), 'Tarvitaan koordinoitua tukea.');
    await setToggle(wilma, t('form.consentRecorded'), true);
    await setToggle(wilma, t('form.needConfirmedInTeam'), true);
    await clickCardButton(wilma, t('form.send'));
    await waitForCardText(wilma, /YT-\d{4}-\d{4}/);
    await shot(wilma, 'worker-sent');

    // The supervisor returns it once.
    const sanna = page('sanna');
    await waitForCardText(sanna, /Hyväksyttäväksi: yhteistyöpyyntö YT-/);
    await shot(sanna, 'supervisor-approval-card');
    await fillCardInput(sanna, t('case.commentLabel'), 'Tarkenna, mitä terveysasemalta toivotaan.');
    await clickCardButton(sanna, t('case.return'));
    await waitForCardText(sanna, /Palautti Sanna Esihenkilö/);

    // The worker fixes and resends.
    await waitForCardText(wilma, 'Tarkenna, mitä terveysasemalta toivotaan.');
    await shot(wilma, 'worker-returned');
    await clickCardButton(wilma, t('case.edit'));
    await waitForCardText(wilma, t('form.title'));
    await fillCardInput(wilma, t('form.wantedServices'), 'Lastenpsykiatrialta arvio unihäiriöistä, terveysasemalta vanhemman jaksamisen tuki.');
    await clickCardButton(wilma, t('form.send'));
    await waitForCardText(wilma, /on lähetetty/);

    // The supervisor approves.
    await clickCardButton(sanna, t('case.approve'));
    // The answer says so at once; the redraw once the units have it keeps the decision line.
    await waitForCardText(sanna, /on hyväksytty ja lähetetty yksiköille|Hyväksyi Sanna Esihenkilö/);
    await shot(sanna, 'supervisor-approved');

    // Both units acknowledge in their channels and name a worker.
    for (const [lead, worker] of [['psy-lead', 'psy-worker'], ['health-lead', 'health-worker']] as const) {
      const p = page(lead);
      await waitForCardText(p, /Yhteistyöpyyntö YT-\d{4}-\d{4} yksikölle/);
      await shot(p, `${lead}-channel-card`);
      await clickCardButton(p, t('case.acknowledge'));
      await waitForCardText(p, t('case.nameWorker'));
      const person = PLAYGROUND_PEOPLE.find((x) => x.id === worker)!;
      await selectCardChoice(p, t('case.workerLabel'), nameOf(person));
      await clickCardButton(p, t('case.nameWorker'));
      await waitForCardText(p, `nimetty: ${nameOf(person)}`);
      await shot(p, `${lead}-worker-named`);
      await waitForCardText(page(worker), t('case.namedTitle', { reference: '' }).trim());
      await shot(page(worker), `${worker}-named`);
    }

    // The worker's card shows it all.
    for (const worker of ['psy-worker', 'health-worker']) {
      await waitForCardText(wilma, `nimetty: ${nameOf(PLAYGROUND_PEOPLE.find((x) => x.id === worker)!)}`);
    }
    await shot(wilma, 'worker-sees-progress');

    // Every worker is named: the chair gets three proposed Wednesdays, skips explained, and books one.
    await waitForCardText(wilma, t('meeting.choose'));
    await waitForCardText(wilma, /varattu: Olli Nieminen/);
    await shot(wilma, 'worker-meeting-proposals');
    await clickCardButton(wilma, t('meeting.choose'));
    await waitForCardText(wilma, /Tapaaminen: /);
    await shot(wilma, 'worker-meeting-booked');
    const events = [...graph.calendars.eventsOf('wilma.tyontekija@hyvinvointialue.example')].map((e) => ({ ...e, start: new Date(e.start) }));
    if (events.length !== 1 || !/^Yhteistyöaika YT-\d{4}-\d{4}$/.test(events[0]!.subject)) throw new Error(`calendar holds ${JSON.stringify(events.map((e) => e.subject))}`);
    for (const worker of ['olli.nieminen@hyvinvointialue.example', 'leena.niemi@hyvinvointialue.example']) {
      if (graph.calendars.eventsOf(worker).length !== 1) throw new Error(`${worker} has no meeting in the calendar`);
    }

    // The chair moves the meeting to another proposed time, then cancels it.
    await clickCardButton(wilma, t('meeting.reschedule'));
    await waitForCardText(wilma, t('meeting.choose'));
    await clickCardButton(wilma, t('meeting.choose'));
    const movedAway = () => graph.calendars.eventsOf('wilma.tyontekija@hyvinvointialue.example').every((e) => e.start.getTime() !== events[0]!.start.getTime());
    for (let i = 0; i < 100 && !movedAway(); i++) await wilma.waitForTimeout(100);
    if (graph.calendars.eventsOf('wilma.tyontekija@hyvinvointialue.example').length !== 1 || !movedAway()) throw new Error('the meeting did not move');
    await shot(wilma, 'worker-meeting-moved');
    await clickCardButton(wilma, t('meeting.cancel'));
    await waitForCardText(wilma, t('confirm.title'));
    await clickCardButton(wilma, t('confirm.confirm'));
    await waitForCardText(wilma, t('meeting.cancelled'));
    await shot(wilma, 'worker-meeting-cancelled');

    // The data protection officer reads who has processed the request and to whom it was disclosed.
    const reference = /YT-\d{4}-\d{4}/.exec(await wilma.content())![0];
    const dpo = page('dpo');
    await sendMessage(dpo, `loki ${reference}`);
    await waitForCardText(dpo, t('audit.title', { reference }));
    await waitForCardText(dpo, t('audit.csv'));
    await shot(dpo, 'dpo-audit-trail');
    console.log('routing: sent, returned, resent, approved, routed to two channels, acknowledged, workers named, meeting booked, moved and cancelled; the DPO read the trail');
  });
}

runScenario(main);
