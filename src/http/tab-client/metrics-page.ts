import './metrics-page.css';
import type { Chart } from 'chart.js';
import type { ErrorResponse, MetricsResponse, PageData } from '../metrics-contract.js';
import { Figures } from './figures.js';
import { element, pageState, saveDownload, signedFetch, startSignIn, type Credentials } from './page-shell.js';
import { unitView } from './unit-charts.js';

/**
 * The metrics tab in the browser. Inside Teams it signs in with Teams SSO; elsewhere, and only
 * when the server allows it (never in production), a developer picks whose view to take. Every
 * state the page is in is named on <body data-state>, for people's styles and for tests.
 */

const page = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}') as PageData;
const f = new Figures(page);
const main = document.getElementById('metrics-page') as HTMLElement;

const header = element('header', {}, element('h1', {}, f.text('title')), element('p', { class: 'intro' }, f.text('intro')));
const status = element('p', { id: 'status', role: 'status' });
const unitFilter = element('select', { id: 'unit-filter', name: 'unit' });
const fromFilter = element('input', { id: 'from-filter', name: 'from', type: 'month', required: '', value: page.period.from });
const toFilter = element('input', { id: 'to-filter', name: 'to', type: 'month', required: '', value: page.period.to });
const csvButton = element('button', { id: 'csv-download', type: 'button' }, f.text('csv'));
const filters = element(
  'form',
  { class: 'filters', 'aria-label': f.text('filters'), hidden: '' },
  element('label', {}, f.text('unit'), unitFilter),
  element('label', {}, f.text('from'), fromFilter),
  element('label', {}, f.text('to'), toFilter),
  csvButton,
);
const units = element('div', { id: 'units' });

const setState = pageState(main, status);

class Dashboard {
  private credentials: Credentials | undefined;
  private viewer = '';
  private charts: Chart<'bar' | 'line', (number | null)[], string>[] = [];
  /** Counts loads, so a slow answer to an older filter never replaces a newer one. */
  private loads = 0;

  signIn(credentials: Credentials, viewer: string): void {
    this.credentials = credentials;
    this.viewer = viewer;
    unitFilter.value = '';
    void this.load();
  }

  async load(): Promise<void> {
    const load = ++this.loads;
    setState('loading', f.text('loading'));
    const answer = await this.fetch('api/metrics');
    if (load !== this.loads || !answer) return;
    if (!answer.ok) return this.refused(answer);
    this.render((await answer.json()) as MetricsResponse);
  }

  /** The same filter as the charts, as a CSV file saved by the browser. */
  async download(): Promise<void> {
    const answer = await this.fetch('api/metrics.csv');
    if (!answer) return;
    if (!answer.ok) return this.refused(answer);
    await saveDownload(answer, 'yhteistyotiimi-mittarit.csv');
  }

  private async fetch(path: string): Promise<Response | undefined> {
    if (!this.credentials) return undefined;
    const query = new URLSearchParams({ lang: page.lang, from: fromFilter.value, to: toFilter.value });
    if (unitFilter.value) query.set('unit', unitFilter.value);
    return signedFetch(`${path}?${query}`, this.credentials, (state) => setState(state, f.text(state === 'error' ? 'state.failed' : 'state.signInFailed')));
  }

  private async refused(answer: Response): Promise<void> {
    const { error } = (await answer.json().catch(() => ({ error: '' }))) as ErrorResponse;
    if (answer.status === 401) return setState('sign-in-failed', f.text('state.signInFailed'));
    this.clear();
    if (answer.status === 403) {
      filters.hidden = true;
      return setState('no-access', f.text('state.noAccess'));
    }
    if (error === 'report.invalid_period') return setState('invalid-period', f.text('state.invalidPeriod'));
    setState('error', f.text('state.failed'));
  }

  private clear(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    units.replaceChildren();
  }

  private render(data: MetricsResponse): void {
    this.clear();
    const chosen = unitFilter.value;
    unitFilter.replaceChildren(element('option', { value: '' }, f.text('allUnits')), ...data.units.map((u) => element('option', { value: u.id }, u.name)));
    unitFilter.value = data.units.some((u) => u.id === chosen) ? chosen : '';
    filters.hidden = false;
    const views = data.reports.map((report) => unitView(f, data, report));
    units.replaceChildren(...(views.length > 0 ? views.map((v) => v.section) : [element('p', { class: 'empty' }, f.text('noUnits'))]));
    this.charts = views.flatMap((v) => v.draw());
    Object.assign(document.body.dataset, { viewer: this.viewer, unit: unitFilter.value || 'all', period: `${fromFilter.value}..${toFilter.value}` });
    setState('ready');
  }
}

const dashboard = new Dashboard();
for (const filter of [unitFilter, fromFilter, toFilter]) filter.addEventListener('change', () => void dashboard.load());
filters.addEventListener('submit', (event) => event.preventDefault());
csvButton.addEventListener('click', () => void dashboard.download());

async function start(): Promise<void> {
  main.replaceChildren(header, filters, status, units);
  await startSignIn({
    lang: page.lang,
    langFromAddress: page.langFromAddress,
    header,
    text: (path) => f.text(path),
    devPeople: page.devSignIn?.people,
    setState,
    signIn: (credentials, viewer) => dashboard.signIn(credentials, viewer),
  });
}

start().catch((error: unknown) => {
  console.error('the metrics page did not start', error);
  setState('error', f.text('state.failed'));
});
