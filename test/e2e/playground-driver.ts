/**
 * Browser driver for the Microsoft 365 Agents Playground web UI (@microsoft/m365agentsplayground 0.2.x).
 *
 * Selectors were taken from the real DOM of Playground 0.2.28 (see PLAYGROUND-NOTES.md):
 *   - compose box:      Lexical editor `[data-lexical-editor="true"]` (contenteditable, Enter sends)
 *   - adaptive cards:   `.ac-adaptiveCard` rendered by adaptivecards JS with Fluent UI v9 inputs
 *   - input labels:     `label.ac-richTextBlock[for=<input id>]`, first `.ac-textRun` is the label text,
 *                       a required input gets a second textRun " *"
 *   - Input.Text        `input.fui-Input__input` / multiline `textarea.fui-Textarea__textarea`
 *   - Input.Date        Fluent DatePicker `input[aria-haspopup="dialog"]` (allowTextInput is on)
 *   - Input.ChoiceSet   compact and isMultiSelect: Fluent Combobox `input.fui-Combobox__input` with a
 *                       `[role=listbox]` of `[role=option]`; expanded: radios / checkboxes
 *   - Input.Toggle      Fluent Checkbox `input[type=checkbox]` whose `<label>` is the toggle title
 *   - card buttons:     `.ac-actionSet button[title=<action title>]`
 *
 * The Playground cannot switch the signed-in user in its UI; one Playground process has exactly one
 * `currentUser` (from .m365agentsplayground.yml). `switchUser` therefore moves the page to another
 * Playground instance that was started with that user as `currentUser` (see `PlaygroundUsers`).
 */
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const DEFAULT_TIMEOUT = 15_000;
const CARD = '.ac-adaptiveCard';
const EDITOR = '[data-lexical-editor="true"]';

export interface OpenOptions {
  /** Run with a visible window (needs a display). Default: headless. */
  readonly headless?: boolean;
  readonly viewport?: { width: number; height: number };
  /** Reuse an already launched browser (a new context is created in it). */
  readonly browser?: Browser;
  /** Let requests to non-local hosts through. Default false: they are aborted at once (offline). */
  readonly allowExternal?: boolean;
  /** Wait until this text is shown (e.g. the bot's welcome) before returning. */
  readonly waitFor?: string;
}

/** Display name -> Playground base URL of the instance where that user is `currentUser`. */
export type PlaygroundUsers = Readonly<Record<string, string>>;

const ownedBrowsers = new WeakMap<Page, Browser>();
const userMaps = new WeakMap<Page, PlaygroundUsers>();

export async function launchBrowser(headless = true): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless });
}

/**
 * Opens the Playground UI (e.g. `http://localhost:56150`) and waits until the compose box is ready.
 * The Playground only posts installationUpdate/conversationUpdate (the bot's welcome) once the UI has
 * loaded the personal chat, so open the page before asserting on welcome messages.
 */
export async function openPlayground(url: string, options: OpenOptions = {}): Promise<Page> {
  const browser = options.browser ?? (await launchBrowser(options.headless ?? true));
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 1200 },
    locale: 'en-US',
  });
  if (!options.allowExternal) {
    // The UI pulls Segoe UI web fonts from res-1.cdn.office.net; abort instead of waiting offline.
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/]|\[::1\][:/])/, (route) => route.abort());
  }
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT);
  if (!options.browser) ownedBrowsers.set(page, browser);
  await gotoPlayground(page, url);
  if (options.waitFor) await waitForText(page, options.waitFor);
  return page;
}

async function gotoPlayground(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator(EDITOR).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Closes the page; closes the browser too if `openPlayground` launched it. */
export async function closePlayground(page: Page): Promise<void> {
  const browser = ownedBrowsers.get(page);
  await page.context().close();
  if (browser) await browser.close();
}

/**
 * Types `text` into the compose box and sends it, then waits for the sent bubble.
 * In a Teams channel view the UI has a "Start a new post" editor plus one reply box per thread: by
 * default a new post is created; `{ reply: true }` replies in the last thread. Like real Teams, the
 * Playground forwards a channel post to the bot only when the bot is @mentioned: pass
 * `{ mention: '<bot name>' }` (picked from the '@' menu, sent as a Teams mention entity).
 */
export async function sendMessage(page: Page, text: string, options: { reply?: boolean; mention?: string } = {}): Promise<void> {
  const isChannel = (await page.getByRole('button', { name: 'Post', exact: true }).count()) > 0;
  const editor = isChannel && !options.reply ? page.locator(EDITOR).first() : page.locator(EDITOR).last();
  await editor.click();
  if (options.mention) {
    await page.keyboard.type('@' + options.mention.slice(0, 3));
    await page.getByRole('menuitem').filter({ hasText: options.mention }).first().click();
    await page.keyboard.type(' ');
  }
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.getByText(text).last().waitFor({ state: 'visible' });
}

/** Opens a conversation in the left tree: 'Personal Chat', 'Group Chat' or '<Team> - <Channel>'. */
export async function openConversation(page: Page, ariaLabel: string): Promise<void> {
  await page.locator(`[role="treeitem"][aria-label="${cssEscape(ariaLabel)}"]`).click();
  await page.locator(EDITOR).first().waitFor({ state: 'visible' });
}

/** All top-level rendered adaptive cards, oldest first. */
export function cards(page: Page): Locator {
  return page.locator(`${CARD}:not(${CARD} ${CARD})`);
}

/** The last top-level card (optionally: the last one containing `text`). */
export function lastCard(page: Page, containing?: string): Locator {
  const all = cards(page);
  return (containing ? all.filter({ hasText: containing }) : all).last();
}

export async function lastCardText(page: Page): Promise<string> {
  const card = lastCard(page);
  await card.waitFor({ state: 'visible' });
  return (await card.innerText()).trim();
}

export async function cardCount(page: Page): Promise<number> {
  return cards(page).count();
}

function actionButton(scope: Locator | Page, title: string): Locator {
  return scope.locator(`.ac-actionSet button[title="${cssEscape(title)}"]`);
}

/**
 * Clicks the action button `title` in the last card that has it (Action.Submit, Action.Execute,
 * Action.ShowCard, Action.OpenUrl...). Buttons inside an expanded ShowCard count as part of the card.
 */
export async function clickCardButton(page: Page, title: string, which: 'first' | 'last' = 'last'): Promise<void> {
  // `first`: the first such button of the newest card that has one (a list's newest item).
  // Only visible buttons count: the page holds copies out of sight too, and the last match was once a hidden one (closing's Vahvista).
  const button = which === 'last' ? actionButton(page.locator(CARD), title).filter({ visible: true }).last() : actionButton(cards(page).filter({ has: actionButton(page, title) }).last(), title).first();
  await button.waitFor({ state: 'visible' });
  await button.click();
}

function labelLocator(page: Page, label: string): Locator {
  // A required input's label is "<label> *" (the asterisk is a second .ac-textRun).
  return page.locator(`${CARD} label.ac-richTextBlock`).filter({
    hasText: new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\*)?\\s*$`),
  });
}

/**
 * Finds the form control of an input in the last card that has it. `labelOrId` is the Input's
 * `label`, or (fallbacks) its placeholder / aria-label, or the DOM id. The adaptivecards renderer
 * does not expose the card-level `id` of an input in the DOM, so use labels.
 */
export async function cardInput(page: Page, labelOrId: string): Promise<Locator> {
  const label = labelLocator(page, labelOrId).last();
  // A card that was just replaced re-renders: give its labels a moment to appear.
  await label.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => undefined);
  if ((await label.count()) > 0) {
    const forId = await label.getAttribute('for');
    if (forId) return page.locator(`[id="${cssEscape(forId)}"]`);
  }
  const byId = page.locator(`${CARD} [id="${cssEscape(labelOrId)}"]`);
  if ((await byId.count()) > 0) return byId.last();
  const byPlaceholder = page.locator(CARD).getByPlaceholder(labelOrId, { exact: true });
  if ((await byPlaceholder.count()) > 0) return byPlaceholder.last();
  const byAria = page.locator(`${CARD} [aria-label="${cssEscape(labelOrId)}"]`);
  if ((await byAria.count()) > 0) return byAria.last();
  throw new Error(`No adaptive card input labelled "${labelOrId}"`);
}

/**
 * Fills Input.Text (single or multi-line) or Input.Date. Dates are given as `YYYY-MM-DD`; the
 * value the bot receives is the same `YYYY-MM-DD`.
 */
export async function fillCardInput(page: Page, labelOrId: string, value: string): Promise<void> {
  const input = await cardInput(page, labelOrId);
  const isDate = (await input.getAttribute('aria-haspopup')) === 'dialog';
  if (!isDate) {
    await input.fill(value);
    return;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new Error(`fillCardInput: date must be YYYY-MM-DD, got "${value}"`);
  await pickDate(page, input, Number(m[1]), Number(m[2]), Number(m[3]));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The Fluent DatePicker ignores typed text (it is controlled by the card), so pick from the calendar:
 * open it, step with the "Previous month"/"Next month" buttons, click `button[aria-label="14, March, 2025"]`.
 */
async function pickDate(page: Page, input: Locator, year: number, month: number, day: number): Promise<void> {
  if ((await input.getAttribute('aria-expanded')) !== 'true') await input.click();
  const dialog = page.locator('.fui-DatePicker__popupSurface[role="dialog"]').last();
  await dialog.waitFor({ state: 'visible' });
  const header = dialog.locator('button.fui-CalendarDay__monthAndYear');
  for (let guard = 0; guard < 600; guard++) {
    const shown = (await header.getAttribute('aria-label')) ?? '';
    const hm = /^(\w+) (\d{4})$/.exec(shown.trim());
    if (!hm) throw new Error(`DatePicker: unexpected header "${shown}"`);
    const diff = (year - Number(hm[2])) * 12 + (month - 1 - MONTHS.indexOf(hm[1] ?? ''));
    if (diff === 0) break;
    await dialog.locator(`button[title^="${diff > 0 ? 'Next month' : 'Previous month'}"]`).click();
    for (let i = 0; i < 100 && (await header.getAttribute('aria-label')) === shown; i++) await page.waitForTimeout(20);
  }
  await dialog.locator(`button.fui-CalendarDayGrid__dayButton[aria-label="${day}, ${MONTHS[month - 1]}, ${year}"]`).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Current value shown by a card input (text, textarea, date or combobox display text). */
export async function cardInputValue(page: Page, labelOrId: string): Promise<string> {
  return (await cardInput(page, labelOrId)).inputValue();
}

/**
 * Picks `optionTitles` in an Input.ChoiceSet labelled `label`. For `isMultiSelect` pass several
 * titles (each is toggled on if not already selected). Works for compact (combobox) and expanded
 * (radio / checkbox) styles.
 */
export async function selectCardChoice(page: Page, label: string, optionTitles: string | readonly string[]): Promise<void> {
  // A card the bot updates in place (a refresh after the user's own click) re-renders under the
  // pointer and takes its open dropdown with it: start again on the new card.
  for (let attempt = 1; ; attempt++) {
    try {
      await selectCardChoiceOnce(page, label, optionTitles);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await closePopups(page);
    }
  }
}

async function selectCardChoiceOnce(page: Page, label: string, optionTitles: string | readonly string[]): Promise<void> {
  const titles = typeof optionTitles === 'string' ? [optionTitles] : optionTitles;
  const input = await cardInput(page, label);
  const role = await input.getAttribute('role');
  if (role === 'combobox') {
    for (const title of titles) {
      if ((await input.getAttribute('aria-expanded', { timeout: 3_000 })) !== 'true') {
        await input.click({ timeout: 3_000 });
      }
      const id = await input.getAttribute('aria-controls', { timeout: 3_000 });
      // Single select: role=listbox > role=option (aria-selected);
      // isMultiSelect: role=menu > role=menuitemcheckbox (aria-checked). Both are .fui-Option.
      const listbox = id ? page.locator(`[id="${cssEscape(id)}"]`) : page.locator('.fui-Combobox__listbox').last();
      const option = listbox.locator('.fui-Option').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) });
      await option.waitFor({ state: 'visible', timeout: 5_000 });
      const selected = (await option.getAttribute('aria-selected')) === 'true' || (await option.getAttribute('aria-checked')) === 'true';
      if (!selected) await option.click();
    }
    await closePopups(page);
    return;
  }
  // Expanded style: radio buttons / checkboxes of this input, else of the newest card.
  const own = (await input.getByRole('radio').count()) + (await input.getByRole('checkbox').count()) > 0;
  const group = own ? input : page.locator(CARD).last();
  for (const title of titles) {
    // The renderer labels expanded choices with a sibling text, not always an accessible name.
    const control = group.getByRole('radio', { name: title, exact: true }).or(group.getByRole('checkbox', { name: title, exact: true }));
    if ((await control.count()) > 0) await control.first().check();
    else await group.getByText(title, { exact: true }).first().click();
  }
}

/** Sets an Input.Toggle (matched by its `label` or its `title`) on or off. */
export async function setToggle(page: Page, labelOrTitle: string, on: boolean): Promise<void> {
  let box: Locator;
  try {
    box = await cardInput(page, labelOrTitle);
  } catch {
    box = page.locator(CARD).getByRole('checkbox', { name: labelOrTitle, exact: true }).last();
  }
  await box.setChecked(on);
}

/** Waits until `text` (substring, or a RegExp) is visible anywhere in the chat. */
export async function waitForText(page: Page, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
  const loc = page.getByText(text).last();
  await loc.waitFor({ state: 'visible', timeout });
  return loc;
}

/** Waits until a text is shown inside an adaptive card. */
export async function waitForCardText(page: Page, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
  const loc = page.locator(CARD).filter({ hasText: text }).last();
  await loc.waitFor({ state: 'visible', timeout });
  return loc;
}

/** Whether a card shows `text` within `timeout`: for stepping a clock until something falls due. */
export async function showsCardText(page: Page, text: string | RegExp, timeout = 3000): Promise<boolean> {
  return waitForCardText(page, text, timeout).then(
    () => true,
    () => false,
  );
}

/**
 * Waits until the newest card shows `text`. Older cards may show the same text, so this is the
 * way to know a reply (or a card replaced in place) has arrived.
 */
export async function waitForLastCardText(page: Page, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
  const loc = cards(page).last().filter({ hasText: text });
  await loc.waitFor({ state: 'visible', timeout });
  return loc;
}

/** Validation messages currently shown under card inputs (adaptivecards `errorMessage`). */
export async function cardValidationErrors(page: Page): Promise<string[]> {
  // Rendered as a TextBlock right after the input's container once validation has run.
  const errs = page.locator(`${CARD} .ac-input-container + .ac-textBlock`);
  return (await errs.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

export async function screenshot(page: Page, path: string, fullPage = true): Promise<void> {
  await page.screenshot({ path, fullPage });
}

/**
 * Registers which Playground instance belongs to which user. Start one Playground process per user
 * (each with its own .m365agentsplayground.yml whose `currentUser` is that user, its own `-p` port,
 * all pointing to the same bot endpoint), then call this once per page.
 */
export function registerUsers(page: Page, users: PlaygroundUsers): void {
  userMaps.set(page, users);
}

/** Re-points `page` to the Playground instance of user `name` (see `registerUsers`). */
export async function switchUser(page: Page, name: string): Promise<void> {
  const url = userMaps.get(page)?.[name];
  if (!url) throw new Error(`switchUser: no Playground instance registered for "${name}"`);
  await gotoPlayground(page, url);
  await page.locator(`text=${name}`).first().waitFor({ state: 'visible' });
}

/** The display name of the signed-in Playground user (top-right corner). */
export async function currentUserName(page: Page): Promise<string> {
  const cfg = await page.evaluate(async () => {
    const r = await fetch('/_internal/v1/testConfig');
    return (await r.json()) as { config: { currentUser: { name: string } } };
  });
  return cfg.config.currentUser.name;
}

/**
 * Posts a raw activity straight to the bot through the Playground (`POST /_internal/v1/customActivities`,
 * the "Mock an Activity > Custom activity" feature). The body is forwarded verbatim, so this is the
 * only way to send a non en-US `locale` or an activity `from` another configured user. Bot replies
 * land in the UI when `conversation.id` is an existing Playground conversation.
 */
export async function sendCustomActivity(page: Page, activity: Record<string, unknown>): Promise<void> {
  const status = await page.evaluate(async (body) => {
    const r = await fetch('/_internal/v1/customActivities', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return r.status;
  }, activity);
  if (status !== 200) throw new Error(`customActivities returned ${status}`);
}

async function closePopups(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

function cssEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
