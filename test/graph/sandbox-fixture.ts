import { readFileSync } from 'node:fs';
import { startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { createGraphCalendarGateway } from '../../src/graph/graph-calendar-gateway.js';
import type { GraphClientConfig } from '../../src/graph/graph-client.js';
import { createHttpsTransport, type HttpsReply } from '../../src/graph/https-transport.js';

export { startGraphSandbox, type GraphSandbox };

/** The production factory, pointed at the sandbox by configuration only; retries without waiting. */
export function gatewayFor(sandbox: GraphSandbox, overrides: Partial<GraphClientConfig> = {}) {
  return createGraphCalendarGateway({
    baseUrl: sandbox.url,
    ...sandbox.credentials,
    authority: sandbox.tokenAuthority,
    caFile: sandbox.caFile,
    retry: { delaySeconds: 0, maxRetries: 5 },
    ...overrides,
  });
}

/** Raw HTTPS to the sandbox, for what the gateway never sends. */
export function rawClient(sandbox: GraphSandbox) {
  const transport = createHttpsTransport({ extraCaPem: readFileSync(sandbox.caFile, 'utf8') });
  const origin = new URL(sandbox.url).origin;
  const send = async (method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const reply: HttpsReply = await transport(`${origin}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      timeoutMs: 5_000,
    });
    return { status: reply.status, headers: reply.headers, json: reply.body ? (JSON.parse(reply.body) as unknown) : undefined };
  };
  const token = async (secret = sandbox.credentials.clientSecret) => {
    const { tenantId, clientId } = sandbox.credentials;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' });
    const reply = await transport(`${origin}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      timeoutMs: 5_000,
    });
    return { status: reply.status, json: JSON.parse(reply.body) as { access_token?: string; error?: string } };
  };
  return { send, token };
}
