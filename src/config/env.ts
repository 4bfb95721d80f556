import { envSchema, LOOPBACK_HOSTS, TEAMS_CONNECTOR_HOSTS, type ParsedEnv } from './env-schema.js';

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
    /** Which SDK carries activities: botbuilder as designed, or the Microsoft 365 Agents SDK. */
    readonly sdk: 'botbuilder' | 'agents';
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
  /**
   * Jobs one worker process runs at once. Most of a job is waiting on Redis and Teams, so many at
   * once keep the process busy; the message ledger's lease keeps two runs of one job from both sending.
   */
  readonly effectConcurrency: number;
  /** How long a job stays with a worker that stopped answering; a killed worker's jobs run again after about twice this. */
  readonly effectLockMs: number;
  /** How long one attempt at a message holds it: a worker that died mid-send has it sent again after this. */
  readonly deliveryLeaseMs: number;
  /** Tries a job gets for transient failures (throttling, outages) before it counts as failed and its chair is told. */
  readonly effectAttempts: number;
  /** How often the outbox relay sweeps for effects a write left behind. */
  readonly outboxSweepMs: number;
  /**
   * How often the watchdog looks for requests stuck between states, after how long one counts as
   * stuck, and how often requests an older instance wrote are refiled under their indexes.
   */
  readonly watchdog: { readonly everyMs: number; readonly stuckAfterMs: number; readonly reindexEveryMs: number };
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
    /** Longest silence from Entra ID or Graph before a call is given up; the client's own default when unset. */
    readonly requestTimeoutMs?: number | undefined;
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


/** Graph's app registration defaults to the bot's own; a separate one may be named. */
function graphOf(env: ParsedEnv): AppConfig['graph'] {
  const tenantId = env.GRAPH_TENANT_ID ?? env.MicrosoftAppTenantId;
  const clientId = env.GRAPH_CLIENT_ID ?? env.MicrosoftAppId;
  const clientSecret = env.GRAPH_CLIENT_SECRET ?? env.MicrosoftAppPassword;
  if (!tenantId || !clientId || !clientSecret) return undefined;
  return {
    baseUrl: env.GRAPH_BASE_URL,
    tenantId,
    clientId,
    clientSecret,
    authority: env.GRAPH_AUTHORITY,
    caFile: env.GRAPH_CA_FILE,
    requestTimeoutMs: env.GRAPH_REQUEST_TIMEOUT_MS,
  };
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
      sdk: env.BOT_SDK,
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
    effectConcurrency: env.EFFECT_CONCURRENCY,
    effectLockMs: env.EFFECT_LOCK_MS,
    deliveryLeaseMs: env.DELIVERY_LEASE_MS,
    effectAttempts: env.EFFECT_ATTEMPTS,
    outboxSweepMs: env.OUTBOX_SWEEP_MS,
    watchdog: { everyMs: env.WATCHDOG_MS, stuckAfterMs: env.STUCK_AFTER_MS, reindexEveryMs: env.REINDEX_MS },
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
