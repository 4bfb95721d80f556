import { DEV_USER_HEADER } from '../metrics-contract.js';
import { teamsHost } from './teams-host.js';

/**
 * What every tab page shares in the browser: building elements, the catalog texts the server
 * put in the page, the language links, saving a download, and signing in (Teams SSO inside
 * Teams; elsewhere, only where the server allows it, a developer picks whose view to take).
 */

export type Lang = 'fi' | 'sv' | 'en';

/** The headers that sign an API call in: the Teams token, or the dev user. */
export type Credentials = () => Promise<Record<string, string>>;

type Attributes = Readonly<Record<string, string>>;

/**
 * A tab page's state for its styles and tests (`body[data-state]`), its main region busy while
 * loading, and the message screen readers are told in its status line.
 */
export function pageState(main: HTMLElement, status: HTMLElement): (state: string, message?: string) => void {
  return (state, message = '') => {
    document.body.dataset.state = state;
    main.setAttribute('aria-busy', String(state === 'loading'));
    status.textContent = message;
  };
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A text of the catalog section the server put in the page, its {{placeholders}} filled; an unknown path reads as itself. */
export function catalogText(texts: Readonly<Record<string, unknown>>, path: string, values: Readonly<Record<string, string | number>> = {}): string {
  const found = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), texts);
  return (typeof found === 'string' ? found : path).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

const LANGUAGES: readonly { readonly lang: Lang; readonly name: string }[] = [
  { lang: 'fi', name: 'Suomeksi' },
  { lang: 'sv', name: 'På svenska' },
  { lang: 'en', name: 'In English' },
];

const languageOf = (tag: string | undefined) => LANGUAGES.find((l) => l.lang === tag?.toLowerCase().split(/[-_]/)[0])?.lang;

function languageLinks(current: Lang): HTMLElement {
  const links = LANGUAGES.map(({ lang, name }) => {
    const address = new URL(location.href);
    address.searchParams.set('lang', lang);
    return element('a', { href: address.search, lang, hreflang: lang, ...(lang === current ? { 'aria-current': 'page' } : {}) }, name);
  });
  return element('nav', { class: 'languages' }, ...links);
}

/** Saves what the API answered as a file, under the name its content-disposition gives. */
export async function saveDownload(answer: Response, fallbackName: string): Promise<void> {
  const name = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await answer.blob());
  const link = element('a', { href: url, download: name, hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns; give it time before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type CallFailure = 'sign-in-failed' | 'error';

/** Calls the page's API signed in; when no token or no answer comes, `failed` says which and the answer is undefined. */
export async function signedFetch(url: string, credentials: Credentials, failed: (state: CallFailure) => void): Promise<Response | undefined> {
  let headers: Record<string, string>;
  try {
    headers = await credentials();
  } catch (error) {
    console.error('no Teams token', error);
    failed('sign-in-failed');
    return undefined;
  }
  try {
    return await fetch(url, { headers, cache: 'no-store' });
  } catch (error) {
    console.error('tab API request failed', error);
    failed('error');
    return undefined;
  }
}

export interface SignInOptions {
  readonly lang: Lang;
  readonly langFromAddress: boolean;
  /** Where the language links and the dev banner go. */
  readonly header: HTMLElement;
  /** Texts of the page's catalog section: `dev.*` and `state.openInTeams` are read. */
  readonly text: (path: string) => string;
  readonly devPeople?: readonly { readonly id: string; readonly label: string }[] | undefined;
  readonly setState: (state: string, message?: string) => void;
  readonly signIn: (credentials: Credentials, viewer: string) => void;
}

/** Outside production only: take the view of a person the server offers. */
function offerDevSignIn(options: SignInOptions, people: NonNullable<SignInOptions['devPeople']>): void {
  const { text } = options;
  const person = element('select', { id: 'dev-person' }, element('option', { value: '' }, text('dev.choose')), ...people.map((p) => element('option', { value: p.id }, p.label)));
  person.addEventListener('change', () => {
    const id = person.value;
    if (id) options.signIn(async () => ({ [DEV_USER_HEADER]: id }), id);
  });
  const banner = element(
    'aside',
    { class: 'dev-banner', 'aria-label': text('dev.banner') },
    element('strong', {}, text('dev.banner')),
    element('p', {}, text('dev.explain')),
    element('label', {}, text('dev.person'), person),
  );
  options.header.prepend(banner);
  options.setState('choose-person');
}

/** Inside Teams: Teams SSO, in the Teams client's language unless the address chose one. */
export async function startSignIn(options: SignInOptions): Promise<void> {
  const teams = await teamsHost();
  if (teams) {
    const teamsLanguage = languageOf(teams.locale);
    if (!options.langFromAddress && teamsLanguage && teamsLanguage !== options.lang) {
      const address = new URL(location.href);
      address.searchParams.set('lang', teamsLanguage);
      location.replace(address);
      return;
    }
    options.signIn(async () => ({ Authorization: `Bearer ${await teams.token()}` }), 'teams');
    return;
  }
  options.header.append(languageLinks(options.lang));
  if (options.devPeople) return offerDevSignIn(options, options.devPeople);
  options.setState('open-in-teams', options.text('state.openInTeams'));
}
