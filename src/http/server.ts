import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';

export interface HttpLog {
  warn(fields: object, message: string): void;
}

export interface HttpRoutes {
  readonly messages: RequestHandler;
  /** Ready to take traffic: Redis answers, the configuration files are loaded, and the process is not stopping. */
  readonly ready: () => Promise<boolean>;
  /** The CSV behind a signed report link, or undefined when the link is not (or no longer) valid. */
  readonly reportCsv: (token: string) => Promise<string | undefined>;
}

/** Bot Framework activities are small; anything larger is refused before it is parsed. */
const BODY_LIMIT = '256kb';

export function createHttpApp(routes: HttpRoutes, log: HttpLog): Express {
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/messages', express.json({ limit: BODY_LIMIT }), routes.messages);
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
  const badInput: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
    res.status(status).json({ error: status === 500 ? 'internal_error' : (error.type ?? 'bad_request') });
  };
  app.use(badInput);
  return app;
}
