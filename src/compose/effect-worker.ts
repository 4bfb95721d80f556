import type { Logger } from 'pino';
import type { AppConfig } from '../config/env.js';
import { closeWorker } from './lifecycle.js';
import { composeServices } from './services.js';

/** The effect worker on its own (`npm run worker`), for running fan-out apart from the bot. */
export function composeEffectWorker(config: AppConfig): { log: Logger; ready(): Promise<boolean>; close(): Promise<void> } {
  const services = composeServices(config, {});
  const worker = services.startWorker();
  services.startRelay();
  return {
    log: services.log,
    ready: async () => (await services.redis.ping()) === 'PONG' && worker.isRunning(),
    close: async () => {
      await closeWorker(worker, services.redis.status === 'ready');
      await services.close();
    },
  };
}
