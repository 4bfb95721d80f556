import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { HttpsTransport } from './https-transport.js';

/** Statuses whose answer must have no body, or `Response` refuses to be built. */
const BODYLESS = new Set([101, 204, 205, 304]);

/** The last link of the Graph client's middleware chain: sends the request over the transport. */
export class HttpsMessageHandler implements Middleware {
  constructor(
    private readonly transport: HttpsTransport,
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const request = typeof context.request === 'string' ? new Request(context.request, context.options) : context.request;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = await request.text();
    const reply = await this.transport(request.url, {
      method: request.method,
      headers,
      body: body === '' ? undefined : body,
      timeoutMs: this.timeoutMs,
    });
    context.response = new Response(BODYLESS.has(reply.status) ? null : reply.body, { status: reply.status, headers: reply.headers });
  }
}
