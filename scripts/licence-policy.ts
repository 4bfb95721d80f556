/**
 * Which licences the shipped code may carry. What ships: the production dependency tree (what
 * `npm ci --omit=dev --omit=optional` installs from the lockfile, as the image does) and the
 * packages bundled into the tab pages' browser code (devDependencies, but copied to every
 * browser that opens a tab).
 */

/** Licences that ask for no more than keeping their notice, which ships in each package's folder. */
const PERMISSIVE = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'PSF-2.0',
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

/** Licences that ask for attribution where the work is used: NOTICE must name the package. */
const ATTRIBUTION = new Set(['CC-BY-3.0', 'CC-BY-4.0']);

/** Share-alike and copyleft families: never accepted without a review below. */
const COPYLEFT = /^(A?GPL|LGPL|MPL|EPL|EUPL|CDDL|CPL|OSL|CC-BY-SA|CC-BY-NC|CC-BY-ND|ODbL|SSPL|Sleepycat)/i;

/**
 * Packages whose declared licence is missing, wrong or not on the lists above, as read from the
 * package's own licence files. Pinned to the version read: an upgrade is read again.
 */
export const REVIEWED: Readonly<Record<string, { readonly licence: string; readonly why: string }>> = {
  'jspath@0.4.0': {
    licence: 'MIT',
    why: 'no licence field in its package.json; its LICENSE file is the MIT licence (Copyright (c) 2012 Dmitry Filatov)',
  },
  'date-holidays@3.37.0': {
    licence: 'ISC AND CC-BY-SA-3.0',
    why: 'its package.json says (ISC AND CC-BY-3.0), but its LICENSE and README put the holiday data under CC BY-SA 3.0 (it relies on Wikipedia articles). Shipped unmodified in node_modules with that LICENSE and its attribution list; NOTICE attributes the data',
  },
};

export type LicenceClass = 'permissive' | 'attribution' | 'copyleft' | 'unknown';
const RANK: Record<LicenceClass, number> = { permissive: 0, attribution: 1, copyleft: 2, unknown: 3 };
const worse = (a: LicenceClass, b: LicenceClass) => (RANK[a] >= RANK[b] ? a : b);
const better = (a: LicenceClass, b: LicenceClass) => (RANK[a] <= RANK[b] ? a : b);

function classOf(id: string): LicenceClass {
  const plain = id.replace(/\+$/, '');
  if (PERMISSIVE.has(plain)) return 'permissive';
  if (ATTRIBUTION.has(plain)) return 'attribution';
  return COPYLEFT.test(plain) ? 'copyleft' : 'unknown';
}

/**
 * The class of an SPDX expression: a choice (OR) is as good as its best branch, a conjunction
 * (AND) as bad as its worst part; an exception (WITH) keeps the licence's class. Anything that
 * does not parse, and a missing licence, is unknown.
 */
export function classify(expression: string | undefined): LicenceClass {
  if (!expression?.trim()) return 'unknown';
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const disjunction = (): LicenceClass => {
    let result = conjunction();
    while (peek()?.toUpperCase() === 'OR') {
      at++;
      result = better(result, conjunction());
    }
    return result;
  };
  const conjunction = (): LicenceClass => {
    let result = term();
    while (peek()?.toUpperCase() === 'AND') {
      at++;
      result = worse(result, term());
    }
    return result;
  };
  const term = (): LicenceClass => {
    const token = tokens[at++];
    if (token === undefined || token === ')' || /^(AND|OR|WITH)$/i.test(token)) throw new SyntaxError(expression);
    let result: LicenceClass;
    if (token === '(') {
      result = disjunction();
      if (tokens[at++] !== ')') throw new SyntaxError(expression);
    } else result = classOf(token);
    if (peek()?.toUpperCase() === 'WITH') at += 2;
    return result;
  };
  try {
    const result = disjunction();
    return at === tokens.length ? result : 'unknown';
  } catch {
    return 'unknown';
  }
}

export type ShippedPackage = {
  readonly name: string;
  readonly version: string;
  /** The licence field as the lockfile records it from the package. */
  readonly declared: string | undefined;
  readonly where: readonly ('production' | 'tab bundle')[];
};

export type LicenceRow = ShippedPackage & { readonly licence: string | undefined; readonly class: LicenceClass; readonly problem?: string };

/**
 * Every shipped package with its licence and, where it may not ship as it is, why: a copyleft or
 * unknown licence nobody reviewed, or an attribution licence (or a reviewed copyleft one) or a
 * package of the tab bundle that NOTICE does not name. Review entries that match no shipped package are problems too, so the
 * list above cannot go stale.
 */
export function reviewLicences(packages: readonly ShippedPackage[], notice: string): { rows: LicenceRow[]; problems: string[] } {
  const problems: string[] = [];
  const rows = packages.map((pkg): LicenceRow => {
    const review = REVIEWED[`${pkg.name}@${pkg.version}`];
    const licence = review?.licence ?? pkg.declared;
    const licenceClass = classify(licence);
    let problem: string | undefined;
    if (!review && (licenceClass === 'copyleft' || licenceClass === 'unknown')) {
      problem = `${licenceClass} licence ${JSON.stringify(pkg.declared ?? null)}: read the package's licence files and add it to REVIEWED in scripts/licence-policy.ts, or drop the package`;
    } else if (licenceClass !== 'permissive' && !notice.includes(pkg.name)) {
      problem = `${licence} asks for attribution (or shares alike): NOTICE must name ${pkg.name}`;
    } else if (pkg.where.includes('tab bundle') && !notice.includes(pkg.name)) {
      // A minified bundle keeps only the notices its sources mark as legal comments.
      problem = `bundled into the tab pages, which browsers get without node_modules: NOTICE must name ${pkg.name} with its notice`;
    }
    if (problem) problems.push(`${pkg.name}@${pkg.version}: ${problem}`);
    return { ...pkg, licence, class: licenceClass, ...(problem ? { problem } : {}) };
  });
  const shipped = new Set(packages.map((pkg) => `${pkg.name}@${pkg.version}`));
  for (const key of Object.keys(REVIEWED)) if (!shipped.has(key)) problems.push(`${key} is in REVIEWED but no longer ships: remove or update the entry`);
  return { rows, problems };
}

type LockEntry = { version?: string; license?: string; dev?: boolean; optional?: boolean; devOptional?: boolean; link?: boolean };
export type Lockfile = { packages: Record<string, LockEntry> };

const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The lockfile's packages that `npm ci --omit=dev --omit=optional` installs. */
export function productionPackages(lock: Lockfile): Map<string, LockEntry> {
  return new Map(Object.entries(lock.packages).filter(([key, entry]) => key !== '' && !entry.link && !entry.dev && !entry.optional && !entry.devOptional));
}

/**
 * The lockfile key of the installed package a bundled file comes from: the deepest
 * node_modules folder the lockfile knows (a package's own vendored copies belong to it).
 */
export function lockKeyOf(file: string, lock: Lockfile): string | undefined {
  const starts = [...file.matchAll(/node_modules\//g)].map((m) => m.index);
  for (const start of starts.reverse()) {
    const rest = file.slice(start + 'node_modules/'.length).split('/');
    const key = file.slice(0, start) + 'node_modules/' + (rest[0]?.startsWith('@') ? rest.slice(0, 2) : rest.slice(0, 1)).join('/');
    if (lock.packages[key]) return key;
  }
  return undefined;
}

/** A package.json's licence fields; `licenses` is the old form, a list of alternatives. */
export type Manifest = { license?: unknown; licenses?: unknown };

/** The licence a package declares: the SPDX `license`, or the old `licenses` list as a choice. */
export function declaredLicence(manifest: Manifest | undefined): string | undefined {
  if (typeof manifest?.license === 'string') return manifest.license;
  const types = Array.isArray(manifest?.licenses) ? manifest.licenses.map((l: { type?: unknown }) => l?.type).filter((t): t is string => typeof t === 'string') : [];
  if (types.length === 0) return undefined;
  return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
}

/**
 * One row per shipped package (name and version), with where it ships. The lockfile records only
 * the SPDX `license` field; for a package without one, `manifestOf` reads its installed package.json.
 */
export function shippedPackages(lock: Lockfile, bundledFiles: readonly string[], manifestOf: (key: string) => Manifest | undefined = () => undefined): ShippedPackage[] {
  const byKey = new Map<string, { name: string; version: string; declared: string | undefined; where: Set<'production' | 'tab bundle'> }>();
  const add = (key: string, where: 'production' | 'tab bundle') => {
    const entry = lock.packages[key]!;
    const id = `${nameOf(key)}@${entry.version ?? ''}`;
    const row = byKey.get(id) ?? { name: nameOf(key), version: entry.version ?? '', declared: entry.license ?? declaredLicence(manifestOf(key)), where: new Set() };
    row.where.add(where);
    byKey.set(id, row);
  };
  for (const key of productionPackages(lock).keys()) add(key, 'production');
  for (const file of bundledFiles) {
    const key = lockKeyOf(file, lock);
    if (key) add(key, 'tab bundle');
  }
  return [...byKey.values()]
    .map((row) => ({ name: row.name, version: row.version, declared: row.declared, where: [...row.where].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}
