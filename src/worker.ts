import type { Server } from 'node:http';
import { ConfigError, loadConfig, type AppConfig } from './config/env.js';
import { createProbeApp } from './http/probes.js';
import { composeEffectWorker } from './main.js';

/** `npm run worker`: the effect worker as its own process; run the bot with EFFECT_WORKER=off. */
function start(): void {
  let worker: ReturnType<typeof composeEffectWorker>;
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
    worker = composeEffectWorker(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  worker.log.info({}, 'effect worker running');
  const probes: Server | undefined =
    config.workerPort === undefined ? undefined : createProbeApp(() => worker.ready()).listen({ port: config.workerPort, host: config.bindAddress });
  const stop = () => {
    probes?.close();
    void worker.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start();
