import type { Browser, Page } from 'playwright-core';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { PLAYGROUND_PEOPLE } from '../../scripts/playground-config.js';
import { countyInstant } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import { translator } from '../../src/i18n/translator.js';
import {
  clickCardButton,
  fillCardInput,
  launchBrowser,
  selectCardChoice,
  sendMessage,
  setToggle,
  showsCardText,
  waitForCardText,
  waitForText,
} from './playground-driver.js';
import { clickThrough, directory, nameOf, openEveryonesPlayground, runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`, third part: the follow-through of issue #6 clicked through by six people with the
 * clock moved forward ("kello +3"): an unacknowledged request is reminded and escalated, the
 * meeting is recorded with consent and an omatyöntekijä, two workers give feedback that the unit
 * lead's report counts, the team is re-convened once, the case is closed, and after the retention
 * period the description is gone while the report still has the meetings.
 */
const OUT = process.env.E2E_SCREENSHOTS_FOLLOW_UP ?? '/tmp/yhteistyobotti-e2e-follow-up';
const BOT_PORT = 3976;
const ANCHOR = '2026-01-07';
const HOUR = 3600 * 1000;
const t = translator('fi');
const person = (id: string) => PLAYGROUND_PEOPLE.find((p) => p.id === id)!;
const unitName = (id: string) => `${directory.unitName(id, 'fi')} (${t(`unitKind.${directory.unit(id)!.kind}`)})`;
const WILMA_MAIL = 'wilma.tyontekija@hyvinvointialue.example';

const shot = screenshots(OUT);

async function main(): Promise<void> {
  const graph = await startGraphSandbox();
  await startScenarioBot(BOT_PORT, { ...sandboxEnvironment(graph), YHTEISTYOAIKA_ANCHOR: ANCHOR });
  let shifted = 0;
  const botNow = () => new Date(Date.now() + shifted);
  const browser: Browser = await launchBrowser();
  const pages = await openEveryonesPlayground(browser, BOT_PORT, 56180);
  const page = (id: string) => pages.get(id)!;
  const wilma = page('wilma');
  /** Moves the bot's clock from Wilma's chat, as a developer would, and waits for the bot to say so. */
  const moveClock = async (amount: string, ms: number) => {
    shifted += ms;
    await sendMessage(wilma, `kello +${amount}`);
    await waitForText(wilma, /kelloa siirrettiin eteenpäin/);
  };
  const moveToMeeting = async () => {
    const event = graph.calendars.eventsOf(WILMA_MAIL).filter((e) => e.subject !== 'Yhteistyöaika').at(-1)!;
    const hours = Math.ceil((new Date(event.start).getTime() - botNow().getTime()) / HOUR);
    await moveClock(`${hours}h`, hours * HOUR);
  };
  const recordMeeting = async () => {
    await waitForCardText(wilma, /Tapaaminen YT-\d{4}-\d{4} alkaa/);
    // Nothing on the card is chosen in advance: the chair states each fact.
    await selectCardChoice(wilma, t('meetingDay.consentLabel'), t('meetingDay.consentGiven'));
    await selectCardChoice(wilma, t('meetingDay.attendeesLabel'), [nameOf(person('wilma')), nameOf(person('psy-worker')), nameOf(person('health-worker'))]);
    await selectCardChoice(wilma, t('meetingDay.clientLabel'), t('meetingDay.remote'));
    await selectCardChoice(wilma, t('meetingDay.responsibleLabel'), nameOf(person('health-worker')));
    await shot(wilma, 'chair-meeting-card');
    await clickCardButton(wilma, t('meetingDay.save'));
    await waitForCardText(wilma, new RegExp(`Omatyöntekijä\\s*${nameOf(person('health-worker'))}`));
  };
  await clickThrough({ pages, browser, graph, shot, out: OUT }, async () => {
    // The worker sends and the supervisor approves; no channel is linked, so the leads get it in person.
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
    const sanna = page('sanna');
    await waitForCardText(sanna, /Hyväksyttäväksi: yhteistyöpyyntö YT-/);
    await clickCardButton(sanna, t('case.approve'));
    // The answer says so at once; the redraw once the units have it keeps the decision line.
    await waitForCardText(sanna, /on hyväksytty ja lähetetty yksiköille|Hyväksyi Sanna Esihenkilö/);

    // Nobody acknowledges: after two working days the leads are reminded, after two more it is
    // escalated. Working days depend on the weekday this runs on, so the clock moves a day at a time.
    const dayByDay = async (who: Page, text: RegExp) => {
      for (let day = 0; day < 10 && !(await showsCardText(who, text)); day++) await moveClock('1', 24 * HOUR);
      await waitForCardText(who, text);
    };
    await dayByDay(page('psy-lead'), /Muistutus/);
    await shot(page('psy-lead'), 'psy-lead-reminded');
    await dayByDay(sanna, /ei ole kuitattu yksikössä/);
    await shot(sanna, 'supervisor-escalation');

    // Both units acknowledge and name a worker; the chair books the first proposed time.
    for (const [lead, worker] of [['psy-lead', 'psy-worker'], ['health-lead', 'health-worker']] as const) {
      const p = page(lead);
      await fillCardInput(p, t('case.processingDateLabel'), countyDate(new Date(botNow().getTime() + 24 * HOUR)));
      await clickCardButton(p, t('case.acknowledge'));
      await waitForCardText(p, t('case.nameWorker'));
      await selectCardChoice(p, t('case.workerLabel'), nameOf(person(worker)));
      await clickCardButton(p, t('case.nameWorker'));
      await waitForCardText(p, `nimetty: ${nameOf(person(worker))}`);
    }
    await waitForCardText(wilma, t('meeting.choose'));
    await clickCardButton(wilma, t('meeting.choose'), 'first');
    await waitForCardText(wilma, /Tapaaminen: /);
    await shot(wilma, 'chair-booked');

    // The meeting day: the chair records consent, attendance and the omatyöntekijä.
    await moveToMeeting();
    await recordMeeting();
    await shot(wilma, 'chair-meeting-recorded');
    const healthWorker = page('health-worker');
    await waitForCardText(healthWorker, /Sinut on nimetty asiakkaan omatyöntekijäksi/);
    await shot(healthWorker, 'omatyontekija-told');

    // 15:00: everyone present is asked for feedback; two workers answer.
    await moveClock('3h', 3 * HOUR);
    for (const [worker, score] of [['psy-worker', '4'], ['health-worker', `5 – ${t('feedback.scaleHigh')}`]] as const) {
      const p = page(worker);
      await waitForCardText(p, /Palaute: Yhteistyöaika YT-/);
      await selectCardChoice(p, 'Kokous selkeytti asiakkaan tilannetta.', score);
      await selectCardChoice(p, 'Työnjaosta sovittiin.', '4');
      await clickCardButton(p, t('feedback.submit'));
      await waitForCardText(p, t('feedback.thanks'));
      await shot(p, `${worker}-feedback-given`);
    }

    // The unit lead's report counts the two answers and hides averages of fewer than five.
    const psyLead = page('psy-lead');
    await sendMessage(psyLead, 'raportti');
    await waitForCardText(psyLead, t('report.title'));
    await waitForCardText(psyLead, /alle 5 vastausta/);
    await shot(psyLead, 'psy-lead-report');

    // The omatyöntekijä re-convenes the team once; the chair books and records the second meeting.
    await clickCardButton(healthWorker, t('outcome.reconvene'));
    await waitForCardText(healthWorker, t('outcome.reconvening'));
    await waitForCardText(wilma, t('meeting.choose'));
    await clickCardButton(wilma, t('meeting.choose'), 'first');
    await waitForCardText(wilma, /Tapaaminen: /);
    await moveToMeeting();
    await recordMeeting();

    // The omatyöntekijä closes the case.
    await clickCardButton(healthWorker, t('outcome.close'));
    await waitForCardText(healthWorker, t('confirm.title'));
    await shot(healthWorker, 'omatyontekija-confirm-close');
    await clickCardButton(healthWorker, t('confirm.confirm'));
    await waitForCardText(healthWorker, /Asian sulki/);
    await shot(healthWorker, 'omatyontekija-closed');
    await waitForCardText(wilma, /on suljettu/);

    // After the retention period the description is gone; the report still has the meetings.
    await moveClock('31', 31 * 24 * HOUR);
    await waitForCardText(wilma, t('outcome.purged'));
    await shot(wilma, 'chair-description-purged');
    await sendMessage(psyLead, 'raportti');
    await waitForCardText(psyLead, t('report.metric.meetingsHeld'));
    await shot(psyLead, 'psy-lead-report-after-retention');
    if (countyInstant(countyDate(botNow()), '00:00').getTime() < Date.now()) throw new Error('the clock did not move');
    console.log('follow-up: reminded and escalated, meeting recorded with consent and an omatyöntekijä, two feedback answers in the report, re-convened, closed, description purged');
  });
}

runScenario(main);
