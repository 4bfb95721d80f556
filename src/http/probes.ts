import express, { type Express } from 'express';

/**
 * Liveness and readiness for a process that serves nothing else (the effect worker): platforms
 * such as App Service restart a process that does not answer HTTP.
 */
export function createProbeApp(ready: () => Promise<boolean>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const isReady = await ready().catch(() => false);
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ready' : 'unavailable' });
  });
  return app;
}
