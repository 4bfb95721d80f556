import './metrics-page.css';
import './audit-page.css';
import type { AuditPageData, AuditTrailResponse } from '../audit-contract.js';
import type { ErrorResponse } from '../metrics-contract.js';
import { catalogText, element, pageState, saveDownload, signedFetch, startSignIn, type Credentials } from './page-shell.js';

/**
 * The data protection officer's page in the browser: a reference in, the request's audit trail
 * out as a table, and the same as CSV. Signed in as the metrics page is; the server decides who
 * may read, and logs every read. Its state is named on <body data-state>.
 */

const page = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}') as AuditPageData;
const text = (path: string, values?: Readonly<Record<string, string | number>>) => catalogText(page.texts, path, values);
const main = document.getElementById('audit-page') as HTMLElement;

const header = element('header', {}, element('h1', {}, text('title')), element('p', { class: 'intro' }, text('intro')));
const reference = element('input', { id: 'reference', name: 'reference', required: '', autocomplete: 'off', placeholder: 'YT-2026-0001' });
const csvButton = element('button', { id: 'csv-download', type: 'button', hidden: '' }, text('csv'));
const lookup = element(
  'form',
  { class: 'lookup', hidden: '' },
  element('label', {}, text('reference'), reference),
  element('button', { type: 'submit' }, text('show')),
  csvButton,
);
const status = element('p', { id: 'status', role: 'status' });
const trail = element('section', { class: 'trail', id: 'trail' });

const setState = pageState(main, status);

const REFUSALS: Readonly<Record<string, string>> = {
  'audit.not_permitted': 'no-access',
  'audit.not_found': 'not-found',
  'audit.invalid_reference': 'invalid-reference',
};

const STATE_TEXTS: Readonly<Record<string, string>> = {
  'no-access': 'state.noAccess',
  'not-found': 'state.notFound',
  'invalid-reference': 'state.invalidReference',
};

class AuditTrailView {
  private credentials: Credentials | undefined;
  /** Counts loads, so a slow answer to an older reference never replaces a newer one. */
  private loads = 0;

  signIn(credentials: Credentials, viewer: string): void {
    this.credentials = credentials;
    document.body.dataset.viewer = viewer;
    lookup.hidden = false;
    setState('signed-in');
    reference.focus();
  }

  async show(): Promise<void> {
    const load = ++this.loads;
    setState('loading', text('loading'));
    const answer = await this.fetch('api/audit');
    if (load !== this.loads || !answer) return;
    if (!answer.ok) return this.refused(answer);
    this.render((await answer.json()) as AuditTrailResponse);
  }

  async download(): Promise<void> {
    const answer = await this.fetch('api/audit.csv');
    if (!answer) return;
    if (!answer.ok) return this.refused(answer);
    await saveDownload(answer, 'yhteistyotiimi-loki.csv');
  }

  private async fetch(path: string): Promise<Response | undefined> {
    if (!this.credentials) return undefined;
    const query = new URLSearchParams({ lang: page.lang, reference: reference.value.trim() });
    return signedFetch(`${path}?${query}`, this.credentials, (state) => setState(state, text(state === 'error' ? 'state.failed' : 'state.signInFailed')));
  }

  private async refused(answer: Response): Promise<void> {
    const { error } = (await answer.json().catch(() => ({ error: '' }))) as ErrorResponse;
    if (answer.status === 401) return setState('sign-in-failed', text('state.signInFailed'));
    trail.replaceChildren();
    csvButton.hidden = true;
    const state = REFUSALS[error] ?? 'error';
    setState(state, text(STATE_TEXTS[state] ?? 'state.failed'));
  }

  private render(data: AuditTrailResponse): void {
    const head = element('tr', {}, ...data.columns.map((column) => element('th', { scope: 'col' }, column)));
    const rows = data.rows.map((row) => element('tr', {}, ...row.map((cell) => element('td', {}, cell))));
    trail.replaceChildren(
      element('h2', {}, text('heading', { reference: data.reference, status: data.status })),
      element('table', {}, element('thead', {}, head), element('tbody', {}, ...rows)),
    );
    csvButton.hidden = false;
    document.body.dataset.reference = data.reference;
    setState('ready');
  }
}

const view = new AuditTrailView();
lookup.addEventListener('submit', (event) => {
  event.preventDefault();
  void view.show();
});
csvButton.addEventListener('click', () => void view.download());

async function start(): Promise<void> {
  main.replaceChildren(header, lookup, status, trail);
  await startSignIn({
    lang: page.lang,
    langFromAddress: page.langFromAddress,
    header,
    text,
    devPeople: page.devSignIn?.people,
    setState,
    signIn: (credentials, viewer) => view.signIn(credentials, viewer),
  });
}

start().catch((error: unknown) => {
  console.error('the audit page did not start', error);
  setState('error', text('state.failed'));
});
