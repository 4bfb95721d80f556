import { existsSync, readFileSync } from 'node:fs';
import { parseUnitDirectory } from '../src/config/unit-directory-file.js';
import { buildTab } from './build-tab.js';
import { seedDemoBusyTimes } from './graph-sandbox/seed.js';
import { sandboxEnvironment, startGraphSandbox } from './graph-sandbox/server.js';
import { ensureRedis, startBot, startPlayground, stopAll } from './local-stack.js';
import { PLAYGROUND_PEOPLE, playgroundConfig } from './playground-config.js';

/**
 * `npm run dev`: the bot on its embedded defaults with Redis, the Graph sandbox (seeded with a few
 * busy times) and one Agents Playground per person of the demo (the Playground cannot switch users).
 */
const FIRST_PLAYGROUND_PORT = 56150;

async function main(): Promise<void> {
  process.loadEnvFile(existsSync('.env') ? '.env' : '.env.example');
  const botPort = Number(process.env.PORT ?? 3978);
  const directoryFile = process.env.UNIT_DIRECTORY_FILE ?? 'infra/unit-directory.example.yaml';
  const directory = parseUnitDirectory(readFileSync(directoryFile, 'utf8'), directoryFile);
  await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const graph = await startGraphSandbox({ port: Number(process.env.GRAPH_SANDBOX_PORT ?? 4010) });
  seedDemoBusyTimes(graph, new Date(), process.env.YHTEISTYOAIKA_ANCHOR ?? '2026-01-07');
  Object.assign(process.env, sandboxEnvironment(graph));
  await buildTab();
  await startBot(process.env, botPort);
  const lines: string[] = [];
  for (const [index, person] of PLAYGROUND_PEOPLE.entries()) {
    const url = await startPlayground(botPort, FIRST_PLAYGROUND_PORT + index, playgroundConfig(directory, person));
    lines.push(`  ${url}  ${directory.person(person.aadObjectId)?.name} (${person.role})`);
  }
  console.log(`
Yhteistyöbotti is running on http://127.0.0.1:${botPort}/api/messages
Metrics tab (dev sign-in): http://127.0.0.1:${botPort}/tab/metrics?lang=fi
Graph sandbox: ${graph.url} (CA ${graph.caFile})
${lines.join('\n')}
Open a Playground in a browser and write "hei" in the personal chat. Ctrl+C stops everything.`);
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
