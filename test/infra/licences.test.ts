import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, declaredLicence, lockKeyOf, productionPackages, REVIEWED, reviewLicences, type Lockfile, type ShippedPackage } from '../../scripts/licence-policy.js';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
const notice = readFileSync('NOTICE', 'utf8');
const shipped = (name: string, declared: string | undefined, where: ShippedPackage['where'] = ['production']): ShippedPackage => ({ name, version: '1.0.0', declared, where });
/** The reviewed packages as they ship, so that no review entry counts as stale. */
const reviewedPackages = Object.keys(REVIEWED).map((key) => {
  const at = key.lastIndexOf('@');
  return { name: key.slice(0, at), version: key.slice(at + 1), declared: undefined, where: ['production'] as const };
});

describe('npm run licences', () => {
  it('lists every shipped package with its licence and passes for the dependencies as they are', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/licences.ts'], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/^date-holidays@\S+\s+ISC AND CC-BY-SA-3\.0 \(declared: \(ISC AND CC-BY-3\.0\)\)\s+\[production\]$/m);
    expect(result.stdout).toMatch(/^chart\.js@\S+\s+MIT\s+\[tab bundle\]$/m);
    expect(result.stdout).toMatch(/^botbuilder@\S+\s+MIT\s+\[production\]$/m);
    expect(result.stdout).not.toMatch(/^(typescript|vitest|tsx|esbuild)@/m);
  });

  it('reads what the image installs: no dev dependency and no optional one, so not TypeScript either', () => {
    const production = [...productionPackages(lock).keys()];
    expect(production).toContain('node_modules/date-holidays');
    for (const absent of ['node_modules/typescript', 'node_modules/vitest', 'node_modules/node', 'node_modules/msgpackr-extract']) expect(production).not.toContain(absent);
  });

  it('attributes a bundled file to the installed package it comes from, its vendored copies included', () => {
    expect(lockKeyOf('node_modules/chart.js/dist/chart.js', lock)).toBe('node_modules/chart.js');
    expect(lockKeyOf('node_modules/@microsoft/teams-js/dist/esm/node_modules/.pnpm/uuid@11.1.1/node_modules/uuid/dist/v4.js', lock)).toBe('node_modules/@microsoft/teams-js');
    expect(lockKeyOf('src/http/tab-client/metrics-page.ts', lock)).toBeUndefined();
  });
});

describe('the licence policy', () => {
  it('classes an SPDX expression: a choice by its best branch, a conjunction by its worst part', () => {
    expect(classify('MIT')).toBe('permissive');
    expect(classify('(MIT OR GPL-3.0-only)')).toBe('permissive');
    expect(classify('(ISC AND CC-BY-3.0)')).toBe('attribution');
    expect(classify('Apache-2.0 WITH LLVM-exception')).toBe('permissive');
    expect(classify('GPL-2.0-or-later')).toBe('copyleft');
    expect(classify('LGPL-2.1+')).toBe('copyleft');
    expect(classify('MIT AND CC-BY-SA-4.0')).toBe('copyleft');
    expect(classify('SEE LICENSE IN LICENSE.md')).toBe('unknown');
    expect(classify('(MIT')).toBe('unknown');
    expect(classify(undefined)).toBe('unknown');
  });

  it("reads a package's old `licenses` list as a choice where it has no SPDX `license`", () => {
    expect(declaredLicence({ license: 'ISC', licenses: [{ type: 'MIT' }] })).toBe('ISC');
    expect(declaredLicence({ licenses: [{ type: 'MIT', url: 'http://example.invalid/LICENSE.txt' }] })).toBe('MIT');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }] })).toBe('(MIT OR GPL-2.0)');
    expect(declaredLicence({})).toBeUndefined();
    expect(declaredLicence(undefined)).toBeUndefined();
  });

  it('refuses copyleft and unknown licences nobody reviewed', () => {
    const { problems } = reviewLicences([...reviewedPackages, shipped('left', 'AGPL-3.0-only'), shipped('mystery', undefined), shipped('fine', 'MIT')], notice);
    expect(problems).toEqual([expect.stringMatching(/^left@1\.0\.0: copyleft licence/), expect.stringMatching(/^mystery@1\.0\.0: unknown licence null/)]);
  });

  it('asks NOTICE to name packages under attribution licences and packages bundled into the tab pages', () => {
    const { problems } = reviewLicences([...reviewedPackages, shipped('credited-data', 'CC-BY-4.0'), shipped('browser-lib', 'MIT', ['tab bundle'])], notice);
    expect(problems).toEqual([expect.stringContaining('NOTICE must name credited-data'), expect.stringContaining('NOTICE must name browser-lib')]);
    expect(reviewLicences([...reviewedPackages, shipped('chart.js', 'MIT', ['tab bundle'])], notice).problems).toEqual([]);
  });

  it('keeps no review of a package that no longer ships', () => {
    const { problems } = reviewLicences([shipped('fine', 'MIT')], notice);
    expect(problems).toEqual(Object.keys(REVIEWED).map((key) => `${key} is in REVIEWED but no longer ships: remove or update the entry`));
  });
});

describe('NOTICE', () => {
  it("credits date-holidays' holiday data under its Creative Commons licence, with the sources", () => {
    expect(notice).toContain('https://github.com/commenthol/date-holidays');
    expect(notice).toContain('https://creativecommons.org/licenses/by/3.0/');
    expect(notice).toContain('https://creativecommons.org/licenses/by-sa/3.0/');
    expect(notice).toContain('https://en.wikipedia.org/wiki/Public_holidays_in_Finland');
  });

  it('ships in the image', () => {
    const runtime = readFileSync('Dockerfile', 'utf8').split(/^FROM /m).at(-1) ?? '';
    expect(runtime).toMatch(/^COPY (?!--from)(.* )?NOTICE( .*)? \.\/$/m);
  });
});
