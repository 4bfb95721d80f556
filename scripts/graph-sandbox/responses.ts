import { randomUUID } from 'node:crypto';

/** What a route answers; the dispatcher writes it, so a fault can replace it after the work is done. */
export interface SandboxResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function json(status: number, body: unknown): SandboxResponse {
  return { status, body };
}

export const noContent = (status = 204): SandboxResponse => ({ status });

/** Graph's error envelope, with the ids a support ticket would quote. */
export function graphError(status: number, code: string, message: string, clientRequestId?: string): SandboxResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': clientRequestId ?? requestId,
        },
      },
    },
  };
}
