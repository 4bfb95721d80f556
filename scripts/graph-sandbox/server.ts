import express from 'express';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SandboxCalendars } from './calendars.js';
import { captureRequests, type CapturedRequest } from './capture.js';
import { createSandboxCertificate } from './certificate.js';
import { controlRoutes } from './control-routes.js';
import { FaultControl } from './faults.js';
import { graphRoutes, MailboxConcurrency } from './graph-routes.js';
import { identityRoutes, IssuedTokens, type SandboxCredentials } from './identity-routes.js';

export type { CapturedRequest } from './capture.js';
export type { SandboxCredentials } from './identity-routes.js';
export type { FaultControl } from './faults.js';
export type { SandboxCalendars } from './calendars.js';

/** Made-up ids in Entra's formats; the sandbox accepts only these unless told otherwise. */
export const SANDBOX_CREDENTIALS: SandboxCredentials = {
  tenantId: '7c5a4b3e-1d2f-4e6a-9b8c-0a1b2c3d4e5f',
  clientId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
  clientSecret: 'sandbox-client-secret',
};

export interface GraphSandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly credentials?: Partial<SandboxCredentials>;
}

export interface GraphSandbox {
  /** Graph's base URL, `https://127.0.0.1:<port>/v1.0`: what GRAPH_BASE_URL names. */
  readonly url: string;
  /** The MSAL authority, `https://127.0.0.1:<port>/<tenantId>`. */
  readonly tokenAuthority: string;
  /** The self-signed certificate a client must trust to reach the sandbox. */
  readonly caFile: string;
  readonly credentials: SandboxCredentials;
  readonly requests: CapturedRequest[];
  readonly faults: FaultControl;
  readonly calendars: SandboxCalendars;
  /** The most requests a mailbox ever had in flight at once. */
  peakConcurrency(mailbox: string): number;
  stop(): Promise<void>;
}

/**
 * A loopback stand-in for Entra ID's token endpoint and the calendar part of Graph v1.0, over
 * HTTPS because MSAL accepts no other authority. Nothing it does reaches the internet.
 */
export async function startGraphSandbox(options: GraphSandboxOptions = {}): Promise<GraphSandbox> {
  const certificate = await createSandboxCertificate();
  const credentials = { ...SANDBOX_CREDENTIALS, ...options.credentials };
  const requests: CapturedRequest[] = [];
  const faults = new FaultControl();
  const calendars = new SandboxCalendars();
  const tokens = new IssuedTokens();
  const concurrency = new MailboxConcurrency();
  let origin = '';

  const app = express();
  app.disable('x-powered-by');
  app.use(express.text({ type: () => true, limit: '1mb' }));
  app.use(captureRequests(requests));
  app.use(identityRoutes(credentials, tokens, () => origin));
  app.use(controlRoutes(faults));
  app.use(graphRoutes({ calendars, faults, get origin() { return origin; } }, tokens, concurrency));

  const server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/v1.0`,
    tokenAuthority: `${origin}/${credentials.tenantId}`,
    caFile: certificate.caFile,
    credentials,
    requests,
    faults,
    calendars,
    peakConcurrency: (mailbox) => concurrency.peak(mailbox),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await certificate.remove();
    },
  };
}

/** The bot's Graph settings for this sandbox: the production code path, pointed here by configuration. */
export function sandboxEnvironment(sandbox: GraphSandbox): Record<string, string> {
  return {
    GRAPH_BASE_URL: sandbox.url,
    GRAPH_TENANT_ID: sandbox.credentials.tenantId,
    GRAPH_CLIENT_ID: sandbox.credentials.clientId,
    GRAPH_CLIENT_SECRET: sandbox.credentials.clientSecret,
    GRAPH_AUTHORITY: sandbox.tokenAuthority,
    GRAPH_CA_FILE: sandbox.caFile,
  };
}
