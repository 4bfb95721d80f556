import { ServerError, type ConfidentialClientApplication } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { localFailure } from './graph-error.js';

/** Application permissions: the app's own token, whatever the mailbox. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** App-only tokens from MSAL, which caches them and renews one shortly before it expires. */
export class MsalTokenProvider implements AuthenticationProvider {
  constructor(private readonly msal: ConfidentialClientApplication) {}

  async getAccessToken(): Promise<string> {
    try {
      const result = await this.msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
      if (result?.accessToken) return result.accessToken;
    } catch (error) {
      // Entra's own refusal (wrong secret, unknown app) will not pass on a retry; anything else may.
      const kind = error instanceof ServerError ? 'tokenRejected' : 'tokenUnavailable';
      throw localFailure(kind, `No Graph token: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    throw localFailure('tokenUnavailable', 'No Graph token: MSAL returned none');
  }
}
