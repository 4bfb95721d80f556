import type { Server } from 'node:http';
import { composeBot } from './compose/bot.js';
import { configOrExit, stopOnSignals } from './compose/lifecycle.js';
import { errorFields } from './compose/services.js';

/** `npm start`: the bot on PORT, until SIGTERM. */
async function start(): Promise<void> {
  const config = configOrExit();
  const bot = composeBot(config);
  if (!(await bot.ready())) bot.log.warn({}, 'Redis does not answer yet; serving, and users are asked to try again');
  // In the background: until it ends, reports and waiting lists may miss requests and answers stored before the unit indexes and figures.
  bot.reindexRequests().then(
    (filed) => bot.log.info({ filed }, 'requests filed under unit indexes'),
    (error: unknown) => bot.log.warn(errorFields(error), 'filing requests under unit indexes failed; the next start tries again'),
  );
  if (config.localMode) bot.log.warn({}, 'local mode: MicrosoftAppId is empty, inbound authentication is off');
  const server: Server = bot.app.listen({ port: config.port, host: config.bindAddress }, () =>
    bot.log.info({ port: config.port, address: config.bindAddress }, 'Yhteistyöbotti listening'),
  );
  stopOnSignals(server, bot);
}

void start();
