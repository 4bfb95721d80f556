import { z } from 'zod';

/**
 * One schema over the whole environment, parsed once at start-up. Every problem is reported
 * at once so an operator fixes the configuration in one go, not one restart per variable.
 */
const keyListPattern = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/;

const blackoutListPattern = /^$|^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}(@[a-z0-9-]+(\+[a-z0-9-]+)*)?(,\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}(@[a-z0-9-]+(\+[a-z0-9-]+)*)?)*$/;

const hostListPattern = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(,(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*)*$/;

/** Teams' public Bot Connector; outside production, loopback too (the Agents Playground, tests). */
const TEAMS_CONNECTOR_HOSTS = ['smba.trafficmanager.net', '*.smba.trafficmanager.net'];
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'];

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    BIND_ADDRESS: z.preprocess(emptyToUndefined, z.union([z.ipv4(), z.ipv6()]).optional()),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[a-z0-9:_-]{1,40}$/i, 'letters, digits, ":", "_" or "-", at most 40')
      .default('yt:'),
    GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
    MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().uuid().optional()),
    MicrosoftAppPassword: z.preprocess(emptyToUndefined, z.string().optional()),
    MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().uuid().optional()),
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    BOT_SERVICE_URL_HOSTS: z.preprocess(
      emptyToUndefined,
      z.string().regex(hostListPattern, 'host names, comma-separated; "*.example.com" for any subdomain').optional(),
    ),
    BOT_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(60),
    RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(300),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    DATA_ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(keyListPattern, 'expected "keyId:base64-of-32-bytes", newest first, comma-separated for rotation')
        .optional(),
    ),
    UNIT_DIRECTORY_FILE: z.string().min(1).default('infra/unit-directory.example.yaml'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    EFFECT_WORKER: z.enum(['embedded', 'off']).default('embedded'),
    WORKER_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    EFFECT_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    EFFECT_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    GRAPH_TENANT_ID: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_AUTHORITY: z.preprocess(emptyToUndefined, z.string().url().optional()),
    GRAPH_CA_FILE: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    YHTEISTYOAIKA_ANCHOR: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, yyyy-MM-dd')
      .refine((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 3, 'must be a Wednesday')
      .default('2026-01-07'),
    MEETING_ORGANIZER_MAILBOX: z.preprocess(emptyToUndefined, z.string().email().optional()),
    REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(2),
    MEETING_PROPOSALS: z.coerce.number().int().min(1).max(5).default(3),
    YHTEISTYOAIKA_LEAD_DAYS: z.coerce.number().int().min(0).max(20).default(2),
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    FEEDBACK_QUESTIONS_FILE: z.string().min(1).default('infra/feedback-questions.yaml'),
    FEEDBACK_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:mm')
      .default('15:00'),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(4380),
    TAB_SSO_APP_ID: z.preprocess(emptyToUndefined, z.string().uuid().optional()),
    TAB_JWKS_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    YHTEISTYOAIKA_BLACKOUTS: z
      .string()
      .regex(blackoutListPattern, 'from..to[@unit+unit], comma-separated, dates as yyyy-MM-dd')
      .optional()
      .transform((v) => v ?? ''),
  })
  .superRefine((env, ctx) => {
    // The audit answers who saw a description long after the description itself is gone.
    if (env.AUDIT_RETENTION_DAYS <= env.RETENTION_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['AUDIT_RETENTION_DAYS'], message: `must be longer than RETENTION_DAYS (${env.RETENTION_DAYS})` });
    }
    if (env.NODE_ENV !== 'production') return;
    const required = ['MicrosoftAppId', 'MicrosoftAppTenantId', 'DATA_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'] as const;
    for (const name of required) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required in production' });
    }
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required in production' });
    }
    if (env.BOT_OPENID_METADATA_URL) ctx.addIssue({ code: 'custom', path: ['BOT_OPENID_METADATA_URL'], message: 'tests only, refused in production' });
    if (env.BOT_SERVICE_URL_HOSTS?.split(',').some((host) => LOOPBACK_HOSTS.includes(host))) {
      ctx.addIssue({ code: 'custom', path: ['BOT_SERVICE_URL_HOSTS'], message: 'loopback hosts are refused in production' });
    }
  });

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly port: number;
  /** The address the HTTP server listens on; undefined is every interface. */
  readonly bindAddress: string | undefined;
  /** Where people reach the bot's web pages (report downloads); the local default is this machine. */
  readonly publicBaseUrl: string;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  readonly graphBaseUrl: string;
  readonly bot: {
    readonly appId: string | undefined;
    readonly appPassword: string | undefined;
    readonly tenantId: string | undefined;
    readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    /** Tests only: where the Bot Connector's OpenID metadata and signing keys are read. */
    readonly openIdMetadataUrl?: string | undefined;
    /** Hosts an activity's serviceUrl, and so a stored conversation reference, may name. */
    readonly serviceUrlHosts: readonly string[];
  };
  /** Newest first: the first encrypts, all of them decrypt. */
  readonly encryptionKeys: readonly EncryptionKey[];
  readonly unitDirectoryFile: string;
  readonly logLevel: string;
  /** `embedded` runs the effect worker inside the bot; `off` leaves it to `npm run worker`. */
  readonly effectWorker: 'embedded' | 'off';
  /** How long a job stays with a worker that stopped answering; a killed worker's jobs run again after about twice this. */
  readonly effectLockMs: number;
  /** Tries a job gets for transient failures (throttling, outages) before it counts as failed and its chair is told. */
  readonly effectAttempts: number;
  /** `npm run worker` answers liveness and readiness probes on this port when set (App Service wants one). */
  readonly workerPort?: number | undefined;
  /** Microsoft Graph for booking; absent, the bot routes requests but books no meetings. */
  readonly graph?: {
    readonly baseUrl: string;
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly authority?: string | undefined;
    readonly caFile?: string | undefined;
  } | undefined;
  /** Working days a receiving unit has to acknowledge before a reminder, and again before escalation. */
  readonly reminderWorkingDays: number;
  readonly yhteistyoaika: {
    readonly anchor: string;
    readonly leadWorkingDays: number;
    /** How many times are offered at once: the next free one and the alternatives. */
    readonly proposals: number;
    /** A service mailbox that organizes the meetings; none means the chair's own calendar. */
    readonly organizerMailbox?: string | undefined;
    readonly blackouts: readonly { readonly from: string; readonly to: string; readonly unitIds?: readonly string[] | undefined }[];
  };
  readonly followUp: {
    readonly questionsFile: string;
    /** County time of day when feedback is asked on the meeting's day. */
    readonly feedbackTime: string;
    /** Days a closed or withdrawn request keeps its description. */
    readonly retentionDays: number;
  };
  /** Days the audit log keeps an entry (legal retention), past the description's purge; then it is trimmed. */
  readonly auditRetentionDays: number;
  /** Teams SSO of the metrics tab; absent without an app id and tenant, where only the dev sign-in (local mode) works. */
  readonly tabSso?: { readonly tenantId: string; readonly appId: string; readonly jwksUrl: string } | undefined;
  /** Activities per person and per client address in each window on /api/messages, counted in Redis across instances. */
  readonly rateLimits: { readonly perUser: number; readonly perIp: number; readonly windowSeconds: number };
  /** Reverse proxies in front of the bot whose X-Forwarded-For is believed: the client address for the per-address limit. */
  readonly trustProxyHops: number;
  readonly localMode: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A fixed, publicly known key so that local runs and tests work out of the box.
 * Production refuses to start without DATA_ENCRYPTION_KEY, so this never protects real data.
 */
const LOCAL_DEVELOPMENT_KEY = 'local-dev:bG9jYWwtZGV2LWtleS1ub3Qtc2VjcmV0LTMyYnl0ZXM=';

function parseKeys(list: string): EncryptionKey[] {
  return list.split(',').map((entry) => {
    const [id = '', material = ''] = entry.split(':');
    return { id, key: Buffer.from(material, 'base64') };
  });
}

type ParsedEnv = z.infer<typeof envSchema>;

/** Graph's app registration defaults to the bot's own; a separate one may be named. */
function graphOf(env: ParsedEnv): AppConfig['graph'] {
  const tenantId = env.GRAPH_TENANT_ID ?? env.MicrosoftAppTenantId;
  const clientId = env.GRAPH_CLIENT_ID ?? env.MicrosoftAppId;
  const clientSecret = env.GRAPH_CLIENT_SECRET ?? env.MicrosoftAppPassword;
  if (!tenantId || !clientId || !clientSecret) return undefined;
  return { baseUrl: env.GRAPH_BASE_URL, tenantId, clientId, clientSecret, authority: env.GRAPH_AUTHORITY, caFile: env.GRAPH_CA_FILE };
}

function parseBlackouts(list: string): AppConfig['yhteistyoaika']['blackouts'] {
  return list
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [period = '', units] = entry.split('@');
      const [from = '', to = ''] = period.split('..');
      return { from, to, unitIds: units?.split('+') };
    });
}

export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  const env = parsed.data;
  const keys = parseKeys(env.DATA_ENCRYPTION_KEY ?? LOCAL_DEVELOPMENT_KEY);
  const badKey = keys.find((k) => k.key.length !== 32);
  if (badKey) throw new ConfigError([`DATA_ENCRYPTION_KEY: key "${badKey.id}" is not 32 bytes`]);
  return Object.freeze({
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    // Local mode takes activities without any token: only this machine may send them, unless told otherwise.
    bindAddress: env.BIND_ADDRESS ?? (env.MicrosoftAppId === undefined ? '127.0.0.1' : undefined),
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    graphBaseUrl: env.GRAPH_BASE_URL,
    bot: Object.freeze({
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      tenantId: env.MicrosoftAppTenantId,
      appType: env.MicrosoftAppType,
      openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
      serviceUrlHosts: Object.freeze(
        env.BOT_SERVICE_URL_HOSTS?.split(',') ?? [...TEAMS_CONNECTOR_HOSTS, ...(env.NODE_ENV === 'production' ? [] : LOOPBACK_HOSTS)],
      ),
    }),
    encryptionKeys: Object.freeze(keys),
    unitDirectoryFile: env.UNIT_DIRECTORY_FILE,
    logLevel: env.LOG_LEVEL,
    effectWorker: env.EFFECT_WORKER,
    effectLockMs: env.EFFECT_LOCK_MS,
    effectAttempts: env.EFFECT_ATTEMPTS,
    workerPort: env.WORKER_PORT,
    graph: graphOf(env),
    reminderWorkingDays: env.REMINDER_WORKING_DAYS,
    yhteistyoaika: Object.freeze({
      anchor: env.YHTEISTYOAIKA_ANCHOR,
      leadWorkingDays: env.YHTEISTYOAIKA_LEAD_DAYS,
      proposals: env.MEETING_PROPOSALS,
      organizerMailbox: env.MEETING_ORGANIZER_MAILBOX,
      blackouts: parseBlackouts(env.YHTEISTYOAIKA_BLACKOUTS),
    }),
    followUp: Object.freeze({ questionsFile: env.FEEDBACK_QUESTIONS_FILE, feedbackTime: env.FEEDBACK_TIME, retentionDays: env.RETENTION_DAYS }),
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    tabSso:
      (env.TAB_SSO_APP_ID ?? env.MicrosoftAppId) && env.MicrosoftAppTenantId
        ? Object.freeze({
            tenantId: env.MicrosoftAppTenantId,
            appId: (env.TAB_SSO_APP_ID ?? env.MicrosoftAppId)!,
            jwksUrl: env.TAB_JWKS_URL ?? `https://login.microsoftonline.com/${env.MicrosoftAppTenantId}/discovery/v2.0/keys`,
          })
        : undefined,
    rateLimits: Object.freeze({ perUser: env.RATE_LIMIT_PER_USER, perIp: env.RATE_LIMIT_PER_IP, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS }),
    trustProxyHops: env.TRUST_PROXY_HOPS,
    localMode: env.MicrosoftAppId === undefined,
  });
}
