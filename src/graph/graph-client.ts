import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { HttpsMessageHandler } from './https-message-handler.js';
import { createHttpsTransport } from './https-transport.js';
import { MsalNetworkClient } from './msal-network-client.js';
import { MsalTokenProvider } from './msal-token-provider.js';

export interface GraphClientConfig {
  /** Graph's base URL with its version, e.g. https://graph.microsoft.com/v1.0. */
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Defaults to Entra ID's public cloud for the tenant; another host is trusted as named. */
  readonly authority?: string | undefined;
  /** A PEM file of one more CA to trust besides Node's public roots. */
  readonly caFile?: string | undefined;
  readonly retry?: {
    /** Attempts after the first; the Graph client allows at most 10. */
    readonly maxRetries?: number | undefined;
    /** Base back-off in seconds when Graph gives no Retry-After. */
    readonly delaySeconds?: number | undefined;
    /** A longer Retry-After is not waited for here: the error goes to the caller's job retry. */
    readonly maxRetryAfterSeconds?: number | undefined;
  };
  readonly requestTimeoutMs?: number | undefined;
}

const DEFAULTS = { maxRetries: 3, delaySeconds: 3, maxRetryAfterSeconds: 30, requestTimeoutMs: 30_000 };

function retryHandler(retry: GraphClientConfig['retry']): RetryHandler {
  const maxRetryAfter = retry?.maxRetryAfterSeconds ?? DEFAULTS.maxRetryAfterSeconds;
  const waitable = (_delay: number, _attempt: number, _request: RequestInfo, _options: unknown, response: Response) =>
    Number(response.headers.get('retry-after') ?? 0) <= maxRetryAfter;
  return new RetryHandler(
    new RetryHandlerOptions(retry?.delaySeconds ?? DEFAULTS.delaySeconds, retry?.maxRetries ?? DEFAULTS.maxRetries, waitable),
  );
}

/**
 * A Graph client with app-only MSAL tokens, the SDK's retry handling (429 with Retry-After,
 * 503, 504) and this adapter's HTTPS transport at the end of the chain.
 */
export function createGraphClient(config: GraphClientConfig): Client {
  const timeoutMs = config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const transport = createHttpsTransport({ extraCaPem: config.caFile ? readFileSync(config.caFile, 'utf8') : undefined });
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authority: config.authority ?? `https://login.microsoftonline.com/${config.tenantId}`,
      // A named authority is taken as it is: MSAL asks it, not Microsoft's instance discovery, about itself.
      ...(config.authority && { knownAuthorities: [new URL(config.authority).host] }),
    },
    system: { networkClient: new MsalNetworkClient(transport, timeoutMs) },
  });

  const base = new URL(config.baseUrl);
  // The token is fetched once per call, outside the retries; MSAL's cache makes it cheap.
  const authentication = new AuthenticationHandler(new MsalTokenProvider(msal));
  const retry = retryHandler(config.retry);
  const telemetry = new TelemetryHandler();
  authentication.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(new HttpsMessageHandler(transport, timeoutMs));
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: base.origin,
    defaultVersion: base.pathname.replace(/^\/+|\/+$/g, ''),
    // The client attaches the token only to Graph's own hosts unless told of another.
    customHosts: new Set([base.hostname]),
  });
}
