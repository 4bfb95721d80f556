import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../src/config/env.js';
import { emptyTexts } from '../../src/domain/collaboration/description.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { translator } from '../../src/i18n/translator.js';
import { BullEffectQueue } from '../../src/jobs/bull-effect-queue.js';
import { personKey } from '../../src/bot/conversation-keys.js';
import { AuditChain } from '../../src/store/audit-chain.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisBotMemory } from '../../src/store/redis-bot-memory.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { TENANT, cardOf, texts } from './bot-harness.js';
import type { LoopbackConnector } from './loopback-connector.js';

export const UNIT = 'terveysasemat';
const SENDING_SUPERVISOR = '00000000-0000-4000-8000-000000000201';
const EXTRA_SUPERVISORS = [
  { id: '00000000-0000-4000-8000-000000009101', name: 'Toini Toinen' },
  { id: '00000000-0000-4000-8000-000000009102', name: 'Kerttu Kolmas' },
];

/**
 * The example directory, but the receiving unit has three supervisors: a reminder round then
 * has a first, a middle and a last message, and a worker can die between any two.
 */
function writeDirectory(dir: string): { file: string; supervisors: string[] } {
  const directory = parse(readFileSync('infra/unit-directory.example.yaml', 'utf8')) as {
    units: { id: string; supervisors: string[] }[];
    people: { id: string; name: string }[];
  };
  const unit = directory.units.find((u) => u.id === UNIT)!;
  unit.supervisors.push(...EXTRA_SUPERVISORS.map((p) => p.id));
  directory.people.push(...EXTRA_SUPERVISORS);
  const file = join(dir, 'unit-directory.yaml');
  writeFileSync(file, stringify(directory));
  return { file, supervisors: [...unit.supervisors] };
}

export const conversationOf = (personId: string) => `a:personal-${personId}`;

/**
 * Routed requests waiting for the unit's acknowledgement, stored as the bot stores them under a
 * key prefix of their own, with the supervisors' conversations pointing at a loopback connector;
 * `workerEnv` starts an effect worker process on the same Redis, prefix and directory.
 */
export class ReminderScene {
  readonly prefix = `test:${randomUUID().slice(0, 8)}:`;
  readonly supervisors: readonly string[];
  readonly workerEnv: Readonly<Record<string, string>>;
  readonly redis: Redis;
  /** BullMQ's own view of the effect queue, to look at jobs the way an operator would. */
  readonly jobs: Queue;
  private readonly effects: BullEffectQueue;
  private readonly requests: RedisRequestRepository;
  private readonly memory: RedisBotMemory;
  private referenceNumber = 900;

  constructor(redisUrl: string, tempDir: string) {
    const { file, supervisors } = writeDirectory(tempDir);
    this.supervisors = supervisors;
    this.workerEnv = {
      NODE_ENV: 'test',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: this.prefix,
      UNIT_DIRECTORY_FILE: file,
      // Local mode: no tokens, proactive messages go straight to the stored serviceUrl.
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      GRAPH_TENANT_ID: '',
      GRAPH_CLIENT_ID: '',
      GRAPH_CLIENT_SECRET: '',
      DATA_ENCRYPTION_KEY: '',
      // Short locks, so a killed worker's job is taken up again within seconds, not a minute.
      EFFECT_LOCK_MS: '1500',
      // A worker killed while Teams held its message leaves that message leased this long.
      DELIVERY_LEASE_MS: '2000',
      LOG_LEVEL: 'info',
    };
    const config = loadConfig(this.workerEnv);
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    // The test kills this Redis on purpose; the client reconnects on its own.
    this.redis.on('error', () => undefined);
    this.requests = new RedisRequestRepository(this.redis, this.prefix, new DescriptionCipher(config.encryptionKeys), AuditChain.keptForDays(this.prefix, config.auditRetentionDays));
    this.memory = new RedisBotMemory(this.redis, this.prefix);
    this.effects = new BullEffectQueue(redisUrl, `${this.prefix}{bull}`, { warn: () => undefined }, { now: () => new Date() });
    this.jobs = new Queue('effects', { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix: `${this.prefix}{bull}` });
    this.jobs.on('error', () => undefined);
  }

  async routedRequest(): Promise<{ id: string; reference: string }> {
    const at = new Date().toISOString();
    const reference = `YT-2026-${++this.referenceNumber}`;
    const request: CollaborationRequest = {
      id: randomBytes(12).toString('base64url'),
      version: 4,
      status: 'routed',
      reference,
      ownerId: '00000000-0000-4000-8000-000000000101',
      sendingUnitId: 'perhesosiaalityo',
      collaborationUnitIds: [UNIT],
      consentRecorded: true,
      needConfirmedInTeam: true,
      createdAt: at,
      updatedAt: at,
      decision: { kind: 'approved', by: SENDING_SUPERVISOR, at },
      units: [{ unitId: UNIT, status: 'awaiting_acknowledgement' }],
    };
    if ((await this.requests.create({ request, description: { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] } })) !== 'written') throw new Error('request not stored');
    return { id: request.id, reference };
  }

  /** What the bot stores when a person first talks to it, with the connector as its serviceUrl. */
  async connectSupervisors(connector: LoopbackConnector): Promise<void> {
    for (const id of this.supervisors) {
      const reference = {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: conversationOf(id), conversationType: 'personal', tenantId: TENANT },
        user: { id: `29:${id}`, aadObjectId: id },
        bot: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' },
      };
      await this.memory.saveReference(personKey(id), JSON.stringify(reference));
    }
  }

  /** Queues stage 1 as routing does: the same key, so the same job id. */
  async queueAcknowledgementReminder(requestId: string, delayMs?: number): Promise<string> {
    const key = acknowledgementJob(requestId, 1);
    await this.effects.enqueue({ effect: { kind: 'ack_reminder', requestId, unitId: UNIT, stage: 1 }, key, dueAt: delayMs === undefined ? undefined : Date.now() + delayMs });
    return key;
  }

  async stateOf(jobId: string): Promise<string> {
    return (await this.jobs.getJob(jobId))?.getState() ?? 'missing';
  }

  /** Stage-2 jobs of a request in the queue, whatever their id. */
  async escalations(requestId: string): Promise<string[]> {
    const jobs = await this.jobs.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed']);
    return jobs.filter((j) => j.data?.kind === 'ack_reminder' && j.data.requestId === requestId && j.data.stage === 2).map((j) => j.id ?? '');
  }

  async close(): Promise<void> {
    const keys = await this.redis.keys(`${this.prefix}*`).catch(() => []);
    if (keys.length > 0) await this.redis.del(...keys).catch(() => undefined);
    await this.effects.close();
    await this.jobs.close();
    this.redis.disconnect();
  }
}

export const acknowledgementJob = (requestId: string, stage: 1 | 2) => `ack-${requestId}-${UNIT}-${stage}`;

export const reminderText = (reference: string) => translator('fi')('reminder.acknowledge', { reference });

/** The texts of each card the connector answered (so delivered) in a person's chat, in order. */
export function deliveredTo(connector: LoopbackConnector, personId: string): string[][] {
  return connector.captured
    .filter((c) => c.method === 'POST' && c.conversationId === conversationOf(personId))
    .map((c) => {
      const card = cardOf(c.activity);
      return card ? texts(card) : [];
    });
}
