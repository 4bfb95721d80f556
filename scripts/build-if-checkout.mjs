// `npm start` and `npm run worker` run this first (prestart, preworker). Plain JavaScript, as the
// production file set has no TypeScript and no tsx to run a .ts script with.
//
// In a source checkout with the dev dependencies (a developer's machine) it builds dist/, so the
// start runs what is in src/. In the production file set (the container image, the App Service
// artifact: dist/, the run-time files and production dependencies only) there is no
// tsconfig.build.json and no TypeScript: it builds nothing and the prebuilt dist/ starts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

const entry = process.argv[2] ?? 'dist/src/main.js';
const sources = existsSync('tsconfig.build.json');

function typescriptInstalled() {
  try {
    createRequire(`${process.cwd()}/package.json`).resolve('typescript/package.json');
    return true;
  } catch {
    return false;
  }
}

if (sources && typescriptInstalled()) {
  // The npm that runs this script, on the Node that runs it, so the build runs where the start will.
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(build.status ?? 1);
}
if (sources) process.stderr.write(`TypeScript is not installed (npm ci without dev dependencies?): starting the ${entry} built before, not the sources.\n`);
if (!existsSync(entry)) {
  process.stderr.write(`${entry} is missing: build it with \`npm run build\` in a checkout with the dev dependencies, or run the container image.\n`);
  process.exit(1);
}
