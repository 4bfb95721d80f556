import './metrics-page.css';
import type { Chart } from 'chart.js';
import { DEV_USER_HEADER, type ErrorResponse, type MetricsResponse, type PageData } from '../metrics-contract.js';
import { Figures } from './figures.js';
import { teamsHost } from './teams-host.js';
import { element, unitView } from './unit-charts.js';

/**
 * The metrics tab in the browser. Inside Teams it signs in with Teams SSO; elsewhere, and only
 * when the server allows it (never in production), a developer picks whose view to take. Every
 * state the page is in is named on <body data-state>, for people's styles and for tests.
 */

type Credentials = () => Promise<Record<string, string>>;

const LANGUAGES: readonly { readonly lang: PageData['lang']; readonly name: string }[] = [
  { lang: 'fi', name: 'Suomeksi' },
  { lang: 'sv', name: 'På svenska' },
  { lang: 'en', name: 'In English' },
];

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

function setState(state: string, message = ''): void {
  document.body.dataset.state = state;
  main.setAttribute('aria-busy', String(state === 'loading'));
  status.textContent = message;
}

const languageOf = (tag: string | undefined) => LANGUAGES.find((l) => l.lang === tag?.toLowerCase().split(/[-_]/)[0])?.lang;

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
    const name = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? 'yhteistyotiimi-mittarit.csv';
    const url = URL.createObjectURL(await answer.blob());
    const link = element('a', { href: url, download: name, hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
    // The browser reads the blob after the click returns; give it time before letting go.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private async fetch(path: string): Promise<Response | undefined> {
    if (!this.credentials) return undefined;
    const query = new URLSearchParams({ lang: page.lang, from: fromFilter.value, to: toFilter.value });
    if (unitFilter.value) query.set('unit', unitFilter.value);
    let headers: Record<string, string>;
    try {
      headers = await this.credentials();
    } catch (error) {
      console.error('no Teams token', error);
      setState('sign-in-failed', f.text('state.signInFailed'));
      return undefined;
    }
    try {
      return await fetch(`${path}?${query}`, { headers, cache: 'no-store' });
    } catch (error) {
      console.error('metrics request failed', error);
      setState('error', f.text('state.failed'));
      return undefined;
    }
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

function languageLinks(): HTMLElement {
  const links = LANGUAGES.map(({ lang, name }) => {
    const address = new URL(location.href);
    address.searchParams.set('lang', lang);
    return element('a', { href: address.search, lang, hreflang: lang, ...(lang === page.lang ? { 'aria-current': 'page' } : {}) }, name);
  });
  return element('nav', { class: 'languages' }, ...links);
}

/** Outside production only: take the view of a supervisor, deputy or leadership from the directory. */
function offerDevSignIn(people: NonNullable<PageData['devSignIn']>['people']): void {
  const person = element(
    'select',
    { id: 'dev-person' },
    element('option', { value: '' }, f.text('dev.choose')),
    ...people.map((p) => element('option', { value: p.id }, p.label)),
  );
  person.addEventListener('change', () => {
    const id = person.value;
    if (id) dashboard.signIn(async () => ({ [DEV_USER_HEADER]: id }), id);
  });
  const banner = element(
    'aside',
    { class: 'dev-banner', 'aria-label': f.text('dev.banner') },
    element('strong', {}, f.text('dev.banner')),
    element('p', {}, f.text('dev.explain')),
    element('label', {}, f.text('dev.person'), person),
  );
  header.prepend(banner);
  setState('choose-person');
}

async function start(): Promise<void> {
  main.replaceChildren(header, filters, status, units);
  const teams = await teamsHost();
  if (teams) {
    const teamsLanguage = languageOf(teams.locale);
    if (!page.langFromAddress && teamsLanguage && teamsLanguage !== page.lang) {
      const address = new URL(location.href);
      address.searchParams.set('lang', teamsLanguage);
      location.replace(address);
      return;
    }
    dashboard.signIn(async () => ({ Authorization: `Bearer ${await teams.token()}` }), 'teams');
    return;
  }
  header.append(languageLinks());
  if (page.devSignIn) return offerDevSignIn(page.devSignIn.people);
  setState('open-in-teams', f.text('state.openInTeams'));
}

start().catch((error: unknown) => {
  console.error('the metrics page did not start', error);
  setState('error', f.text('state.failed'));
});
