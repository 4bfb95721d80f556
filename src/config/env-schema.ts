import { z } from 'zod';
import { redisTargetOf } from './redis-url.js';

/**
 * One schema over the whole environment, parsed once at start-up. Every problem is reported
 * at once so an operator fixes the configuration in one go, not one restart per variable.
 */
const keyListPattern = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/;

const blackoutListPattern = /^$|^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}(@[a-z0-9-]+(\+[a-z0-9-]+)*)?(,\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}(@[a-z0-9-]+(\+[a-z0-9-]+)*)?)*$/;

const hostListPattern = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(,(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*)*$/;

/** Teams' public Bot Connector; outside production, loopback too (the Agents Playground, tests). */
export const TEAMS_CONNECTOR_HOSTS = ['smba.trafficmanager.net', '*.smba.trafficmanager.net'];
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'];

/** Jobs per worker process unless EFFECT_CONCURRENCY says otherwise: chosen by `BENCH_ONLY=reminders npm run bench`. */
export const DEFAULT_EFFECT_CONCURRENCY = 50;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    BIND_ADDRESS: z.preprocess(emptyToUndefined, z.union([z.ipv4(), z.ipv6()]).optional()),
    REDIS_URL: z
      .string()
      .refine((url) => redisTargetOf(url) !== undefined, 'expected redis://host:port or rediss://host:port (one node), or redis+cluster://host:port,host:port or rediss+cluster://host:port (a cluster)')
      .default('redis://127.0.0.1:6379'),
    // No braces: the key layout's hash tags (src/store/key-space.ts) must be the first in every key.
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[a-z0-9:_-]{1,40}$/i, 'letters, digits, ":", "_" or "-", at most 40')
      .default('yt:'),
    GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
    MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().uuid().optional()),
    MicrosoftAppPassword: z.preprocess(emptyToUndefined, z.string().optional()),
    MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().uuid().optional()),
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    BOT_SDK: z.enum(['botbuilder', 'agents']).default('botbuilder'),
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
    EFFECT_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(DEFAULT_EFFECT_CONCURRENCY),
    EFFECT_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    DELIVERY_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
    EFFECT_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    OUTBOX_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    WATCHDOG_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    REINDEX_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
    STUCK_AFTER_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(300_000),
    GRAPH_TENANT_ID: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_AUTHORITY: z.preprocess(emptyToUndefined, z.string().url().optional()),
    GRAPH_CA_FILE: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    GRAPH_REQUEST_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).optional()),
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

export type ParsedEnv = z.infer<typeof envSchema>;
