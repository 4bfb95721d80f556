import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config/env.js';

/**
 * What can be checked of the deployment files without the Bicep compiler, Azure or Docker:
 * that they agree with each other and with the app (its environment schema, start commands,
 * routes and run-time files), and that they keep the settings the issue asks for.
 */

const read = (path: string) => readFileSync(path, 'utf8');

// --- a small reader for Bicep: comments, strings with ${} interpolation, matching braces -------

const CODE = 0;
const STRING = 1;
const COMMENT = 2;

type Frame = { kind: 'code'; depth: number; interpolation: boolean } | { kind: 'string' };

/** The kind of every character: code, inside a string, or inside a comment. */
function classify(text: string): Uint8Array {
  const kinds = new Uint8Array(text.length);
  const stack: Frame[] = [{ kind: 'code', depth: 0, interpolation: false }];
  for (let i = 0; i < text.length; i++) {
    const top = stack[stack.length - 1]!;
    const c = text[i];
    if (top.kind === 'string') {
      kinds[i] = STRING;
      if (c === '\\') kinds[++i] = STRING;
      else if (c === '$' && text[i + 1] === '{') {
        kinds[++i] = STRING;
        stack.push({ kind: 'code', depth: 0, interpolation: true });
      } else if (c === "'") stack.pop();
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') kinds[i++] = COMMENT;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      while (i < stop) kinds[i++] = COMMENT;
      i--;
      continue;
    }
    if (c === "'") {
      kinds[i] = STRING;
      stack.push({ kind: 'string' });
      continue;
    }
    if (c === '{') top.depth++;
    if (c === '}') {
      if (top.interpolation && top.depth === 0) {
        kinds[i] = STRING;
        stack.pop();
        continue;
      }
      top.depth--;
    }
    kinds[i] = CODE;
  }
  return kinds;
}

class Bicep {
  /** The source with comments blanked out; strings and positions unchanged. */
  readonly text: string;
  private readonly kinds: Uint8Array;

  constructor(source: string) {
    this.kinds = classify(source);
    this.text = [...source].map((c, i) => (this.kinds[i] === COMMENT && c !== '\n' ? ' ' : c)).join('');
  }

  /** From the first `{` in code at or after `from` to its matching `}`. */
  block(from: number): string {
    let start = from;
    while (start < this.text.length && !(this.text[start] === '{' && this.kinds[start] === CODE)) start++;
    let depth = 0;
    for (let i = start; i < this.text.length; i++) {
      if (this.kinds[i] !== CODE) continue;
      if (this.text[i] === '{') depth++;
      if (this.text[i] === '}' && --depth === 0) return this.text.slice(start, i + 1);
    }
    throw new Error(`unbalanced braces after offset ${from}`);
  }

  params(): Map<string, { type: string; defaultValue: string | undefined; secure: boolean }> {
    const found = new Map<string, { type: string; defaultValue: string | undefined; secure: boolean }>();
    for (const match of this.text.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)) {
      // Decorators sit on the lines between the previous blank line and the declaration.
      const preamble = this.text.slice(this.text.lastIndexOf('\n\n', match.index) + 2, match.index);
      found.set(match[1]!, { type: match[2]!, defaultValue: match[3]?.trim(), secure: /^@secure\(\)$/m.test(preamble) });
    }
    return found;
  }

  resources(type: string): { symbol: string; body: string }[] {
    const pattern = new RegExp(`^resource (\\w+) '${type.replace(/[/.]/g, '\\$&')}@[^']+' = `, 'gm');
    return [...this.text.matchAll(pattern)].map((m) => ({ symbol: m[1]!, body: this.block(m.index) }));
  }

  resource(type: string, symbol?: string): string {
    const all = this.resources(type).filter((r) => symbol === undefined || r.symbol === symbol);
    expect(all, `resource ${symbol ?? ''} of type ${type}`).toHaveLength(1);
    return all[0]!.body;
  }

  /** The right-hand side of `var name = ...`: an object block, or the expression with its indented continuation lines. */
  variable(name: string): string {
    const match = new RegExp(`^var ${name} = (.*)$`, 'm').exec(this.text);
    if (!match) throw new Error(`no var ${name}`);
    if (match[1]!.trim() === '{') return this.block(match.index);
    // An expression continues on the indented lines below it (a multi-line condition).
    const lines = [match[1]!];
    for (const line of this.text.slice(match.index + match[0].length + 1).split('\n')) {
      if (!/^\s+\S/.test(line)) break;
      lines.push(line);
    }
    return lines.join('\n').trim();
  }

  outputs(): Map<string, string> {
    return new Map([...this.text.matchAll(/^output (\w+) \w+ = (.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  }
}

/** `KEY: value` lines of a flat object block. */
function flatObject(block: string): Map<string, string> {
  return new Map([...block.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*): (.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

const bicep = new Bicep(read('infra/azure.bicep'));
const parametersFile = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: unknown }> };
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const serverSource = read('src/http/server.ts');

/** App settings of an app: the var its `appsettings` config uses, `union(...)` of vars resolved. */
function settingsVar(name: string): Map<string, string> {
  const value = bicep.variable(name);
  const union = /^union\(([\w\s,]+)\)$/.exec(value);
  if (union) {
    const merged = new Map<string, string>();
    for (const part of union[1]!.split(',').map((p) => p.trim())) for (const [k, v] of settingsVar(part)) merged.set(k, v);
    return merged;
  }
  return flatObject(value);
}

function appSettingsOf(site: string): Map<string, string> {
  const configs = bicep.resources('Microsoft.Web/sites/config').filter((r) => r.body.includes(`parent: ${site}\n`) && r.body.includes("name: 'appsettings'"));
  expect(configs, `appsettings of ${site}`).toHaveLength(1);
  const uses = /properties: (\w+)/.exec(configs[0]!.body);
  expect(uses, `appsettings of ${site} come from one var`).not.toBeNull();
  return settingsVar(uses![1]!);
}

const botSettings = appSettingsOf('botApp');
const workerSettings = appSettingsOf('workerApp');

/** Keys of the environment schema in src/config/env-schema.ts. */
function envSchemaKeys(): string[] {
  const source = read('src/config/env-schema.ts');
  const start = source.indexOf('export const envSchema = z');
  const end = source.indexOf('.superRefine(', start);
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return [...source.slice(start, end).matchAll(/^ {4}([A-Za-z_]\w*): z\b/gm)].map((m) => m[1]!);
}

/** Variables the app reads that the bot app deliberately leaves unset, and why. */
const NOT_SET_ON_APP_SERVICE: Readonly<Record<string, string>> = {
  PORT: 'App Service sets it',
  BIND_ADDRESS: 'with credentials the default is every interface, where App Service forwards to',
  MicrosoftAppPassword: 'the bot is a user-assigned managed identity: both SDKs take no password with it',
  GRAPH_AUTHORITY: 'only for the local Graph sandbox',
  GRAPH_CA_FILE: 'only for the local Graph sandbox or a TLS-inspecting proxy',
  GRAPH_REQUEST_TIMEOUT_MS: "the Graph client's default of 30 s suits App Service",
  EFFECT_CONCURRENCY: 'the default, fifty jobs at once per worker process, suits App Service',
  EFFECT_LOCK_MS: 'the default suits App Service',
  DELIVERY_LEASE_MS: 'the default outlasts a send with its retries',
  EFFECT_ATTEMPTS: 'the default (six tries with backoff) suits App Service',
  OUTBOX_SWEEP_MS: 'the default five-second sweep suits App Service',
  WATCHDOG_MS: 'the default one-minute watchdog suits App Service',
  REINDEX_MS: 'the default ten-minute index sweep covers a rolling deploy',
  STUCK_AFTER_MS: 'five minutes between states counts as stuck by default',
  MEETING_PROPOSALS: "the county's default of three proposals; tune in the portal if needed",
  WORKER_PORT: 'set on the worker app only, which serves its probes there',
  BOT_SERVICE_URL_HOSTS: "the production default, Teams' public Bot Connector, is the right list",
  BOT_OPENID_METADATA_URL: 'tests only; refused in production',
  TAB_JWKS_URL: 'the default is the tenant\'s Entra signing keys',
  RATE_LIMIT_PER_USER: 'the defaults suit a county; tune in the portal if needed',
  RATE_LIMIT_PER_IP: 'the defaults suit a county; tune in the portal if needed',
  RATE_LIMIT_WINDOW_SECONDS: 'the defaults suit a county; tune in the portal if needed',
};

// Values for settings whose Bicep value is only known in Azure (identity ids, Key Vault references).
const TENANT = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const SAMPLES: Readonly<Record<string, string>> = {
  PUBLIC_BASE_URL: 'https://yt-sample-bot.azurewebsites.net',
  REDIS_URL: 'rediss://:c2VjcmV0a2V5%3D@yt-sample-redis.swedencentral.redis.azure.net:10000',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppTenantId: TENANT,
  DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
  GRAPH_TENANT_ID: TENANT,
  GRAPH_CLIENT_ID: '22222222-3333-4444-8555-666666666666',
  TAB_SSO_APP_ID: '33333333-4444-4555-8666-777777777777',
  GRAPH_CLIENT_SECRET: 'sample-graph-secret',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
};

const isPlaceholder = (value: unknown) => typeof value === 'string' && /\$\{\{\w+\}\}/.test(value);

/** What a parameter is at deployment when nothing else is given: parameters file, else its default. */
function parameterValue(name: string): string | undefined {
  const fromFile = parametersFile.parameters[name]?.value;
  if (fromFile !== undefined && !isPlaceholder(fromFile)) return String(fromFile);
  const declared = bicep.params().get(name);
  if (!declared?.defaultValue) return undefined;
  const literal = /^'([^'$]*)'$/.exec(declared.defaultValue) ?? /^(\d+|true|false)$/.exec(declared.defaultValue);
  return literal ? literal[1] : undefined;
}

/** The environment App Service would give the app, with samples for what only Azure knows. */
function environmentOf(settings: Map<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, expression] of settings) {
    const literal = /^'([^'$]*)'$/.exec(expression);
    const stringOf = /^string\((\w+)\)$/.exec(expression);
    const param = /^(\w+)$/.exec(expression);
    const value = literal
      ? literal[1]
      : stringOf
        ? parameterValue(stringOf[1]!)
        : param && bicep.params().has(param[1]!)
          ? (parameterValue(param[1]!) ?? SAMPLES[key])
          : SAMPLES[key];
    if (value === undefined) throw new Error(`no value for ${key} = ${expression}: add a sample`);
    env[key] = value;
  }
  return env;
}

describe('infra/azure.parameters.json and infra/azure.bicep', () => {
  it('name the same parameters: every file parameter is declared, every parameter without a default is given', () => {
    const declared = bicep.params();
    expect(declared.size).toBeGreaterThan(10);
    for (const name of Object.keys(parametersFile.parameters)) expect(declared.has(name), `param ${name} in azure.bicep`).toBe(true);
    for (const [name, param] of declared) {
      if (param.defaultValue === undefined) expect(parametersFile.parameters, `${name} has no default`).toHaveProperty(name);
    }
  });

  it('keep the Graph client secret a secure parameter that the file only fills from the toolkit\'s secret store', () => {
    expect(bicep.params().get('graphClientSecret')?.secure).toBe(true);
    expect(parametersFile.parameters.graphClientSecret?.value).toMatch(/^\$\{\{SECRET_\w+\}\}$/);
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      if (/secret|password|key$/i.test(name) && name !== 'redisAccessKey') expect(isPlaceholder(value), `${name} is a placeholder`).toBe(true);
    }
  });
});

describe('Redis in azure.bicep', () => {
  const cluster = bicep.resource('Microsoft.Cache/redisEnterprise');
  const database = bicep.resource('Microsoft.Cache/redisEnterprise/databases');

  it('persists every write to the append-only file once a second and evicts nothing', () => {
    expect(database).toMatch(/aofEnabled: true\n/);
    expect(database).toMatch(/aofFrequency: '1s'\n/);
    expect(database).toMatch(/evictionPolicy: 'NoEviction'\n/);
  });

  it('speaks TLS 1.2 only, with a replica, and is reached through a private endpoint', () => {
    expect(database).toMatch(/clientProtocol: 'Encrypted'\n/);
    expect(cluster).toMatch(/minimumTlsVersion: '1\.2'\n/);
    expect(cluster).toMatch(/highAvailability: 'Enabled'\n/);
    expect(cluster).toMatch(/publicNetworkAccess: 'Disabled'\n/);
    expect(bicep.resource('Microsoft.Network/privateEndpoints')).toMatch(/privateLinkServiceId: redis\.id/);
  });

  it('deploys the non-clustered policy, for a rediss:// URL (the app runs on the OSS cluster policy too, with rediss+cluster://)', () => {
    expect(database).toMatch(/clusteringPolicy: 'NoCluster'\n/);
  });

  it('gives the apps a rediss:// URL from Key Vault, with the access key URI-encoded', () => {
    const secret = bicep.resources('Microsoft.KeyVault/vaults/secrets').find((r) => r.body.includes("name: 'redis-url'"));
    expect(secret).toBeDefined();
    expect(secret!.body).toMatch(/value: 'rediss:\/\/:\$\{uriComponent\(/);
  });
});

describe('Key Vault in azure.bicep', () => {
  const vault = bicep.resource('Microsoft.KeyVault/vaults');

  it('authorizes with RBAC and keeps deleted secrets (soft delete, purge protection)', () => {
    expect(vault).toMatch(/enableRbacAuthorization: true\n/);
    expect(vault).toMatch(/enableSoftDelete: true\n/);
    expect(vault).toMatch(/enablePurgeProtection: true\n/);
  });

  it('lets the apps\' managed identity read secrets ("Key Vault Secrets User")', () => {
    const readers = bicep.resources('Microsoft.Authorization/roleAssignments').filter((r) => r.body.includes('keyVaultSecretsUserRoleId'));
    expect(readers).toHaveLength(1);
    expect(readers[0]!.body).toMatch(/principalId: identity\.properties\.principalId/);
    expect(bicep.variable('keyVaultSecretsUserRoleId')).toBe("'4633458b-17de-408a-b874-0445c86b69e6'");
  });

  it('never writes the data encryption key, so provisioning again cannot undo a rotation', () => {
    const written = bicep.resources('Microsoft.KeyVault/vaults/secrets').map((r) => /name: '([^']+)'/.exec(r.body)?.[1]);
    expect(written).not.toContain('data-encryption-key');
    expect(written).toEqual(expect.arrayContaining(['redis-url', 'graph-client-secret']));
  });
});

describe('App Service apps in azure.bicep', () => {
  const sites = bicep.resources('Microsoft.Web/sites');
  const site = (symbol: string) => sites.find((s) => s.symbol === symbol)!.body;

  it('are a bot app and a worker app on one Linux plan, HTTPS only, no session affinity', () => {
    expect(sites.map((s) => s.symbol).sort()).toEqual(['botApp', 'workerApp']);
    expect(bicep.resource('Microsoft.Web/serverfarms')).toMatch(/reserved: true\n/);
    for (const { body } of sites) {
      expect(body).toMatch(/httpsOnly: true\n/);
      expect(body).toMatch(/clientAffinityEnabled: false\n/);
      expect(body).toMatch(/siteConfig: union\(sharedSiteConfig, \{/);
      expect(body).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    }
  });

  it('run Node on Linux, always on, TLS 1.2 at least, FTP off', () => {
    const config = flatObject(bicep.variable('sharedSiteConfig'));
    expect(parameterValue(config.get('linuxFxVersion')!)).toMatch(/^NODE\|\d+-lts$/);
    expect(config.get('alwaysOn')).toBe('true');
    expect(config.get('minTlsVersion')).toBe("'1.2'");
    expect(config.get('ftpsState')).toBe("'Disabled'");
  });

  it('start the same commands as `npm start` and `npm run worker`, without building on start', () => {
    const scriptCommand = (script: string) => packageJson.scripts[script]!;
    expect(site('botApp')).toContain(`appCommandLine: '${scriptCommand('start')}'`);
    expect(bicep.params().get('workerStartupCommand')?.defaultValue).toBe(`'${scriptCommand('worker')}'`);
    expect(site('workerApp')).toMatch(/appCommandLine: workerStartupCommand\n/);
  });

  it('probe the bot\'s readiness route, which the app serves', () => {
    expect(site('botApp')).toMatch(/healthCheckPath: '\/readyz'\n/);
    expect(serverSource).toMatch(/app\.get\('\/readyz'/);
  });
});

describe('app settings in azure.bicep', () => {
  it('set every variable the app reads in production on the bot, except the few left out on purpose', () => {
    const keys = envSchemaKeys();
    expect(keys).toEqual(expect.arrayContaining(['NODE_ENV', 'REDIS_URL', 'DATA_ENCRYPTION_KEY', 'MicrosoftAppId']));
    const missing = keys.filter((key) => !botSettings.has(key) && !(key in NOT_SET_ON_APP_SERVICE));
    expect(missing).toEqual([]);
    for (const key of Object.keys(NOT_SET_ON_APP_SERVICE)) {
      expect(keys, `${key} is still a variable of the app`).toContain(key);
      expect(botSettings.has(key), `${key} is left unset`).toBe(false);
    }
  });

  it('run the bot in production as a managed identity, with the effect jobs left to the worker app', () => {
    expect(botSettings.get('NODE_ENV')).toBe("'production'");
    expect(botSettings.get('MicrosoftAppType')).toBe("'UserAssignedMSI'");
    expect(botSettings.get('MicrosoftAppId')).toBe('identity.properties.clientId');
    expect(botSettings.get('EFFECT_WORKER')).toBe("'off'");
    expect(workerSettings.get('NODE_ENV')).toBe("'production'");
    expect(workerSettings.has('EFFECT_WORKER')).toBe(false);
  });

  it('hold no secret: the Redis URL, encryption key and Graph secret are Key Vault references', () => {
    const references = flatObject(bicep.variable('keyVaultRef'));
    for (const [key, secretName] of [['REDIS_URL', 'redis-url'], ['DATA_ENCRYPTION_KEY', 'data-encryption-key'], ['GRAPH_CLIENT_SECRET', 'graph-client-secret']] as const) {
      const expression = botSettings.get(key);
      expect(expression, key).toMatch(/^keyVaultRef\.\w+$/);
      const reference = references.get(expression!.slice('keyVaultRef.'.length));
      expect(reference, key).toBe(`'@Microsoft.KeyVault(VaultName=\${keyVault.name};SecretName=${secretName})'`);
    }
    const secureParams = [...bicep.params()].filter(([, p]) => p.secure).map(([name]) => name);
    for (const settings of [botSettings, workerSettings]) {
      for (const [key, expression] of settings) {
        expect(expression, key).not.toMatch(/list\w*\(/);
        for (const name of secureParams) expect(expression, key).not.toMatch(new RegExp(`(?<![.\\w])${name}\\b`));
      }
    }
  });

  it('make a configuration the app accepts in production, for the bot and for the worker', () => {
    for (const [settings, effectWorker] of [[botSettings, 'off'], [workerSettings, 'embedded']] as const) {
      const config = loadConfig(environmentOf(settings));
      expect(config.nodeEnv).toBe('production');
      expect(config.localMode).toBe(false);
      expect(config.bot.appType).toBe('UserAssignedMSI');
      expect(config.bot.appPassword).toBeUndefined();
      expect(config.graph?.clientId).toBe(SAMPLES.GRAPH_CLIENT_ID);
      expect(config.publicBaseUrl).toBe(SAMPLES.PUBLIC_BASE_URL);
      expect(config.effectWorker).toBe(effectWorker);
    }
  });

  it('read the unit directory from the mounted share and the feedback questions from the shipped file', () => {
    const mountPath = /^'([^']+)'$/.exec(bicep.variable('configMountPath'))![1]!;
    expect(flatObject(bicep.variable('storageMounts')).get('mountPath')).toBe('configMountPath');
    expect(parameterValue('unitDirectoryFile')).toMatch(new RegExp(`^${mountPath}/`));
    const questions = parameterValue('feedbackQuestionsFile')!;
    expect(existsSync(questions), questions).toBe(true);
  });
});

describe('Azure Bot in azure.bicep', () => {
  const bot = bicep.resource('Microsoft.BotService/botServices');

  it('is a single-tenant Azure Bot whose identity is the apps\' managed identity', () => {
    expect(bot).toMatch(/kind: 'azurebot'\n/);
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'\n/);
    expect(bot).toMatch(/msaAppId: identity\.properties\.clientId\n/);
    expect(bot).toMatch(/msaAppMSIResourceId: identity\.id\n/);
    expect(bot).toMatch(/msaAppTenantId: identity\.properties\.tenantId\n/);
  });

  it('sends activities to the bot app\'s /api/messages, which the app serves', () => {
    expect(bot).toMatch(/endpoint: '\$\{publicBaseUrl\}\/api\/messages'\n/);
    expect(bicep.variable('publicBaseUrl')).toBe("'https://${botApp.properties.defaultHostName}'");
    expect(serverSource).toMatch(/app\.post\('\/api\/messages'/);
  });

  it('has the Teams channel switched on', () => {
    const channel = bicep.resource('Microsoft.BotService/botServices/channels');
    expect(channel).toMatch(/name: 'MsTeamsChannel'\n/);
    expect(channel).toMatch(/channelName: 'MsTeamsChannel'\n/);
    expect(channel).toMatch(/isEnabled: true\n/);
  });
});

describe('outputs of azure.bicep', () => {
  it('give the toolkit the bot id and domain and no secret', () => {
    const outputs = bicep.outputs();
    expect(outputs.get('BOT_ID')).toBe('identity.properties.clientId');
    expect(outputs.get('BOT_DOMAIN')).toBe('botApp.properties.defaultHostName');
    const secureParams = [...bicep.params()].filter(([, p]) => p.secure).map(([name]) => name);
    for (const [name, expression] of outputs) {
      expect(expression, name).not.toMatch(/list\w*\(|keyVaultRef/);
      for (const param of secureParams) expect(expression, name).not.toMatch(new RegExp(`(?<![.\\w])${param}\\b`));
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';
  const lines = runtime.split('\n');
  const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

  it('builds in one stage and runs in another with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/^RUN npm ci\b/m);
    expect(stages[0]).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).not.toMatch(/^COPY \. /m);
  });

  it('runs as the unprivileged node user, from after the install to the command', () => {
    const user = lineOf(/^USER node$/);
    expect(user).toBeGreaterThan(lineOf(/^RUN npm ci --omit=dev/));
    expect(user).toBeLessThan(lineOf(/^CMD /));
    expect(runtime).not.toMatch(/^USER root/m);
  });

  it('starts the bot as `npm start` does and probes its liveness route', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(runtime);
    expect(cmd).not.toBeNull();
    expect((JSON.parse(cmd![1]!) as string[]).join(' ')).toBe(packageJson.scripts.start);
    expect(runtime).toMatch(/^EXPOSE 3978$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \["node", "-e", ".*\/healthz/m);
    expect(serverSource).toMatch(/app\.get\('\/healthz'/);
  });

  it('carries the files the app reads by default from its working directory', () => {
    const defaults = loadConfig({});
    for (const file of [defaults.unitDirectoryFile, defaults.followUp.questionsFile]) {
      expect(existsSync(file), file).toBe(true);
      expect(runtime, file).toMatch(new RegExp(`^COPY (?!--from).*\\b${file.replace(/[./]/g, '\\$&')}\\b`, 'm'));
    }
  });

  it('gets a build context without local secrets, installed modules or build output', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', 'dist', '.git', '.env', '.env.*', 'env']) expect(ignored, entry).toContain(entry);
    for (const needed of ['package.json', 'package-lock.json', 'infra', 'src']) expect(ignored).not.toContain(needed);
  });
});

describe('m365agents.yml', () => {
  type Step = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
  const yml = parseYaml(read('m365agents.yml')) as Record<string, unknown>;
  const lifecycle = (name: string) => yml[name] as Step[];
  const BUILT_IN = new Set(['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'TEAMSFX_ENV']);
  const placeholders = (value: unknown) => [...JSON.stringify(value).matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!);
  const armDeploy = () => lifecycle('provision').find((s) => s.uses === 'arm/deploy')!;

  it('is a toolkit project with provision, deploy and publish lifecycles and environments in ./env', () => {
    expect(yml.version).toMatch(/^v1\.\d+$/);
    expect(yml.environmentFolderPath).toBe('./env');
    for (const name of ['provision', 'deploy', 'publish']) expect(Array.isArray(yml[name]), name).toBe(true);
  });

  it('provisions azure.bicep with azure.parameters.json through a pinned Bicep CLI', () => {
    const step = armDeploy();
    const templates = step.with!.templates as { path: string; parameters: string }[];
    expect(templates).toEqual([expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' })]);
    for (const template of templates) {
      expect(existsSync(template.path)).toBe(true);
      expect(existsSync(template.parameters)).toBe(true);
    }
    expect(step.with!.bicepCliVersion).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('uses only values that a built-in, an earlier provisioning step or a Bicep output provides', () => {
    const outputs = [...bicep.outputs().keys()].map((name) => name.toUpperCase());
    const known = new Set(BUILT_IN);
    for (const step of lifecycle('provision')) {
      const used = step.uses === 'arm/deploy' ? [...placeholders(step.with), ...placeholders(parametersFile)] : placeholders(step.with);
      for (const name of used) expect(known.has(name), `${name} before ${step.uses}`).toBe(true);
      for (const name of Object.values(step.writeToEnvironmentFile ?? {})) known.add(name);
      if (step.uses === 'arm/deploy') for (const name of outputs) known.add(name);
    }
    for (const name of ['deploy', 'publish']) {
      for (const step of lifecycle(name)) for (const used of placeholders(step.with)) expect(known.has(used), `${used} in ${name}`).toBe(true);
    }
  });

  it('deploys one build with production dependencies to both the bot app and the worker app', () => {
    const deploy = lifecycle('deploy');
    const staging = deploy.find((s) => s.uses === 'script' && String(s.with?.run).includes('.deploy'));
    expect(staging).toBeDefined();
    const run = String(staging!.with!.run);
    // The same install as the image's runtime stage, so App Service gets no TypeScript either.
    const imageInstall = /^RUN (npm ci [^&\n]*?)\s*(&&|$)/m.exec(read('Dockerfile').split(/^FROM /m).at(-1) ?? '')?.[1];
    expect(imageInstall).toMatch(/^npm ci --omit=dev --omit=optional\b/);
    expect(run).toContain(imageInstall);
    expect(run).toMatch(/cp -R dist .*\bNOTICE\b/);
    expect(run).toContain('cp scripts/build-if-checkout.mjs .deploy/scripts/');
    expect(run).toContain(parameterValue('feedbackQuestionsFile')!);
    const targets = deploy.filter((s) => s.uses === 'azureAppService/zipDeploy');
    expect(targets.map((s) => s.with!.resourceId)).toEqual(['${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}', '${{WORKER_AZURE_APP_SERVICE_RESOURCE_ID}}']);
    for (const target of targets) expect(target.with!.artifactFolder).toBe('.deploy');
    const build = deploy.findIndex((s) => s.uses === 'cli/runNpmCommand' && s.with?.args === 'run build');
    expect(build).toBeGreaterThan(-1);
    expect(build).toBeLessThan(deploy.indexOf(staging!));
  });

  it('builds the Teams app package with `npm run package` from the bot id, domain and Teams app id', () => {
    for (const name of ['provision', 'publish']) {
      const steps = lifecycle(name);
      const packaging = steps.findIndex((s) => s.uses === 'script' && /\bnpm run package\b/.test(String(s.with?.run)));
      expect(packaging, name).toBeGreaterThan(-1);
      const run = String(steps[packaging]!.with!.run);
      for (const variable of ["MicrosoftAppId='${{BOT_ID}}'", "PUBLIC_BASE_URL='${{PUBLIC_BASE_URL}}'", "TEAMS_APP_ID='${{TEAMS_APP_ID}}'"]) expect(run).toContain(variable);
      const validate = steps.findIndex((s) => s.uses === 'teamsApp/validateAppPackage');
      expect(validate, name).toBeGreaterThan(packaging);
    }
  });
});
