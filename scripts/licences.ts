import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tabBuildOptions } from './build-tab.js';
import { reviewLicences, shippedPackages, type Lockfile, type Manifest } from './licence-policy.js';

/**
 * `npm run licences`: every package the app ships (production dependencies and what the tab
 * bundle contains) with its licence; exits 1 when one may not ship as it is (scripts/licence-policy.ts).
 */
async function main(): Promise<number> {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
  const bundle = await build({ ...tabBuildOptions(), write: false, metafile: true, minify: false, sourcemap: false });
  const bundled = Object.keys(bundle.metafile!.inputs);
  const manifestOf = (key: string) => {
    const path = join(key, 'package.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
  };
  const { rows, problems } = reviewLicences(shippedPackages(lock, bundled, manifestOf), readFileSync('NOTICE', 'utf8'));
  const width = Math.max(...rows.map((row) => `${row.name}@${row.version}`.length));
  for (const row of rows) {
    const declared = row.licence === row.declared ? '' : ` (declared: ${row.declared ?? 'none'})`;
    console.log(`${`${row.name}@${row.version}`.padEnd(width)}  ${(row.licence ?? 'none') + declared}  [${row.where.join(', ')}]${row.problem ? '  NOT OK' : ''}`);
  }
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.class, (counts.get(row.class) ?? 0) + 1);
  console.log(`\n${rows.length} packages ship: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}.`);
  if (problems.length === 0) {
    console.log('Every licence is allowed; NOTICE carries the attributions.');
    return 0;
  }
  console.error(`Licences that may not ship as they are:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
