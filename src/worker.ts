import { ConfigError, loadConfig } from './config/env.js';
import { composeEffectWorker } from './main.js';

/** `npm run worker`: the effect worker as its own process; run the bot with EFFECT_WORKER=off. */
function start(): void {
  let worker: ReturnType<typeof composeEffectWorker>;
  try {
    worker = composeEffectWorker(loadConfig(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  worker.log.info({}, 'effect worker running');
  const stop = () => void worker.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start();
