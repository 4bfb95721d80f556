import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { reportEffectFailure } from '../app/effects/report-effect-failure.js';
import { runEffect } from '../app/effects/run-effect.js';
import type { IntakeDeps } from '../app/intake/intake-deps.js';
import type { Clock } from '../app/ports.js';
import type { WorkflowDeps } from '../app/workflow/workflow-deps.js';
import { ProactiveSender } from '../bot/proactive-sender.js';
import { createBotSdk } from '../bot/sdk/create-bot-sdk.js';
import { TeamsNotifier } from '../bot/teams-notifier.js';
import { TrackedCards } from '../bot/tracked-cards.js';
import type { AppConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { loadQuestionnaire } from '../config/questionnaire-file.js';
import { FileDirectoryProvider } from '../config/unit-directory-file.js';
import { PresentationSource } from '../i18n/presentation.js';
import { BullEffectQueue, startEffectWorker } from '../jobs/bull-effect-queue.js';
import { OutboxRelay } from '../jobs/outbox-relay.js';
import { startIndexSweep, startWatchdog } from '../jobs/watchdog.js';
import { makeRepairStuckRequests } from '../app/booking/repair-stuck-requests.js';
import { RedisEffectOutbox } from '../store/redis-effect-outbox.js';
import { MovableClock } from '../jobs/movable-clock.js';
import { DescriptionCipher } from '../store/description-cipher.js';
import { AuditChain } from '../store/audit-chain.js';
import { RedisAuditLog } from '../store/redis-audit-log.js';
import { RedisBotMemory } from '../store/redis-bot-memory.js';
import { RedisChannelLinks } from '../store/redis-channel-links.js';
import { KeySpace } from '../store/key-space.js';
import { migrateKeyLayout } from '../store/key-layout-migration.js';
import { moveReservationsToUnits } from '../store/reservations-per-unit-migration.js';
import { connectRedis, redisReady, type RedisClient } from '../store/redis-connection.js';
import { RedisFeedbackStore } from '../store/redis-feedback-store.js';
import { RedisMessageLedger } from '../store/redis-message-ledger.js';
import { RedisReferenceSequence } from '../store/redis-reference-sequence.js';
import { RedisAbsences } from '../store/redis-absences.js';
import { RedisReminderPauses } from '../store/redis-reminder-pauses.js';
import { RedisRequestLocks } from '../store/redis-request-locks.js';
import { RedisRequestRepository } from '../store/redis-request-repository.js';
import { RedisUserPreferences } from '../store/redis-user-preferences.js';
import { classifyGraphFailure, schedulingOf } from './scheduling.js';

export interface ComposeOptions {
  readonly clock?: Clock;
  readonly logDestination?: DestinationStream;
  /** Where the metrics tab's browser bundle is; `npm run build:tab` writes it to dist/tab. */
  readonly tabAssetsDir?: string;
}

export const errorFields = (error: unknown) => ({ err: { name: (error as Error).name, message: (error as Error).message } });

/** Local runs may move time forward to see reminders and meeting days; production never can. */
function clockOf(config: AppConfig, options: ComposeOptions): Clock {
  return options.clock ?? (config.localMode && config.nodeEnv !== 'production' ? new MovableClock() : { now: () => new Date() });
}

/**
 * Resolves once the keys under the prefix are in the current layout (see key-layout-migration.ts,
 * and reservations-per-unit-migration.ts):
 * at once on a cluster or an instance already migrated, after the renames on one written by an
 * earlier release. Redis away is waited out and the step tried again; nothing else in the process
 * reads or writes before it resolves, as far as the process can hold that: the worker and the
 * sweeps start after it, and the bot answers ready only after it.
 */
function keyLayoutReady(redis: RedisClient, prefix: string, log: ReturnType<typeof createLogger>, stopped: () => boolean): Promise<void> {
  const attempt = async (): Promise<void> => {
    while (!stopped()) {
      if (!(await redisReady(redis, 5000))) continue;
      try {
        const outcome = await migrateKeyLayout(redis, prefix);
        if (outcome.kind === 'migrated') log.info({ renamed: outcome.renamed }, 'Redis keys moved to the hash-tagged layout');
        const moved = await moveReservationsToUnits(redis, prefix);
        if (moved > 0) log.info({ moved }, 'county-wide Yhteistyöaika reservations moved to their units');
        return;
      } catch (error) {
        log.warn(errorFields(error), 'Redis key layout could not be checked; trying again');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  return attempt();
}

/** Everything the bot and the effect worker share: stores, directory, notifier and use-case dependencies. */
export function composeServices(config: AppConfig, options: ComposeOptions) {
  const log = createLogger(config.logLevel, options.logDestination);
  const redis = connectRedis(config.redisUrl);
  redis.on('error', (error) => log.warn(errorFields(error), 'redis connection problem'));
  const prefix = config.redisKeyPrefix;
  let closing = false;
  const layoutReady = keyLayoutReady(redis, prefix, log, () => closing);
  const directory = new FileDirectoryProvider(config.unitDirectoryFile, (error) =>
    log.error(errorFields(error), 'unit directory edit rejected; the previous directory stays in use'),
  );
  const stopWatching = directory.watch();
  const clock = clockOf(config, options);
  const ids = { requestId: () => randomBytes(16).toString('base64url') };
  const preferences = new RedisUserPreferences(redis, prefix);
  const memory = new RedisBotMemory(redis, prefix);
  const channelLinks = new RedisChannelLinks(redis, prefix);
  const sdk = createBotSdk(config.bot.sdk, config.bot, log);
  const questionnaire = loadQuestionnaire(config.followUp.questionsFile);
  const presentations = new PresentationSource(directory, preferences);
  const trackedCards = new TrackedCards(memory);
  const sender = new ProactiveSender(sdk, config.bot.serviceUrlHosts);
  const notifier = new TeamsNotifier({ sender, memory, cards: trackedCards, channelLinks, presentations, clock, log, questionnaire });
  const cipher = new DescriptionCipher(config.encryptionKeys);
  const auditChain = AuditChain.keptForDays(prefix, config.auditRetentionDays);
  const queuePrefix = new KeySpace(prefix).queuePrefix();
  const effects = new BullEffectQueue(config.redisUrl, queuePrefix, log, clock, config.effectAttempts);
  const outbox = new RedisEffectOutbox(redis, prefix);
  // Every process that writes decisions relays their effects; a second relay moving the same entry queues it once.
  const relay = new OutboxRelay(outbox, effects, log, { sweepMs: config.outboxSweepMs });
  const requests = new RedisRequestRepository(redis, prefix, cipher, auditChain, () => relay.wake());
  const feedback = new RedisFeedbackStore(redis, prefix, cipher, config.encryptionKeys);
  /** Files and counts what older releases stored or wrote: requests under their indexes and figures, answers in their figures. */
  const reindex = async () => (await requests.reindex()) + (await feedback.figureOldAnswers());
  // Connected (at start, or back after an outage): whatever the outbox holds is moved now, not at the next sweep.
  redis.on('ready', () => relay.wake());
  const audit = new RedisAuditLog(redis, auditChain);
  const locks = new RedisRequestLocks(redis, prefix);
  const intake: IntakeDeps = { requests, references: new RedisReferenceSequence(redis, prefix), audit, clock, ids, directory, locks };
  const workflow: WorkflowDeps = {
    requests,
    audit,
    clock,
    directory,
    locks,
    notifier,
    channelLinks,
    // A job's follow-ons go through the outbox too: a queue refusing for a moment then fails no job
    // whose messages have gone (the relay queues them when it can), only Redis being away does.
    effects: {
      enqueue: async (entry) => {
        await outbox.add([entry]);
        relay.wake();
      },
    },
    scheduling: schedulingOf(config, redis),
    reminders: {
      workingDays: config.reminderWorkingDays,
      ledger: new RedisMessageLedger(redis, prefix, undefined, config.deliveryLeaseMs),
      pauses: new RedisReminderPauses(redis, prefix),
      absences: new RedisAbsences(redis, prefix),
    },
    followUp: {
      feedback,
      questionnaire,
      feedbackTime: config.followUp.feedbackTime,
      retentionDays: config.followUp.retentionDays,
    },
  };
  const runner = {
    run: (effect: Parameters<typeof runEffect>[1]) => runEffect(workflow, effect),
    failedForGood: (effect: Parameters<typeof runEffect>[1], code: string, jobId: string) => reportEffectFailure(workflow, effect, code, jobId),
  };
  let watchdog: { stop(): Promise<void> } | undefined;
  let indexSweep: { stop(): Promise<void> } | undefined;
  // The watchdog runs where the jobs run: what it repairs is what a lost or failed job left. All of it
  // starts once the keys are in the current layout.
  const startWorker = () => {
    const worker = startEffectWorker(config.redisUrl, queuePrefix, runner, log, { concurrency: config.effectConcurrency, lockDurationMs: config.effectLockMs, classify: classifyGraphFailure, autorun: false });
    void layoutReady.then(() => {
      if (closing) return;
      watchdog ??= startWatchdog(makeRepairStuckRequests(workflow, config.watchdog.stuckAfterMs / 60_000), config.watchdog.everyMs, log);
      indexSweep ??= startIndexSweep(reindex, config.watchdog.reindexEveryMs, log);
      worker.run().catch((error: unknown) => log.warn(errorFields(error), 'effect worker stopped'));
    });
    return worker;
  };
  const startRelay = () => void layoutReady.then(() => closing || relay.start());
  const close = async () => {
    closing = true;
    stopWatching();
    await relay.stop();
    await watchdog?.stop();
    await indexSweep?.stop();
    await effects.close();
    await redis.quit().catch(() => redis.disconnect());
  };
  return { log, redis, layoutReady, startRelay, directory, clock, ids, preferences, presentations, memory, trackedCards, sender, sdk, notifier, effects, relay, outbox, intake, workflow, audit, requests, reindex, startWorker, close };
}

export type Services = ReturnType<typeof composeServices>;
