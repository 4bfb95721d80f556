import type { Page } from 'playwright-core';
import type { Locale } from '../../src/domain/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { parseUnitDirectory } from '../../src/config/unit-directory-file.js';
import { readFileSync } from 'node:fs';
import { startPlayground } from '../../scripts/local-stack.js';
import {
  cardInputValue,
  clickCardButton,
  closePlayground,
  fillCardInput,
  openPlayground,
  selectCardChoice,
  sendMessage,
  setToggle,
  waitForCardText,
  waitForLastCardText,
} from './playground-driver.js';
import { runScenario, screenshots, startScenarioBot } from './scenario.js';

/**
 * `npm run e2e`: clicks the intake through the Agents Playground in headless Chromium as a new
 * worker would, first in Finnish and then in Swedish, saving a screenshot of every step.
 */
const OUT = process.env.E2E_SCREENSHOTS ?? '/tmp/yhteistyobotti-e2e';
const BOT_PORT = 3979;
const directory = parseUnitDirectory(readFileSync('infra/unit-directory.example.yaml', 'utf8'), 'example');

const shot = screenshots(OUT);

async function intake(page: Page, locale: Locale, greeting: string): Promise<void> {
  const t = translator(locale);
  await sendMessage(page, greeting);
  await waitForCardText(page, t('welcome.title', { name: 'Wilma Työntekijä' }));
  await shot(page, `${locale}-welcome`);

  await clickCardButton(page, t('welcome.newRequest'));
  await waitForCardText(page, t('form.title'));
  await selectCardChoice(page, t('form.collaborationUnitIds'), `${directory.unitName('lastenpsykiatria', locale)} (${t('unitKind.health_care')})`);
  await fillCardInput(page, t('form.wantedServices'), 'Arvio lapsen unihäiriöistä ja tukea vanhemmalle.');
  await fillCardInput(page, t('form.receivedServices'), 'Perhetyötä syksystä, asiakas 131052-308T.');
  await fillCardInput(page, t('form.whatWorked'), 'Kotikäynnit ovat toimineet.');
  await fillCardInput(page, t('form.assessmentHighlights'), 'Tarvitaan koordinoitua tukea.');
  await setToggle(page, t('form.consentRecorded'), true);
  await setToggle(page, t('form.needConfirmedInTeam'), true);
  await shot(page, `${locale}-form-filled`);

  await clickCardButton(page, t('form.send'));
  await waitForCardText(page, t('errors.privacy.personal_identity_code', { field: t('fieldNames.receivedServices') }));
  if ((await cardInputValue(page, t('form.receivedServices'))) !== 'Perhetyötä syksystä, asiakas 131052-308T.') throw new Error('the typed text was lost');
  await shot(page, `${locale}-hetu-refused`);

  await fillCardInput(page, t('form.receivedServices'), 'Perhetyötä syksystä, Mikko-isä mukana.');
  await clickCardButton(page, t('form.send'));
  await waitForCardText(page, t('form.nameHint', { token: 'Mikko' }));
  await shot(page, `${locale}-name-warned`);

  await clickCardButton(page, t('form.save'));
  await waitForCardText(page, t('form.saved', { time: '' }).replace(/\s*\.$/, '').trim());
  await shot(page, `${locale}-draft-saved`);

  await sendMessage(page, t('commands.myRequests').split('|')[1]!);
  await waitForCardText(page, t('list.title'));
  await shot(page, `${locale}-my-requests-draft`);
  // The list is newest first: the draft just saved is its first item.
  await clickCardButton(page, t('list.open'), 'first');
  await waitForLastCardText(page, t('form.title'));
  const reopened = await cardInputValue(page, t('form.receivedServices'));
  if (reopened !== 'Perhetyötä syksystä, Mikko-isä mukana.') throw new Error(`reopened draft shows "${reopened}"`);
  await shot(page, `${locale}-draft-reopened`);

  await clickCardButton(page, t('form.send'));
  await waitForLastCardText(page, t('form.nameHint', { token: 'Mikko' }));
  await setToggle(page, t('form.confirmNames'), true);
  await clickCardButton(page, t('form.send'));
  const sent = await waitForLastCardText(page, /YT-\d{4}-\d{4}/);
  const reference = /YT-\d{4}-\d{4}/.exec(await sent.innerText())![0];
  await shot(page, `${locale}-sent`);

  await sendMessage(page, t('commands.myRequests').split('|')[1]!);
  await waitForCardText(page, reference);
  await shot(page, `${locale}-my-requests-sent`);
  console.log(`${locale}: welcome, identifier refused, name warned, draft saved and reopened, sent as ${reference}`);
}

async function main(): Promise<void> {
  await startScenarioBot(BOT_PORT);
  const url = await startPlayground(BOT_PORT, 56160, readFileSync('.m365agentsplayground.yml', 'utf8'));
  const page = await openPlayground(url);
  try {
    await intake(page, 'fi', 'hei');
    await sendMessage(page, 'svenska');
    await waitForCardText(page, translator('sv')('language.changed'));
    await intake(page, 'sv', 'hej');
  } catch (error) {
    await shot(page, 'failure');
    throw error;
  } finally {
    await closePlayground(page);
  }
  console.log(`Screenshots in ${OUT}`);
}

runScenario(main);
