import type { Browser, Locator, Page } from 'playwright-core';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { PLAYGROUND_PEOPLE } from '../../scripts/playground-config.js';
import { countyDate } from '../../src/domain/time.js';
import { translator } from '../../src/i18n/translator.js';
import {
  cards,
  fillCardInput,
  launchBrowser,
  selectCardChoice,
  sendMessage,
  setToggle,
  waitForCardText,
  waitForText,
} from './playground-driver.js';
import { clickThrough, directory, nameOf, openEveryonesPlayground, runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`, fourth part: "Omat asiat" for every role of issue #14, clicked through from send
 * to close with the clock moved forward. At every step each of the six people (the sending worker,
 * the sending supervisor, the leads of two receiving units and the two named workers) lists their
 * cases and must find this one in the group of their part in it, with its status and the next step
 * and who has it, and reopens it from there. Closing asks first; no click is answered with
 * silence; nobody ends with more than two full copies of the case card, and the feedback form left
 * unanswered says feedback is over once the case closes, without its button.
 */
const OUT = process.env.E2E_SCREENSHOTS_CASELOAD ?? '/tmp/yhteistyobotti-e2e-caseload';
const BOT_PORT = 3975;
const ANCHOR = '2026-01-07';
const HOUR = 3600 * 1000;
const CLICK_ANSWER_MS = 15_000;
const t = translator('fi');
const person = (id: string) => PLAYGROUND_PEOPLE.find((p) => p.id === id)!;
const ROLES = ['wilma', 'sanna', 'psy-lead', 'health-lead', 'psy-worker', 'health-worker'] as const;
type Role = (typeof ROLES)[number];
const RECEIVING = ['lastenpsykiatria', 'terveysasemat'] as const;
const unitOption = (id: string) => `${directory.unitName(id, 'fi')} (${t(`unitKind.${directory.unit(id)!.kind}`)})`;
const units = (ids: readonly string[]) => ids.map((id) => directory.unitName(id, 'fi')!).join(', ');
const WILMA_MAIL = 'wilma.tyontekija@hyvinvointialue.example';
const GROUP_HEADINGS = [...['sent', 'approval', 'sending', 'received', 'named', 'responsible'].map((g) => t(`caseload.groups.${g}`)), t('caseload.finished'), t('caseload.drafts')];

type Group = 'sent' | 'approval' | 'sending' | 'received' | 'named' | 'responsible' | 'finished';
/** Where a person must find the case at a step, and the card "Avaa" must bring back. */
interface Expected {
  readonly groups: readonly Group[];
  readonly title: (reference: string) => string;
}
/** The case at a step: its status, the next step as the given viewer reads it, and where each person has it. */
interface Step {
  readonly name: string;
  readonly status: string;
  readonly next: (viewer: Role) => string;
  readonly people: Partial<Record<Role, Expected>>;
}

const shot = screenshots(OUT);
const isRow = (line: string) => /^YT-\d{4}-\d{4} · /.test(line);
const linesOf = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const cardTexts = (page: Page) => cards(page).allInnerTexts();
const holder = (viewer: Role, holderId: Role) => (viewer === holderId ? t('caseload.you') : nameOf(person(holderId)));

/** Clicks and waits for the chat to answer: a card replaced in place or a new one. Silence fails the run. */
async function clickAnswered(page: Page, button: Locator, what: string): Promise<void> {
  const before = JSON.stringify(await cardTexts(page));
  await button.waitFor({ state: 'visible' });
  await button.click();
  const until = Date.now() + CLICK_ANSWER_MS;
  while (JSON.stringify(await cardTexts(page)) === before) {
    if (Date.now() > until) throw new Error(`${what}: the click was answered with silence`);
    await page.waitForTimeout(100);
  }
}

/** The newest card's button with this title, clicked and answered. */
async function clickButton(page: Page, title: string, what: string, which: 'first' | 'last' = 'last'): Promise<void> {
  const withButton = cards(page).filter({ has: page.locator(`.ac-actionSet button[title="${title}"]`) }).last();
  const buttons = withButton.locator(`.ac-actionSet button[title="${title}"]`);
  await clickAnswered(page, which === 'first' ? buttons.first() : buttons.last(), what);
}

/** Waits for a card that arrived after the first `after` cards and whose first line is `title`. */
async function newCardTitled(page: Page, after: number, title: string | RegExp, what: string): Promise<Locator> {
  const until = Date.now() + CLICK_ANSWER_MS;
  for (;;) {
    const texts = await cardTexts(page);
    for (let i = texts.length - 1; i >= after; i--) {
      const first = linesOf(texts[i] ?? '')[0] ?? '';
      if (typeof title === 'string' ? first === title : title.test(first)) return cards(page).nth(i);
    }
    if (Date.now() > until) throw new Error(`${what}: no card "${String(title)}" came`);
    await page.waitForTimeout(100);
  }
}

async function main(): Promise<void> {
  const graph = await startGraphSandbox();
  await startScenarioBot(BOT_PORT, { ...sandboxEnvironment(graph), YHTEISTYOAIKA_ANCHOR: ANCHOR });
  let shifted = 0;
  const botNow = () => new Date(Date.now() + shifted);
  const browser: Browser = await launchBrowser();
  const pages = await openEveryonesPlayground(browser, BOT_PORT, 56190);
  const page = (id: Role) => pages.get(id)!;
  const wilma = page('wilma');
  let reference = '';
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

  /**
   * The person lists their cases and must find the case exactly where the step says, or nowhere;
   * where they have it, "Avaa" posts the card of that part at the bottom of their chat.
   */
  const checkCaseload = async (id: Role, step: Step) => {
    const p = page(id);
    const before = await cards(p).count();
    await sendMessage(p, 'omat asiat');
    const list = await newCardTitled(p, before, t('list.title'), `${id} at "${step.name}": omat asiat`);
    const lines = linesOf(await list.innerText());
    const expected = step.people[id];
    const row = t('caseload.row', { reference, status: step.status });
    if (!expected) {
      if (lines.some((line) => line.includes(reference))) throw new Error(`${id} at "${step.name}" should not have ${reference} yet: ${lines.join(' | ')}`);
      return;
    }
    for (const group of expected.groups) {
      const heading = group === 'finished' ? t('caseload.finished') : t(`caseload.groups.${group}`);
      const at = lines.indexOf(heading);
      if (at < 0) throw new Error(`${id} at "${step.name}": no group "${heading}" in ${lines.join(' | ')}`);
      const end = lines.findIndex((line, i) => i > at && GROUP_HEADINGS.includes(line));
      const section = lines.slice(at + 1, end < 0 ? undefined : end);
      const r = section.indexOf(row);
      if (r < 0 || section[r + 1] !== step.next(id)) {
        throw new Error(`${id} at "${step.name}": "${heading}" should list "${row}" / "${step.next(id)}", has ${section.join(' | ')}`);
      }
    }
    // "Avaa" of the first group's row: every row has one, in the order of the rows.
    const first = expected.groups[0]!;
    const rowLine = lines.indexOf(row, lines.indexOf(first === 'finished' ? t('caseload.finished') : t(`caseload.groups.${first}`)));
    const index = lines.slice(0, rowLine).filter(isRow).length;
    const opened = await cards(p).count();
    await clickAnswered(p, list.locator(`.ac-actionSet button[title="${t('caseload.open')}"]`).nth(index), `${id} at "${step.name}": Avaa`);
    await newCardTitled(p, opened, expected.title(reference), `${id} at "${step.name}": the reopened card`);
    await shot(p, `${step.name.replace(/[^a-z]+/g, '-')}-${id}`);
  };
  const checkEveryone = async (step: Step) => {
    for (const id of ROLES) await checkCaseload(id, step);
    console.log(`caseload: "${step.name}" found by everyone where it belongs`);
  };

  const status = (key: string) => t(`status.${key}`);
  const statusTitle = (ref: string) => t('case.statusTitle', { reference: ref });
  const receiving = (unitId: string) => (ref: string) => t('case.receivingTitle', { reference: ref, unit: directory.unitName(unitId, 'fi')! });
  const named = (ref: string) => t('case.namedTitle', { reference: ref });
  const leads = { 'psy-lead': { groups: ['received'], title: receiving('lastenpsykiatria') }, 'health-lead': { groups: ['received'], title: receiving('terveysasemat') } } as const;
  const namedWorkers = { 'psy-worker': { groups: ['named'], title: named }, 'health-worker': { groups: ['named'], title: named } } as const;
  const sendingSide = { wilma: { groups: ['sent'], title: statusTitle }, sanna: { groups: ['sending'], title: statusTitle } } as const;

  await clickThrough({ pages, browser, graph, shot, out: OUT }, async () => {
    // The worker sends.
    await clickButton(wilma, t('welcome.newRequest'), 'wilma: new request');
    await waitForCardText(wilma, t('form.title'));
    await selectCardChoice(wilma, t('form.collaborationUnitIds'), RECEIVING.map(unitOption));
    await fillCardInput(wilma, t('form.wantedServices'), 'Lastenpsykiatrialta arvio unihäiriöistä, terveysasemalta tukea vanhemman jaksamiseen.');
    await fillCardInput(wilma, t('form.receivedServices'), 'Perhetyötä syksystä.');
    await fillCardInput(wilma, t('form.whatWorked'), 'Kotikäynnit ovat toimineet.');
    await fillCardInput(wilma, t('form.assessmentHighlights'), 'Tarvitaan koordinoitua tukea.');
    await setToggle(wilma, t('form.consentRecorded'), true);
    await setToggle(wilma, t('form.needConfirmedInTeam'), true);
    await clickButton(wilma, t('form.send'), 'wilma: send');
    await waitForCardText(wilma, /YT-\d{4}-\d{4}/);
    reference = /YT-\d{4}-\d{4}/.exec(await cards(wilma).last().innerText())![0];
    const sanna = page('sanna');
    await waitForCardText(sanna, t('case.approvalTitle', { reference }));
    await checkEveryone({
      name: 'sent',
      status: status('submitted'),
      next: () => t('caseload.next.approve', { holder: units(['perhesosiaalityo']) }),
      people: { wilma: { groups: ['sent'], title: statusTitle }, sanna: { groups: ['approval'], title: (ref) => t('case.approvalTitle', { reference: ref }) } },
    });

    // The supervisor approves: the case stays in her sight as sent by her unit.
    await clickButton(sanna, t('case.approve'), 'sanna: approve');
    await waitForCardText(sanna, /on hyväksytty ja lähetetty yksiköille|Hyväksyi Sanna Esihenkilö/);
    for (const lead of ['psy-lead', 'health-lead'] as const) await waitForCardText(page(lead), /Yhteistyöpyyntö YT-\d{4}-\d{4} yksikölle/);
    await checkEveryone({ name: 'approved and routed', status: status('routed'), next: () => t('caseload.next.acknowledge', { holder: units(RECEIVING) }), people: { ...sendingSide, ...leads } });

    // Both leads acknowledge with the date of their team meeting.
    for (const lead of ['psy-lead', 'health-lead'] as const) {
      const p = page(lead);
      await fillCardInput(p, t('case.processingDateLabel'), countyDate(new Date(botNow().getTime() + 24 * HOUR)));
      await clickButton(p, t('case.acknowledge'), `${lead}: acknowledge`);
      await waitForCardText(p, t('case.nameWorker'));
    }
    await checkEveryone({ name: 'acknowledged', status: status('routed'), next: () => t('caseload.next.name_worker', { holder: units(RECEIVING) }), people: { ...sendingSide, ...leads } });

    // Both name a worker; the chair gets the proposed times.
    for (const [lead, worker] of [['psy-lead', 'psy-worker'], ['health-lead', 'health-worker']] as const) {
      const p = page(lead);
      await selectCardChoice(p, t('case.workerLabel'), nameOf(person(worker)));
      await clickButton(p, t('case.nameWorker'), `${lead}: name a worker`);
      await waitForCardText(p, `nimetty: ${nameOf(person(worker))}`);
    }
    await waitForCardText(wilma, t('meeting.choose'));
    await checkEveryone({
      name: 'workers named, times proposed',
      status: status('meeting_proposed'),
      next: (viewer) => t('caseload.next.choose_time', { holder: holder(viewer, 'wilma') }),
      people: { ...sendingSide, ...leads, ...namedWorkers },
    });

    // The chair books the first proposed time.
    await clickButton(wilma, t('meeting.choose'), 'wilma: choose a time', 'first');
    await waitForCardText(wilma, /Tapaaminen: /);
    await checkEveryone({
      name: 'meeting booked',
      status: status('booked'),
      next: (viewer) => t('caseload.next.hold_meeting', { holder: holder(viewer, 'wilma') }),
      people: { ...sendingSide, ...leads, ...namedWorkers },
    });

    // The meeting day: the chair records consent, attendance and the omatyöntekijä.
    await moveToMeeting();
    await waitForCardText(wilma, /Tapaaminen YT-\d{4}-\d{4} alkaa/);
    await selectCardChoice(wilma, t('meetingDay.consentLabel'), t('meetingDay.consentGiven'));
    await selectCardChoice(wilma, t('meetingDay.attendeesLabel'), [nameOf(person('wilma')), nameOf(person('psy-worker')), nameOf(person('health-worker'))]);
    await selectCardChoice(wilma, t('meetingDay.clientLabel'), t('meetingDay.remote'));
    await selectCardChoice(wilma, t('meetingDay.responsibleLabel'), nameOf(person('health-worker')));
    await clickButton(wilma, t('meetingDay.save'), 'wilma: record the meeting');
    await waitForCardText(wilma, new RegExp(`Omatyöntekijä\\s*${nameOf(person('health-worker'))}`));
    // 15:00: those present are asked for feedback; the child psychiatry worker leaves it unanswered.
    await moveClock('3h', 3 * HOUR);
    await waitForCardText(page('psy-worker'), t('feedback.title', { reference }));
    await checkEveryone({
      name: 'meeting recorded, in follow-up',
      status: status('follow_up'),
      next: (viewer) => t('caseload.next.follow_up', { holder: holder(viewer, 'health-worker') }),
      people: { ...sendingSide, ...leads, 'psy-worker': namedWorkers['psy-worker'], 'health-worker': { groups: ['responsible', 'named'], title: named } },
    });

    // The omatyöntekijä closes the case: the first click only asks, and nothing is closed yet.
    const healthWorker = page('health-worker');
    await clickButton(healthWorker, t('outcome.close'), 'health-worker: close');
    await waitForCardText(healthWorker, t('confirm.title'));
    await waitForCardText(healthWorker, t('confirm.closeCase', { reference }));
    await shot(healthWorker, 'omatyontekija-confirm-close');
    const before = await cards(wilma).count();
    await sendMessage(wilma, 'omat asiat');
    const stillOpen = await newCardTitled(wilma, before, t('list.title'), 'wilma while closing waits for confirmation');
    if (!(await stillOpen.innerText()).includes(t('caseload.row', { reference, status: status('follow_up') }))) throw new Error('the case closed before the confirmation');
    await clickButton(healthWorker, t('confirm.confirm'), 'health-worker: confirm closing');
    await waitForCardText(healthWorker, /Asian sulki/);
    await waitForCardText(wilma, /on suljettu/);
    await checkEveryone({
      name: 'closed',
      status: status('closed'),
      next: () => t('caseload.next.none'),
      // Each person's ended case opens in the view of their first part in it.
      people: {
        wilma: { groups: ['finished'], title: statusTitle },
        sanna: { groups: ['finished'], title: statusTitle },
        'psy-lead': { groups: ['finished'], title: leads['psy-lead'].title },
        'health-lead': { groups: ['finished'], title: leads['health-lead'].title },
        'psy-worker': { groups: ['finished'], title: named },
        'health-worker': { groups: ['finished'], title: named },
      },
    });

    // The unanswered feedback form now says feedback is over, and has no button to send it.
    const psyWorker = page('psy-worker');
    const closedForm = await waitForCardText(psyWorker, t('feedback.ended.closed'));
    await closedForm.scrollIntoViewIfNeeded();
    await shot(psyWorker, 'psy-worker-feedback-closed');
    if ((await psyWorker.locator(`.ac-actionSet button[title="${t('feedback.submit')}"]`).count()) > 0) throw new Error('a feedback form still offers to send after closing');

    // Nobody's chat holds more than two full copies of the case card.
    const fullTitles = [t('case.approvalTitle', { reference }), statusTitle(reference), named(reference), ...RECEIVING.map((unitId) => receiving(unitId)(reference))];
    for (const id of ROLES) {
      const copies = (await cardTexts(page(id))).filter((text) => fullTitles.includes(linesOf(text)[0] ?? '')).length;
      await shot(page(id), `${id}-chat-at-close`);
      if (copies > 2) throw new Error(`${id} holds ${copies} full copies of the case card`);
      console.log(`caseload: ${id} holds ${copies} full cop${copies === 1 ? 'y' : 'ies'} of the case card`);
    }
    console.log('caseload: six people found the case in Omat asiat at every step from send to close, closing asked first, no click went unanswered');
  });
}

runScenario(main);
