import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Node 24 LTS everywhere the app is built, tested or run. A machine whose own Node is older
 * (Debian's 20 here) still runs every npm script on 24: the node devDependency puts a Node 24
 * binary in node_modules/.bin, which `npm run` puts first on PATH.
 */

const MAJOR = 24;
const read = (path: string) => readFileSync(path, 'utf8');
type PackageJson = {
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const packageJson = JSON.parse(read('package.json')) as PackageJson;
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; hasInstallScript?: boolean }> };
const nodeVersion = packageJson.devDependencies['node'] ?? '';

describe(`Node ${MAJOR} LTS`, () => {
  it('is the node devDependency, at an exact version that the lockfile installs', () => {
    expect(nodeVersion).toMatch(new RegExp(`^${MAJOR}\\.\\d+\\.\\d+$`));
    expect(lock.packages['node_modules/node']?.version).toBe(nodeVersion);
  });

  it('runs this test, and is the node that child processes started by name find on PATH', () => {
    expect(process.version, `run the tests through npm (npm test, npx vitest) so node_modules/.bin/node ${nodeVersion} is used`).toMatch(new RegExp(`^v${MAJOR}\\.`));
    const child = spawnSync('node', ['-p', 'process.version'], { encoding: 'utf8' });
    expect(child.stdout.trim()).toBe(process.version);
  });

  it('is what engines, .nvmrc and @types/node ask for', () => {
    expect(packageJson.engines['node']).toMatch(new RegExp(`^>=${MAJOR}(\\.\\d+){0,2} <${MAJOR + 1}$`));
    expect(read('.nvmrc').trim()).toBe(nodeVersion);
    expect(packageJson.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${MAJOR}\\.`));
  });

  it('is the base image of every Dockerfile stage, pinned to the same exact version', () => {
    const dockerfile = read('Dockerfile');
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toBe(`node:${nodeVersion}-bookworm-slim`);
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toBe('${NODE_IMAGE}');
  });

  it('is the App Service runtime stack in azure.bicep', () => {
    expect(read('infra/azure.bicep')).toMatch(new RegExp(`^param linuxFxVersion string = 'NODE\\|${MAJOR}-lts'$`, 'm'));
  });

  it('is the only Node any tracked file targets (measured results keep the Node they ran on)', () => {
    const files = spawnSync('git', ['ls-files'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((file) => file !== '' && !['package-lock.json', 'bench/results.md'].includes(file));
    expect(files.length).toBeGreaterThan(50);
    const majors = Array.from({ length: MAJOR - 10 }, (_, i) => i + 10).join('|');
    const older = new RegExp(`\\bnode(?:\\.?js)?[ :|@]?v?(?:${majors})(?!\\d)`, 'i');
    const hits = files.flatMap((file) => {
      let text: string;
      try {
        text = read(file);
      } catch {
        return [];
      }
      return text.split('\n').flatMap((line, i) => (older.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(hits).toEqual([]);
  });
});

describe('install scripts', () => {
  it('run only for dependencies that allowScripts names, and every dependency that has one is named', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    const decided = Object.keys(packageJson.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@[^@]*$/, ''));
    expect([...new Set(withScripts)].sort()).toEqual([...new Set(decided)].sort());
  });
});
