import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildAppPackage, FAKE_GUID, packageValues } from './app-package.js';

/**
 * `npm run package [-- --local] [-- --out file.zip]`: the Teams app package from manifest/, filled
 * from the same environment the bot runs with. Writes nothing while any problem remains.
 */
async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: { local: { type: 'boolean', default: false }, out: { type: 'string', default: 'appPackage.zip' } } });
  process.loadEnvFile(existsSync('.env') ? '.env' : '.env.example');
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const values = packageValues(process.env, { local: args.local, version });
  if (!values.ok) return refuse(values.error);
  const built = await buildAppPackage(values.value);
  if (!built.ok) return refuse(built.error);
  writeFileSync(args.out, built.value.zip);
  const { TEAMS_APP_ID, BOT_ID, BOT_DOMAIN } = values.value;
  console.log(`Wrote ${args.out}: Teams app ${TEAMS_APP_ID} version ${version}, bot ${BOT_ID} at ${BOT_DOMAIN}.`);
  if (TEAMS_APP_ID === FAKE_GUID || BOT_ID === FAKE_GUID) console.log('An id is the --local placeholder: look at this package, but Teams cannot reach a bot through it.');
  return 0;
}

function refuse(problems: readonly string[]): number {
  console.error(`No app package was written:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
