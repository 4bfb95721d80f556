import type { Server } from 'node:http';
import { composeEffectWorker } from './compose/effect-worker.js';
import { configOrExit } from './compose/lifecycle.js';
import { createProbeApp } from './http/probes.js';

/** `npm run worker`: the effect worker as its own process; run the bot with EFFECT_WORKER=off. */
function start(): void {
  const config = configOrExit();
  const worker = composeEffectWorker(config);
  worker.log.info({}, 'effect worker running');
  const probes: Server | undefined = config.workerPort === undefined ? undefined : createProbeApp(() => worker.ready()).listen({ port: config.workerPort, host: config.bindAddress });
  const stop = () => {
    probes?.close();
    void worker.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start();
