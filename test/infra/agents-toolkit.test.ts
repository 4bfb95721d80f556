import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildAppPackage, FAKE_GUID, packageValues } from '../../scripts/app-package.js';

/**
 * What `atk validate --env <name>` and the toolkit's lifecycles need of the project, checked
 * without the toolkit: its CLI is 450 MB with an install script that fetches a binary from GitHub,
 * so it is no dependency. The ymls validate against the toolkit's own schema (vendored from its
 * package), every `${{NAME}}` the toolkit fills has a value or a step that writes it, and the
 * tabs' sign-on app in aad.manifest.json is the one the Teams manifest names. With the CLI on the
 * machine (`ATK_CLI` or `atk` on PATH) the last tests also run `atk validate` and `atk package`.
 */

const read = (file: string) => readFileSync(file, 'utf8');

type Step = { uses: string; name?: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type Project = { version: string; projectId?: string; environmentFolderPath: string; provision?: Step[]; deploy?: Step[]; publish?: Step[] };

const PROJECTS = { dev: 'm365agents.yml', local: 'm365agents.local.yml' } as const;
const yml = (file: string) => parseYaml(read(file)) as Project;
const dev = yml(PROJECTS.dev);
const local = yml(PROJECTS.local);

/** `KEY=value` lines of a toolkit .env file, as its loader reads them. */
function envFile(name: string): Map<string, string> {
  const entries = read(`env/.env.${name}`)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (!match) throw new Error(`env/.env.${name}: not KEY=value: ${line}`);
      return [match[1]!, match[2]!] as const;
    });
  return new Map(entries);
}

const placeholders = (text: string) => new Set([...text.matchAll(/\$\{\{ *([A-Za-z0-9_]+) *\}\}/g)].map((m) => m[1]!));
const steps = (project: Project) => [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])];

/** Files of the Teams app whose placeholders `atk validate` and `atk package` fill from the environment. */
const manifestFiles = readdirSync('manifest').filter((file) => file.endsWith('.json')).map((file) => path.join('manifest', file));
const bicepOutputs = [...read('infra/azure.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1]!.toUpperCase());

/** Files a step hands to the toolkit, which fills their placeholders too. */
function filesReadBy(step: Step): string[] {
  if (step.uses === 'aadApp/update') return [String(step.with!.manifestPath)];
  if (step.uses === 'arm/deploy') return (step.with!.templates as { parameters?: string }[]).flatMap((t) => (t.parameters ? [t.parameters] : []));
  return [];
}

/** What a step makes up for itself when empty: aadApp/update a new scope id for the manifest it applies. */
function generatedBy(step: Step): string[] {
  const SCOPE_ID = 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID';
  return step.uses === 'aadApp/update' && filesReadBy(step).some((file) => placeholders(read(file)).has(SCOPE_ID)) ? [SCOPE_ID] : [];
}

/** The names a step writes to the environment: its outputs, arm/deploy's Bicep outputs, what it generates. */
function writtenBy(step: Step): string[] {
  return [...Object.values(step.writeToEnvironmentFile ?? {}), ...(step.uses === 'arm/deploy' ? bicepOutputs : []), ...generatedBy(step)];
}

/** What the toolkit asks for when empty instead of failing. */
const PROMPTED = new Set(['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);

describe('m365agents.yml and m365agents.local.yml', () => {
  const schemaFiles = readdirSync('test/infra/schemas').filter((file) => file.endsWith('.yaml.schema.json'));
  const newest = schemaFiles.map((file) => /^m365agents\.(v\d+\.\d+)\.yaml\.schema\.json$/.exec(file)![1]!).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1)!;
  const schema = JSON.parse(read(`test/infra/schemas/m365agents.${newest}.yaml.schema.json`)) as { properties: { version: { const: string } } };
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const problems = (project: unknown) => (validate(project) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

  it('are on the newest schema the toolkit ships and validate against it', () => {
    expect(schema.properties.version.const).toBe(newest);
    for (const file of Object.values(PROJECTS)) {
      expect(yml(file).version, file).toBe(newest);
      expect(read(file), file).toContain(`# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${newest}/yaml.schema.json`);
      expect(problems(yml(file)), file).toEqual([]);
    }
  });

  it('are refused by the schema when a step is unknown or lacks what it needs, so a pass means something', () => {
    expect(problems({ ...dev, provision: [...dev.provision!, { uses: 'teamsApp/doesNotExist', with: {} }] })).not.toEqual([]);
    expect(problems({ ...dev, provision: dev.provision!.map((s) => (s.uses === 'aadApp/update' ? { uses: s.uses, with: { manifestPath: './aad.manifest.json' } } : s)) })).not.toEqual([]);
    expect(problems({ ...dev, version: 'v1.8' })).not.toEqual([]);
  });

  it('keep their environments in ./env', () => {
    for (const file of Object.values(PROJECTS)) expect(yml(file).environmentFolderPath, file).toBe('./env');
  });

  it('carry the project id in m365agents.yml, which atk provision and deploy otherwise add by rewriting the file', () => {
    expect(dev.projectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe.each(Object.entries(PROJECTS))('environment %s (%s)', (name, file) => {
  const env = envFile(name);
  const project = yml(file);
  const usedBy = new Map<string, string>();
  for (const source of [file, ...manifestFiles, ...steps(project).flatMap(filesReadBy)]) for (const used of placeholders(read(source))) usedBy.set(used, source);

  it('defines every ${{NAME}} of the yml, the Teams manifest and the files its steps read in env/.env.' + name, () => {
    const secrets = new Set(steps(project).flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {})).filter((n) => n.startsWith('SECRET_')));
    const undefinedNames = [...usedBy].filter(([used]) => !env.has(used) && !secrets.has(used)).map(([used, source]) => `${used} (${source})`);
    expect(undefinedNames).toEqual([]);
  });

  it('leaves a name empty only where a step writes it before it is used, or atk asks for it', () => {
    const known = new Set([...env].filter(([, value]) => value !== '').map(([key]) => key));
    for (const prompted of PROMPTED) if (env.has(prompted)) known.add(prompted);
    for (const step of steps(project)) {
      for (const generated of generatedBy(step)) known.add(generated);
      const used = new Set([...placeholders(JSON.stringify(step.with ?? {})), ...filesReadBy(step).flatMap((f) => [...placeholders(read(f))])]);
      for (const each of used) expect(known.has(each), `${each}, used by ${step.uses}, has no value yet`).toBe(true);
      for (const written of writtenBy(step)) known.add(written);
    }
    const neverWritten = [...env].filter(([key, value]) => value === '' && !known.has(key)).map(([key]) => key);
    expect(neverWritten).toEqual([]);
  });

  it('lists every name the steps write, and keeps secrets out of the committed file', () => {
    const written = steps(project).flatMap(writtenBy);
    expect(written.filter((n) => !n.startsWith('SECRET_') && !env.has(n))).toEqual([]);
    expect([...env.keys()].filter((key) => key.startsWith('SECRET_'))).toEqual([]);
    const ignored = (target: string) => spawnSync('git', ['check-ignore', '--no-index', '-q', target]).status === 0;
    expect(ignored(`env/.env.${name}`), `env/.env.${name} is committed`).toBe(false);
    expect(ignored(`env/.env.${name}.user`), `env/.env.${name}.user holds the secrets`).toBe(true);
  });

  it('names the environment and carries the version npm run package writes', () => {
    expect(env.get('TEAMSFX_ENV')).toBe(name);
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(env.get('APP_VERSION')).toBe(version);
  });
});

describe('the local environment', () => {
  const env = envFile('local');
  const start = local.deploy!.find((s) => s.uses === 'script')!;
  const run = String(start.with!.run);

  it('provisions nothing: no Teams app, no app registration, no Azure', () => {
    expect(local.provision).toBeUndefined();
    expect(local.publish).toBeUndefined();
    expect(steps(local).map((s) => s.uses)).toEqual(['cli/runNpmCommand', 'script']);
  });

  it('has the ids and domain of `npm run package -- --local`, so the package it validates is that one', () => {
    const values = packageValues({}, { local: true, version: env.get('APP_VERSION')! });
    expect(values.ok).toBe(true);
    if (!values.ok) return;
    for (const [key, value] of Object.entries(values.value)) expect(env.get(key), key).toBe(value);
    expect(env.get('BOT_ID')).toBe(FAKE_GUID);
  });

  it('starts what `npm run dev` starts, detached, and ends when the Playgrounds answer', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.dev).toBe('tsx scripts/dev.ts');
    expect(run).toContain('nohup node_modules/.bin/tsx scripts/dev.ts > devTools/dev.log');
    const marker = /grep -q '([^']+)' devTools\/dev\.log/.exec(run)?.[1];
    expect(marker).toBeDefined();
    expect(read('scripts/dev.ts')).toContain(marker);
    expect(spawnSync('git', ['check-ignore', '--no-index', '-q', 'devTools/dev.log']).status).toBe(0);
    expect(start.with!.shell).toBe('bash');
    expect(spawnSync('bash', ['-n'], { input: run }).status).toBe(0);
  });
});

describe('aad.manifest.json, the tabs\' single sign-on app', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as {
    id: string;
    appId: string;
    displayName: string;
    signInAudience: string;
    identifierUris: string[];
    api: {
      requestedAccessTokenVersion: number;
      oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
      preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
    };
    requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
    optionalClaims: unknown;
  } & Record<string, unknown>;
  const teams = JSON.parse(read('manifest/manifest.json')) as { webApplicationInfo: { id: string; resource: string } };
  const provision = dev.provision!;
  const create = provision.find((s) => s.uses === 'aadApp/create' && s.writeToEnvironmentFile?.clientId === 'TAB_SSO_APP_ID');
  const update = provision.find((s) => s.uses === 'aadApp/update');

  it('is the app the Teams manifest signs in with: its client id, and the resource as its Application ID URI', () => {
    expect(teams.webApplicationInfo.id).toBe('${{TAB_SSO_APP_ID}}');
    expect(aad.appId).toBe(teams.webApplicationInfo.id);
    expect(aad.identifierUris).toEqual([teams.webApplicationInfo.resource]);
    expect(teams.webApplicationInfo.resource).toBe('api://${{BOT_DOMAIN}}/${{TAB_SSO_APP_ID}}');
  });

  it('is created by its own aadApp/create without a secret and given its API by aadApp/update after the domain is known', () => {
    expect(create).toBeDefined();
    expect(create!.with).toMatchObject({ generateClientSecret: false, signInAudience: aad.signInAudience, name: aad.displayName });
    expect(aad.id).toBe(`\${{${create!.writeToEnvironmentFile!.objectId}}}`);
    expect(update!.with!.manifestPath).toBe('./aad.manifest.json');
    expect(spawnSync('git', ['check-ignore', '--no-index', '-q', String(update!.with!.outputFilePath).replace('${{TEAMSFX_ENV}}', 'dev')]).status).toBe(0);
    const index = (step: Step | undefined) => provision.indexOf(step!);
    expect(index(update)).toBeGreaterThan(index(provision.find((s) => s.uses === 'arm/deploy')));
    expect(index(update)).toBeGreaterThan(index(create));
  });

  it('exposes the access_as_user scope that Teams asks for, to Teams\' desktop, mobile and web clients without consent prompts', () => {
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
    const [scope, ...others] = aad.api.oauth2PermissionScopes;
    expect(others).toEqual([]);
    expect(scope).toMatchObject({ id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}', value: 'access_as_user', type: 'User', isEnabled: true });
    const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
    expect(aad.api.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual(TEAMS_CLIENTS.sort());
    for (const client of aad.api.preAuthorizedApplications) expect(client.delegatedPermissionIds).toEqual([scope!.id]);
    // The toolkit warns at aadApp/update about an access token without the claim that tells app-only tokens apart.
    expect(aad.optionalClaims).toEqual({ accessToken: [expect.objectContaining({ name: 'idtyp' })] });
  });

  it('holds no credential and asks for no application permission: only delegated sign-in to Graph', () => {
    for (const field of ['passwordCredentials', 'keyCredentials', 'appRoles']) expect(aad[field] ?? [], field).toEqual([]);
    expect(aad.requiredResourceAccess.flatMap((r) => r.resourceAccess.map((a) => a.type))).toEqual(['Scope']);
  });

  it('reaches the bot: provisioning hands its id to azure.bicep and to the app package', () => {
    const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: unknown }> };
    expect(parameters.parameters.tabSsoAppId?.value).toBe('${{TAB_SSO_APP_ID}}');
    expect(read('infra/azure.bicep')).toMatch(/^ {2}TAB_SSO_APP_ID: empty\(tabSsoAppId\) \? graphClientId : tabSsoAppId$/m);
    for (const lifecycle of [dev.provision!, dev.publish!]) {
      const packaging = lifecycle.find((s) => s.uses === 'script' && /\bnpm run package\b/.test(String(s.with?.run)));
      expect(String(packaging!.with!.run)).toContain("TAB_SSO_APP_ID='${{TAB_SSO_APP_ID}}'");
    }
  });
});

/** The CLI when this machine has it: `ATK_CLI=/path/to/atk`, or `atk` on PATH. */
function atkCli(): string | undefined {
  const candidate = process.env.ATK_CLI ?? 'atk';
  return spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0 ? candidate : undefined;
}
const atk = atkCli();
// The CLI loads for about ten seconds on two shared cores.
const CLI_TIMEOUT_MS = 90_000;

describe.skipIf(!atk)('atk validate and atk package, with the toolkit CLI on this machine', () => {
  // What atk provision writes to env/.env.dev: samples, so the dev environment validates before any provisioning.
  const PROVISIONED = {
    TEAMS_APP_ID: 'b7e0c9a1-2d34-4f56-8a9b-0c1d2e3f4a5b',
    BOT_ID: '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f',
    TAB_SSO_APP_ID: '7a2e3d4c-5b6a-4f9e-8d7c-2b3c4d5e6f70',
    BOT_DOMAIN: 'yt-dev-bot.azurewebsites.net',
  };
  // The CLI writes into the project it reads (its build output, a missing projectId): it gets copies.
  const copies: string[] = [];
  afterAll(() => {
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });
  function copyOfProject(): string {
    const copy = mkdtempSync(path.join(tmpdir(), 'atk-project-'));
    copies.push(copy);
    for (const file of [...Object.values(PROJECTS), 'aad.manifest.json', 'env', 'manifest']) cpSync(file, path.join(copy, file), { recursive: true });
    return copy;
  }
  const project = copyOfProject();

  const run = (args: string[], env: Record<string, string> = {}, folder = project) =>
    spawnSync(atk!, [...args, '--folder', folder, '--manifest-file', path.join(folder, 'manifest', 'manifest.json'), '--telemetry', 'false', '-i', 'false'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: CLI_TIMEOUT_MS,
    });

  it.each([
    ['dev', PROVISIONED],
    ['local', {}],
  ] as const)('passes for %s', { timeout: CLI_TIMEOUT_MS }, (name, env) => {
    const result = run(['validate', '--env', name], env);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/All passed/);
  });

  it('fails for dev while a value provisioning writes is missing, as it would before provisioning', { timeout: CLI_TIMEOUT_MS }, () => {
    const result = run(['validate', '--env', 'dev'], { ...PROVISIONED, BOT_DOMAIN: '' });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('BOT_DOMAIN');
  });

  it('packages for local what `npm run package -- --local` packages', { timeout: CLI_TIMEOUT_MS }, async () => {
    const zip = path.join(project, 'build', 'appPackage.local.zip');
    const result = run(['package', '--env', 'local', '--output-package-file', zip, '--output-folder', path.join(project, 'build')]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const values = packageValues({}, { local: true, version: envFile('local').get('APP_VERSION')! });
    if (!values.ok) throw new Error(values.error.join('\n'));
    const ours = await buildAppPackage(values.value);
    if (!ours.ok) throw new Error(ours.error.join('\n'));
    const theirs = new Map(new AdmZip(zip).getEntries().map((entry) => [entry.entryName, entry.getData()]));
    expect([...theirs.keys()].sort()).toEqual([...ours.value.files.keys()].sort());
    for (const [file, content] of ours.value.files) {
      const other = theirs.get(file)!;
      if (file.endsWith('.json')) expect(JSON.parse(other.toString('utf8')), file).toEqual(JSON.parse(content.toString('utf8')));
      else expect(other.equals(content), file).toBe(true);
    }
  });

  it('runs a lifecycle without rewriting m365agents.yml: the project id it would otherwise add is there', { timeout: CLI_TIMEOUT_MS }, () => {
    // A deploy that only echoes, since the real local deploy starts the whole stack.
    const copy = copyOfProject();
    writeFileSync(path.join(copy, PROJECTS.local), 'version: v1.13\nenvironmentFolderPath: ./env\ndeploy:\n  - uses: script\n    with:\n      run: echo deployed\n');
    const result = spawnSync(atk!, ['deploy', '--env', 'local', '--folder', copy, '--telemetry', 'false', '-i', 'false'], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(path.join(copy, PROJECTS.dev), 'utf8')).toBe(read(PROJECTS.dev));
  });
});
