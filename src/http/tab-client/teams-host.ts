export interface TeamsHost {
  /** The Teams client's language tag, e.g. "sv-fi". */
  readonly locale: string | undefined;
  /** A Teams SSO token for this app, for the API's Authorization header. */
  token(): Promise<string>;
}

/** Long enough for a slow Teams client, short enough that a page opened elsewhere is soon usable. */
const INITIALIZE_TIMEOUT_MS = 5000;

/** Teams shows a tab in a frame (web and desktop) or in a webview with a native bridge (mobile). */
const maybeInTeams = () => window.parent !== window || 'nativeInterface' in window;

/**
 * The Teams client around the page, if there is one. The SDK is loaded only then: it asks a CDN
 * for its list of host origins as soon as it loads, and a page opened outside Teams needs none of it.
 */
export async function teamsHost(): Promise<TeamsHost | undefined> {
  if (!maybeInTeams()) return undefined;
  const { app, authentication } = await import('@microsoft/teams-js');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), INITIALIZE_TIMEOUT_MS);
  });
  // A frame that is not Teams never answers or refuses; either way the page is not in Teams.
  const initialized = await Promise.race([app.initialize().then(() => true, () => false), timedOut]);
  clearTimeout(timer);
  if (!initialized) return undefined;
  const context = await app.getContext();
  app.notifySuccess();
  return { locale: context.app.locale, token: () => authentication.getAuthToken() };
}
