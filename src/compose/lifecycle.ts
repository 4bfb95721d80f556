import type { Server } from 'node:http';
import { ConfigError, loadConfig, type AppConfig } from '../config/env.js';

/** How long a stopping process waits for activities and jobs in flight before it lets go of them. */
export const SHUTDOWN_GRACE_MS = 20_000;

/**
 * A job still running finishes first; one that does not within the grace period is left to
 * BullMQ, which gives it to another worker once its lock lapses. Forcing also frees a worker
 * still waiting for a Redis that is down.
 */
export async function closeWorker(worker: { close(force?: boolean): Promise<void> }, redisUp: boolean): Promise<void> {
  if (!redisUp) {
    await worker.close(true);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const graceful = worker.close().then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS);
  });
  const finished = await Promise.race([graceful, late]);
  clearTimeout(timer);
  if (!finished) await worker.close(true);
}

/** The configuration, or the process ends with every problem listed and no stack trace. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** SIGTERM or SIGINT: new connections are refused, requests in flight are answered, then `close` runs. */
export function stopOnSignals(server: Server, hooks: { stopTakingTraffic(): void; close(): Promise<void>; log: { info(fields: object, message: string): void } }): void {
  const stop = () => {
    hooks.log.info({}, 'shutting down: finishing the activities in flight');
    hooks.stopTakingTraffic();
    server.close(() => void hooks.close().then(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
