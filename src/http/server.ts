import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';

export interface HttpLog {
  warn(fields: object, message: string): void;
}

export interface HttpRoutes {
  readonly messages: RequestHandler;
  /** Ready to take traffic: Redis answers, the configuration files are loaded, and the process is not stopping. */
  readonly ready: () => Promise<boolean>;
  /** The chat's CSV report links under /reports (report-download.ts). */
  readonly reports: Router;
  /** The privacy notice and terms of use the app package links to. */
  readonly notices?: Router | undefined;
  /** The metrics tab under /tab (page, its assets, its API). */
  readonly tab?: Router | undefined;
  /** Seconds a client address must wait before its next activity, or undefined to let it through. */
  readonly admitAddress?: ((address: string) => Promise<number | undefined>) | undefined;
}

export interface HttpOptions {
  /** Reverse proxies in front of the bot whose X-Forwarded-For is believed when naming the client address. */
  readonly trustProxyHops?: number;
}

/** Bot Framework activities are small; anything larger is refused before it is parsed. */
const BODY_LIMIT = '256kb';

/** A year, and the subdomains too: the bot's pages are never meant to be reached over plain HTTP. */
const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: true });

export function createHttpApp(routes: HttpRoutes, log: HttpLog, options: HttpOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxyHops ?? 0);
  // Behind HTTPS, as the request or a trusted proxy's X-Forwarded-Proto says; a browser ignores it over plain HTTP anyway.
  app.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));
  // A flooding address is turned away before its body is even read.
  const perAddress: RequestHandler = async (req, res, next) => {
    const wait = await routes.admitAddress?.(req.ip ?? req.socket.remoteAddress ?? '');
    if (wait === undefined) return next();
    res.setHeader('Retry-After', String(wait));
    res.status(429).json({ error: 'too_many_requests' });
  };
  app.post('/api/messages', perAddress, express.json({ limit: BODY_LIMIT }), routes.messages);
  // Liveness: the process answers. A Redis outage is readiness, not a reason to restart the bot.
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await routes.ready().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  app.use('/reports', routes.reports);
  if (routes.tab) app.use('/tab', routes.tab);
  if (routes.notices) app.use(routes.notices);
  const badInput: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
    res.status(status).json({ error: status === 500 ? 'internal_error' : (error.type ?? 'bad_request') });
  };
  app.use(badInput);
  return app;
}
