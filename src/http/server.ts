import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';

export interface HttpLog {
  warn(fields: object, message: string): void;
}

export interface HttpRoutes {
  readonly messages: RequestHandler;
  /** Ready to take traffic: Redis answers, the configuration files are loaded, and the process is not stopping. */
  readonly ready: () => Promise<boolean>;
  /** The CSV behind a signed report link, or undefined when the link is not (or no longer) valid. */
  readonly reportCsv: (token: string) => Promise<string | undefined>;
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

export function createHttpApp(routes: HttpRoutes, log: HttpLog, options: HttpOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxyHops ?? 0);
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
  app.get('/reports/:token', async (req, res, next) => {
    try {
      const csv = await routes.reportCsv(req.params.token);
      if (csv === undefined) {
        res.status(404).json({ error: 'link_expired_or_invalid' });
        return;
      }
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', 'attachment; filename="yhteistyotiimi-mittarit.csv"');
      res.setHeader('cache-control', 'no-store');
      // The byte order mark makes Excel read the file as UTF-8 (ä, ö, å).
      res.send(`\uFEFF${csv}`);
    } catch (error) {
      next(error);
    }
  });
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
