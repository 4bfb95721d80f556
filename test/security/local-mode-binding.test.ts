import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.js';

/** An address of this machine that other machines reach it by, if it has one. */
const outward = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

/** A bot process compiles its TypeScript as it starts: seconds on two busy cores. */
const STARTUP_MS = 60_000;

/** Whether a TCP connection to the bot's port on `host` is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(outward === undefined)('local mode on the network', () => {
  let bot: BotProcess | undefined;
  const start = (env: Record<string, string> = {}) =>
    BotProcess.start({ MicrosoftAppId: '', REDIS_KEY_PREFIX: `test:${randomUUID().slice(0, 8)}:`, EFFECT_WORKER: 'off', BIND_ADDRESS: '', ...env });
  const portOf = (process: BotProcess) => Number(new URL(process.url).port);

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('takes connections only from this machine, where activities need no token', async () => {
    bot = await start();
    expect(await accepts('127.0.0.1', portOf(bot))).toBe(true);
    expect(await accepts(outward!, portOf(bot))).toBe(false);
  }, STARTUP_MS);

  it('is reachable from the network only when BIND_ADDRESS opens it', async () => {
    bot = await start({ BIND_ADDRESS: '0.0.0.0' });
    expect(await accepts(outward!, portOf(bot))).toBe(true);
  }, STARTUP_MS);
});
