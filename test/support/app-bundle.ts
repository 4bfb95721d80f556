import { join } from 'node:path';
import { build } from 'esbuild';

/** Where `bundleApp` put this test run's bundles; the test workers inherit it from the global setup. */
const BUNDLE_DIR_VARIABLE = 'YT_APP_BUNDLE_DIR';

const ENTRIES = { main: 'src/main.ts', worker: 'src/worker.ts' } as const;
export type AppEntry = keyof typeof ENTRIES;

/**
 * The bot and the effect worker compiled to plain JavaScript once per test run, as production
 * runs `dist/`: a process started through tsx spends about twice as long (and twice the CPU) getting
 * ready, which the tests that kill and restart them dozens of times paid on every restart. Each
 * run bundles into a folder of its own, so two runs side by side never read half-written files;
 * it lives inside node_modules so the bundle finds the packages it leaves out, as dist/ would.
 */
export async function bundleApp(): Promise<string> {
  const dir = join('node_modules', '.cache', 'yt-test', String(process.pid));
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES)),
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.env[BUNDLE_DIR_VARIABLE] = dir;
  return dir;
}

/** Node's arguments for one of the app's processes: the run's bundle, or the sources through tsx where no setup bundled them. */
export function appProcessArgs(entry: AppEntry): string[] {
  const dir = process.env[BUNDLE_DIR_VARIABLE];
  return dir ? ['--enable-source-maps', join(dir, `${entry}.js`)] : ['--import', 'tsx', ENTRIES[entry]];
}
