import type { RequestHandler } from 'express';

export interface CapturedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly receivedAt: string;
}

/** Credentials are left out, so a scan of the capture for leaked data never finds the test's own keys. */
const SECRET_FIELDS = /((?:^|&)(?:client_secret|client_assertion)=)[^&]*/g;

export function captureRequests(into: CapturedRequest[]): RequestHandler {
  return (req, _res, next) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name !== 'authorization' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const text = typeof req.body === 'string' ? req.body : '';
    into.push({
      method: req.method,
      url: req.originalUrl,
      headers,
      body: text.replace(SECRET_FIELDS, '$1[redacted]'),
      receivedAt: new Date().toISOString(),
    });
    next();
  };
}
