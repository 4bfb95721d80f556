import { existsSync } from 'node:fs';
import { ensureRedis, startBot, startPlayground, stopAll } from './local-stack.js';

/**
 * `npm run dev`: the bot on its embedded defaults with Redis and two Playgrounds, one for the
 * worker and one for the supervisor. The Graph sandbox joins with the booking issue (#5).
 */
async function main(): Promise<void> {
  process.loadEnvFile(existsSync('.env') ? '.env' : '.env.example');
  const botPort = Number(process.env.PORT ?? 3978);
  await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await startBot(process.env, botPort);
  const worker = await startPlayground(botPort, 56150, '.m365agentsplayground.yml');
  const supervisor = await startPlayground(botPort, 56151, 'infra/playground/supervisor.m365agentsplayground.yml');
  console.log(`
Yhteistyöbotti is running on http://127.0.0.1:${botPort}/api/messages
  Worker (Wilma Työntekijä):      ${worker}
  Supervisor (Sanna Esihenkilö):  ${supervisor}
Open a Playground in a browser, write "hei" in the personal chat. Ctrl+C stops everything.`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(0);
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  stopAll();
  process.exit(1);
});
