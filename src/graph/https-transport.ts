import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import { localFailure } from './graph-error.js';

export interface HttpsCall {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** Longest silence on the socket before the call is given up. */
  readonly timeoutMs: number;
}

export interface HttpsReply {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type HttpsTransport = (url: string, call: HttpsCall) => Promise<HttpsReply>;

/**
 * The one way this adapter reaches Entra ID and Graph, for MSAL and the Graph client alike.
 * It exists because Node's fetch takes no per-client trust: with it, an extra CA (a TLS-
 * inspecting proxy's, or the loopback sandbox's) is trusted on top of Node's public roots by
 * configuration alone, and the code path stays the one production runs. Plain http is refused
 * so a bearer token never travels in the clear.
 */
export function createHttpsTransport(options: { readonly extraCaPem?: string | undefined } = {}): HttpsTransport {
  const agent = new Agent({
    keepAlive: true,
    ...(options.extraCaPem !== undefined && { ca: [...rootCertificates, options.extraCaPem] }),
  });
  return (url, call) =>
    new Promise<HttpsReply>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(localFailure('transport', `Refusing a non-https URL: ${target.origin}`));
        return;
      }
      const outgoing = request(target, { method: call.method, headers: call.headers, agent, timeout: call.timeoutMs }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error) => reject(localFailure('transport', error.message, error)));
        incoming.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`No answer from ${target.host} within ${call.timeoutMs} ms`)));
      outgoing.on('error', (error) => reject(localFailure('transport', error.message, error)));
      outgoing.end(call.body);
    });
}
