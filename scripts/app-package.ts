import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { err, ok, type Result } from '../src/domain/result.js';

/**
 * The Teams app package: the templates in manifest/ with their `${{NAME}}` placeholders filled,
 * checked against the schemas that @microsoft/app-manifest ships (never downloaded) and against
 * the limits Teams applies beyond them, then zipped in memory. Takes its values as arguments so a
 * test builds a package without any environment; `package-app.ts` is the command around it.
 */

const MANIFEST_DIR = 'manifest';

export type PackageValues = Readonly<Record<'BOT_ID' | 'TAB_SSO_APP_ID' | 'BOT_DOMAIN' | 'TEAMS_APP_ID' | 'APP_VERSION', string>>;

/** Both ids of a `--local` package: a valid GUID that no real app or bot has. */
export const FAKE_GUID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;
const SCHEMA_HOME = 'https://developer.microsoft.com/json-schemas/';
const SHIPPED_SCHEMAS = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas');

/** The schemas allow longer texts, but Teams cuts command titles and descriptions at these. */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

/** The values for the placeholders, from the bot's own environment variables; every problem at once. */
export function packageValues(env: Readonly<Record<string, string | undefined>>, options: { local: boolean; version: string }): Result<PackageValues, string[]> {
  const problems: string[] = [];
  const botId = guidFrom(env, 'MicrosoftAppId', "the bot's Entra app id (Azure Bot → Configuration → Microsoft App ID)", options.local, problems);
  const values = {
    BOT_ID: botId,
    // A bot that runs as a managed identity cannot expose an API: the tab's sign-in then has an app registration of its own.
    TAB_SSO_APP_ID: env.TAB_SSO_APP_ID?.trim() ? guidFrom(env, 'TAB_SSO_APP_ID', "the Entra app id the metrics tab's sign-in is issued for", options.local, problems) : botId,
    TEAMS_APP_ID: guidFrom(env, 'TEAMS_APP_ID', 'a GUID of its own, generated once and kept for every later version', options.local, problems),
    BOT_DOMAIN: domainFrom(env, options.local, problems),
    APP_VERSION: options.version,
  };
  return problems.length === 0 ? ok(values) : err(problems);
}

function guidFrom(env: Readonly<Record<string, string | undefined>>, name: string, what: string, local: boolean, problems: string[]): string {
  const value = env[name]?.trim() ?? '';
  if (value === '' && local) return FAKE_GUID;
  if (value === '') problems.push(`${name} is empty: set it to ${what}, or pass --local for a package to look at only`);
  else if (!GUID.test(value)) problems.push(`${name} is not a GUID: "${value}"`);
  return value;
}

/** The host of PUBLIC_BASE_URL: the tab, single sign-on and the valid domains all live at its root. */
function domainFrom(env: Readonly<Record<string, string | undefined>>, local: boolean, problems: string[]): string {
  const base = env.PUBLIC_BASE_URL?.trim() ?? '';
  if (base === '' && local) return `localhost:${env.PORT?.trim() || '3978'}`;
  if (base === '') problems.push('PUBLIC_BASE_URL is empty: set it to the https:// address where Teams reaches the bot');
  else if (!URL.canParse(base)) problems.push(`PUBLIC_BASE_URL is not a URL: "${base}"`);
  else {
    const url = new URL(base);
    if (url.protocol !== 'https:' && !local) problems.push(`PUBLIC_BASE_URL must start with https://, Teams loads tabs and signs users in only over HTTPS: "${base}"`);
    if (url.pathname !== '/' || url.search || url.hash) problems.push(`PUBLIC_BASE_URL must have no path: the manifest puts the tab and sign-on at the root of ${url.host}`);
    return url.host;
  }
  return '';
}

/** Replaces every `${{NAME}}` in the strings of `json`; the ones without a value are listed by where they are. */
function fillPlaceholders(json: unknown, values: Readonly<Record<string, string>>): { filled: unknown; unfilled: string[] } {
  const unfilled: string[] = [];
  const fill = (node: unknown, where: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (placeholder, name: string) => {
        const value = values[name];
        if (value) return value;
        unfilled.push(`${where}: ${placeholder}`);
        return placeholder;
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => fill(item, `${where}[${index}]`));
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, where ? `${where}.${key}` : key)]));
    return node;
  };
  return { filled: fill(json, ''), unfilled };
}

type Validate = typeof AppManifestUtils.validateAgainstSchema;

/** Schema problems of one JSON file, against the shipped schema its own `$schema` names. */
export async function schemaProblems(file: string, json: unknown): Promise<string[]> {
  const url = (json as { $schema?: unknown } | null)?.$schema;
  if (typeof url !== 'string' || !url.startsWith(`${SCHEMA_HOME}teams/`)) return [`${file}: $schema must name a Teams schema under ${SCHEMA_HOME}teams/`];
  const schemaFile = path.join(SHIPPED_SCHEMAS, ...url.slice(SCHEMA_HOME.length).split('/'));
  if (!existsSync(schemaFile)) return [`${file}: @microsoft/app-manifest ships no schema ${url}, and packaging never downloads one`];
  // The localization schemas leave a `]` unescaped, which no Unicode-mode regular expression
  // (so no Ajv) compiles: https://github.com/MicrosoftDocs/msteams-docs/issues/8858
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8').replaceAll('\\\\b]', '\\\\b\\\\]')) as Parameters<Validate>[1];
  const problems = await AppManifestUtils.validateAgainstSchema(json as Parameters<Validate>[0], schema);
  return problems.map((problem) => `${file}: ${problem.trim()}`);
}

interface ManifestShape {
  readonly icons?: { readonly color?: string; readonly outline?: string };
  readonly localizationInfo?: { readonly additionalLanguages?: readonly { readonly file?: string }[] };
  readonly bots?: readonly { readonly commandLists?: readonly { readonly commands?: readonly { readonly title?: string; readonly description?: string }[] }[] }[];
  readonly staticTabs?: readonly { readonly name?: string }[];
}

/** The manifest's translatable command and tab texts, keyed as the localization files key them. */
export function translatableTexts(manifest: ManifestShape): Map<string, string> {
  const texts = new Map<string, string>();
  manifest.bots?.[0]?.commandLists?.forEach((list, l) =>
    list.commands?.forEach((command, c) => {
      if (command.title !== undefined) texts.set(`bots[0].commandLists[${l}].commands[${c}].title`, command.title);
      if (command.description !== undefined) texts.set(`bots[0].commandLists[${l}].commands[${c}].description`, command.description);
    }),
  );
  manifest.staticTabs?.forEach((tab, t) => {
    if (tab.name !== undefined) texts.set(`staticTabs[${t}].name`, tab.name);
  });
  return texts;
}

const TRANSLATABLE_KEY = /^(bots|staticTabs)\[/;

/** Teams cuts command texts over its limits. */
function lengthProblems(file: string, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, text] of texts) {
    const command = /\.commands\[\d+\]\.(title|description)$/.exec(key)?.[1];
    const max = command === 'title' ? COMMAND_TITLE_MAX : command === 'description' ? COMMAND_DESCRIPTION_MAX : Infinity;
    if (text.length > max) problems.push(`${file}: ${key} is ${text.length} characters, Teams shows ${max}`);
  }
  return problems;
}

/** A language file must translate exactly the default's commands and tabs, or Teams mixes languages. */
function translationProblems(file: string, texts: ReadonlyMap<string, string>, defaults: ReadonlyMap<string, string>): string[] {
  return [
    ...[...defaults.keys()].filter((key) => !texts.has(key)).map((key) => `${file}: no translation for ${key}`),
    ...[...texts.keys()].filter((key) => !defaults.has(key)).map((key) => `${file}: ${key} translates nothing in manifest.json`),
  ];
}

/** Teams refuses icons of another size, and an outline icon with any colour but white. */
export function iconProblems(role: 'color' | 'outline', file: string, content: Buffer): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(content);
  } catch (error) {
    return [`${file} is not a PNG: ${(error as Error).message}`];
  }
  const size = role === 'color' ? 192 : 32;
  const problems = image.width === size && image.height === size ? [] : [`${file} is ${image.width}×${image.height}, the ${role} icon must be ${size}×${size}`];
  if (role === 'outline') {
    let coloured = 0;
    let visible = 0;
    for (let offset = 0; offset < image.data.length; offset += 4) {
      if (image.data[offset + 3] === 0) continue;
      visible++;
      if (image.data[offset] !== 255 || image.data[offset + 1] !== 255 || image.data[offset + 2] !== 255) coloured++;
    }
    if (coloured > 0) problems.push(`${file} has ${coloured} pixels that are neither white nor fully transparent`);
    if (visible === 0) problems.push(`${file} is fully transparent`);
  }
  return problems;
}

export interface AppPackage {
  readonly manifest: Readonly<Record<string, unknown>>;
  /** Every file of the zip by its name in it, the JSON ones filled. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly zip: Buffer;
}

/** Fills, checks and zips the package in `dir`; refuses with every problem found if anything is wrong. */
export async function buildAppPackage(values: PackageValues, dir = MANIFEST_DIR): Promise<Result<AppPackage, string[]>> {
  const problems: string[] = [];
  const read = (file: string): Buffer | undefined => {
    if (existsSync(path.join(dir, file))) return readFileSync(path.join(dir, file));
    problems.push(`${file}: not found in ${dir}/`);
    return undefined;
  };
  const fillJson = async (file: string): Promise<unknown> => {
    const { filled, unfilled } = fillPlaceholders(JSON.parse(String(read(file) ?? '{}')), values);
    problems.push(...unfilled.map((where) => `${file}: no value for ${where}`), ...(await schemaProblems(file, filled)));
    return filled;
  };

  const manifest = (await fillJson('manifest.json')) as Record<string, unknown> & ManifestShape;
  const defaults = translatableTexts(manifest);
  problems.push(...lengthProblems('manifest.json', defaults));
  const files = new Map<string, Buffer>([['manifest.json', json(manifest)]]);
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (!file) continue;
    const localization = (await fillJson(file)) as Record<string, unknown>;
    const texts = new Map(Object.entries(localization).filter((entry): entry is [string, string] => TRANSLATABLE_KEY.test(entry[0]) && typeof entry[1] === 'string'));
    problems.push(...lengthProblems(file, texts), ...translationProblems(file, texts, defaults));
    files.set(file, json(localization));
  }
  for (const role of ['color', 'outline'] as const) {
    const file = manifest.icons?.[role];
    const content = file ? read(file) : undefined;
    if (file && content) {
      problems.push(...iconProblems(role, file, content));
      files.set(file, content);
    }
  }
  if (problems.length > 0) return err(problems);
  const zip = new AdmZip();
  for (const [name, content] of files) zip.addFile(name, content);
  return ok({ manifest, files, zip: zip.toBuffer() });
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
