import './metrics-page.css';
import './caseload-page.css';
import type { CaseloadPageData, CaseloadResponse } from '../caseload-contract.js';
import { catalogText, element, pageState, signedFetch, startSignIn, type Credentials } from './page-shell.js';

/**
 * "Omat asiat" in the browser: the person's cases by their part in them, references, statuses and
 * next steps only, each with a link into the chat with the bot. Signed in as the other tabs are;
 * the server decides what is listed. Its state is named on <body data-state>.
 */

const page = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}') as CaseloadPageData;
const text = (path: string, values?: Readonly<Record<string, string | number>>) => catalogText(page.texts, path, values);
const main = document.getElementById('caseload-page') as HTMLElement;

const header = element('header', {}, element('h1', {}, text('title')), element('p', { class: 'intro' }, text('intro')));
const status = element('p', { id: 'status', role: 'status' });
const list = element('div', { class: 'caseload', id: 'caseload' });

const setState = pageState(main, status);

function render(data: CaseloadResponse): void {
  const sections = data.sections.map((section) =>
    element(
      'section',
      { 'data-kind': section.kind },
      element('h2', {}, section.heading),
      element(
        'table',
        {},
        element('thead', {}, element('tr', {}, ...data.columns.map((column) => element('th', { scope: 'col' }, column)), element('th', { scope: 'col' }, ''))),
        element(
          'tbody',
          {},
          ...section.rows.map((row) =>
            element(
              'tr',
              {},
              element('td', {}, row.reference),
              element('td', {}, row.status),
              element('td', {}, row.next),
              element('td', {}, element('a', { href: row.chatLink, target: '_blank', rel: 'noopener' }, data.openChat)),
            ),
          ),
        ),
      ),
      ...(section.more ? [element('p', { class: 'more' }, section.more)] : []),
    ),
  );
  list.replaceChildren(...(data.empty ? [element('p', {}, data.empty)] : sections));
  setState('ready');
}

async function load(credentials: Credentials): Promise<void> {
  setState('loading', text('loading'));
  const answer = await signedFetch(`api/caseload?${new URLSearchParams({ lang: page.lang })}`, credentials, (state) =>
    setState(state, text(state === 'error' ? 'state.failed' : 'state.signInFailed')),
  );
  if (!answer) return;
  if (answer.status === 401) return setState('sign-in-failed', text('state.signInFailed'));
  if (!answer.ok) return setState('error', text('state.failed'));
  render((await answer.json()) as CaseloadResponse);
}

async function start(): Promise<void> {
  main.replaceChildren(header, status, list);
  await startSignIn({
    lang: page.lang,
    langFromAddress: page.langFromAddress,
    header,
    text,
    devPeople: page.devSignIn?.people,
    setState,
    signIn: (credentials, viewer) => {
      document.body.dataset.viewer = viewer;
      void load(credentials);
    },
  });
}

start().catch((error: unknown) => {
  console.error('the caseload page did not start', error);
  setState('error', text('state.failed'));
});
