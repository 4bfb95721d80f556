import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from 'node:http';
import type { DestinationStream, Logger } from 'pino';
import type { Redis } from 'ioredis';
import { makeCloseCase, makeReconvene } from './app/follow-up/closing.js';
import { makeGiveFeedback, makeOpenFeedback } from './app/follow-up/feedback.js';
import { makeOpenMeetingRecord, makeRecordOutcome } from './app/follow-up/meeting-record.js';
import { makeDeleteDraft } from './app/intake/delete-draft.js';
import { makeUnitReport } from './app/reporting/unit-report.js';
import { makeMetricsView } from './app/reporting/metrics-view.js';
import type { IntakeDeps } from './app/intake/intake-deps.js';
import { makeListMyRequests } from './app/intake/list-my-requests.js';
import { makeOpenRequest } from './app/intake/open-request.js';
import { makeSaveDraft } from './app/intake/save-draft.js';
import { makeSubmitRequest } from './app/intake/submit-request.js';
import type { Clock } from './app/ports.js';
import { makeAcknowledgeRequest, makeNameWorker } from './app/routing/receiving-decisions.js';
import { makeLinkChannel, makeUnlinkChannel } from './app/routing/link-channel.js';
import type { RoutingDeps } from './app/routing/routing-deps.js';
import {
  makeAskNewTimes,
  makeAskOtherProposals,
  makeAskWholeSlot,
  makeCancelMeeting,
  makeChooseMeetingSlot,
  makeRescheduleMeeting,
} from './app/routing/booking.js';
import { runEffect } from './app/routing/effects.js';
import type { Scheduling } from './app/routing/scheduling.js';
import { makeSendStandingSeries } from './app/routing/standing-series.js';
import { makePauseReminders } from './app/routing/pause-reminders.js';
import { DEFAULT_LOCALE } from './domain/locale.js';
import { finnishHolidays } from './domain/slots/calendar-days.js';
import { SlotFinder } from './domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from './domain/slots/yhteistyoaika-series.js';
import { createGraphCalendarGateway } from './graph/graph-calendar-gateway.js';
import { translator } from './i18n/translator.js';
import { RedisFeedbackStore } from './store/redis-feedback-store.js';
import { RedisLinkUses } from './store/redis-link-uses.js';
import { RedisMessageLedger } from './store/redis-message-ledger.js';
import { RedisReminderPauses } from './store/redis-reminder-pauses.js';
import { RedisSlotReservations } from './store/redis-slot-reservations.js';
import { makeDecideProposal, makeProposeUnit } from './app/routing/unit-proposals.js';
import { makeListWaitingFor, makeViewRequest } from './app/routing/view-request.js';
import { makeApproveRequest, makeReturnRequest, makeWithdrawRequest } from './app/routing/supervisor-decisions.js';
import { FollowUpController } from './bot/follow-up-controller.js';
import { ReportController } from './bot/report-controller.js';
import { IntakeController } from './bot/intake-controller.js';
import { createBotAdapter, createMessageEndpoint } from './bot/message-endpoint.js';
import { ProactiveSender } from './bot/proactive-sender.js';
import { RoutingController } from './bot/routing-controller.js';
import { YhteistyoTeamsBot } from './bot/teams-bot.js';
import { TeamsNotifier } from './bot/teams-notifier.js';
import { ConfigError, loadConfig, type AppConfig } from './config/env.js';
import { createLogger } from './config/logger.js';
import { loadQuestionnaire } from './config/questionnaire-file.js';
import { FileDirectoryProvider } from './config/unit-directory-file.js';
import { reportDownloads } from './http/report-download.js';
import { ReportLinks } from './http/report-links.js';
import { noticePages } from './http/notice-pages.js';
import { createHttpApp } from './http/server.js';
import { createMetricsTab } from './http/metrics-tab.js';
import { teamsSsoVerifier } from './http/teams-sso.js';
import { BullEffectQueue, startEffectWorker } from './jobs/bull-effect-queue.js';
import { MovableClock } from './jobs/movable-clock.js';
import { DescriptionCipher } from './store/description-cipher.js';
import { RedisActivityDeduplicator } from './store/redis-activity-deduplicator.js';
import { RedisRateLimiter } from './store/redis-rate-limiter.js';
import { RedisAuditLog } from './store/redis-audit-log.js';
import { RedisBotMemory } from './store/redis-bot-memory.js';
import { RedisChannelLinks } from './store/redis-channel-links.js';
import { connectRedis, redisReady } from './store/redis-connection.js';
import { RedisReferenceSequence } from './store/redis-reference-sequence.js';
import { RedisRequestLocks } from './store/redis-request-locks.js';
import { RedisRequestRepository } from './store/redis-request-repository.js';
import { RedisUserPreferences } from './store/redis-user-preferences.js';

export interface ComposeOptions {
  readonly clock?: Clock;
  readonly logDestination?: DestinationStream;
  /** Where the metrics tab's browser bundle is; `npm run build:tab` writes it to dist/tab. */
  readonly tabAssetsDir?: string;
}

export interface ComposedBot {
  readonly app: ReturnType<typeof createHttpApp>;
  readonly redis: Redis;
  readonly log: Logger;
  /** Resolves true once Redis answers, false after the timeout. */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Local runs: moves the clock forward and brings scheduled jobs forward with it. */
  readonly moveClock?: ((ms: number) => Promise<Date>) | undefined;
  /** A stopping process: readiness fails, so the load balancer sends no new activities. */
  stopTakingTraffic(): void;
  /** Resolves once every effect queued so far has run (tests, graceful stops). */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const errorFields = (error: unknown) => ({ err: { name: (error as Error).name, message: (error as Error).message } });

/** Booking needs Microsoft Graph; without its credentials requests are routed and no meeting is booked. */
function schedulingOf(config: AppConfig, redis: Redis): Scheduling | undefined {
  if (!config.graph) return undefined;
  const t = translator(DEFAULT_LOCALE);
  const { anchor, leadWorkingDays, blackouts, organizerMailbox } = config.yhteistyoaika;
  const series = { ...DEFAULT_SERIES, anchor };
  return {
    calendar: createGraphCalendarGateway(config.graph),
    reservations: new RedisSlotReservations(redis, config.redisKeyPrefix),
    finder: new SlotFinder(series, finnishHolidays, blackouts),
    series,
    seriesTexts: { subject: t('meeting.seriesSubject'), body: t('meeting.seriesBody') },
    leadWorkingDays,
    organizerMailbox,
    proposals: 3,
    eventTexts: (reference) => ({
      subject: t('meeting.subject', { reference }),
      body: t('meeting.body', { reference }),
      cancelComment: t('meeting.cancelComment', { reference }),
    }),
  };
}

/** Everything the bot and the effect worker share: stores, directory, notifier and use-case dependencies. */
function composeServices(config: AppConfig, options: ComposeOptions) {
  const log = createLogger(config.logLevel, options.logDestination);
  const redis = connectRedis(config.redisUrl);
  redis.on('error', (error) => log.warn(errorFields(error), 'redis connection problem'));
  const prefix = config.redisKeyPrefix;
  const directory = new FileDirectoryProvider(config.unitDirectoryFile, (error) =>
    log.error(errorFields(error), 'unit directory edit rejected; the previous directory stays in use'),
  );
  const stopWatching = directory.watch();
  // Local runs may move time forward to see reminders and meeting days; production never can.
  const clock = options.clock ?? (config.localMode && config.nodeEnv !== 'production' ? new MovableClock() : { now: () => new Date() });
  const ids = { requestId: () => randomBytes(16).toString('base64url') };
  const preferences = new RedisUserPreferences(redis, prefix);
  const memory = new RedisBotMemory(redis, prefix);
  const channelLinks = new RedisChannelLinks(redis, prefix);
  const adapter = createBotAdapter(config.bot, log);
  const questionnaire = loadQuestionnaire(config.followUp.questionsFile);
  const notifier = new TeamsNotifier(new ProactiveSender(adapter, config.bot.appId ?? '', config.bot.serviceUrlHosts), memory, channelLinks, preferences, directory, clock, log, questionnaire);
  const cipher = new DescriptionCipher(config.encryptionKeys);
  const requests = new RedisRequestRepository(redis, prefix, cipher);
  const audit = new RedisAuditLog(redis, prefix);
  const locks = new RedisRequestLocks(redis, prefix);
  const queuePrefix = `${prefix}bull`;
  const effects = new BullEffectQueue(config.redisUrl, queuePrefix, log);
  const intake: IntakeDeps = { requests, references: new RedisReferenceSequence(redis, prefix), audit, clock, ids, directory, locks, effects };
  const routing: RoutingDeps = {
    requests,
    audit,
    clock,
    directory,
    locks,
    notifier,
    channelLinks,
    effects,
    scheduling: schedulingOf(config, redis),
    reminders: {
      workingDays: config.reminderWorkingDays,
      ledger: new RedisMessageLedger(redis, prefix),
      pauses: new RedisReminderPauses(redis, prefix),
    },
    followUp: {
      feedback: new RedisFeedbackStore(redis, prefix, cipher, config.encryptionKeys),
      questionnaire,
      feedbackTime: config.followUp.feedbackTime,
      retentionDays: config.followUp.retentionDays,
    },
  };
  const startWorker = () => startEffectWorker(config.redisUrl, queuePrefix, (effect) => runEffect(routing, effect), log, config.effectLockMs);
  const close = async () => {
    stopWatching();
    await effects.close();
    await redis.quit().catch(() => redis.disconnect());
  };
  return { log, redis, directory, clock, ids, preferences, memory, adapter, notifier, effects, intake, routing, startWorker, close };
}

/** The effect worker on its own (`npm run worker`), for running fan-out apart from the bot. */
export function composeEffectWorker(config: AppConfig): { log: Logger; ready(): Promise<boolean>; close(): Promise<void> } {
  const services = composeServices(config, {});
  const worker = services.startWorker();
  return {
    log: services.log,
    ready: async () => (await services.redis.ping()) === 'PONG' && worker.isRunning(),
    close: async () => {
      await closeWorker(worker, services.redis.status === 'ready');
      await services.close();
    },
  };
}

/** The composition root: the one place that wires adapters to use cases. */
export function composeBot(config: AppConfig, options: ComposeOptions = {}): ComposedBot {
  const { log, redis, directory, clock, ids, preferences, memory, adapter, notifier, effects, intake, routing, startWorker, close } = composeServices(config, options);
  const worker = config.effectWorker === 'embedded' ? startWorker() : undefined;
  const intakeController = new IntakeController({
    saveDraft: makeSaveDraft(intake),
    submitRequest: makeSubmitRequest(intake),
    openRequest: makeOpenRequest(intake),
    deleteDraft: makeDeleteDraft(intake),
    listMyRequests: makeListMyRequests(intake),
    listWaitingFor: makeListWaitingFor(routing),
    preferences,
    directory,
    clock,
    ids,
    reportFailure: (error, verb) => log.error({ ...errorFields(error), verb }, 'action failed'),
  });
  const routingController = new RoutingController({
    approveRequest: makeApproveRequest(routing),
    returnRequest: makeReturnRequest(routing),
    withdrawRequest: makeWithdrawRequest(routing),
    acknowledgeRequest: makeAcknowledgeRequest(routing),
    nameWorker: makeNameWorker(routing),
    viewRequest: makeViewRequest(routing),
    proposeUnit: makeProposeUnit(routing),
    decideProposal: makeDecideProposal(routing),
    chooseSlot: makeChooseMeetingSlot(routing),
    rescheduleMeeting: makeRescheduleMeeting(routing),
    cancelMeeting: makeCancelMeeting(routing),
    askNewTimes: makeAskNewTimes(routing),
    askOtherProposals: makeAskOtherProposals(routing),
    askWholeSlot: makeAskWholeSlot(routing),
    sendStandingSeries: makeSendStandingSeries(routing),
    pauseReminders: makePauseReminders(routing),
    linkChannel: makeLinkChannel(routing),
    unlinkChannel: makeUnlinkChannel(routing),
    directory,
    clock,
  });
  const followUpController = new FollowUpController({
    openMeetingRecord: makeOpenMeetingRecord(routing),
    recordOutcome: makeRecordOutcome(routing),
    reconvene: makeReconvene(routing),
    closeCase: makeCloseCase(routing),
    openFeedback: makeOpenFeedback(routing),
    giveFeedback: makeGiveFeedback(routing),
    questionnaire: routing.followUp.questionnaire,
    clock,
  });
  const moveClock =
    clock instanceof MovableClock && config.localMode
      ? async (ms: number) => {
          clock.moveForward(ms);
          await effects.bringForward(ms);
          return clock.now();
        }
      : undefined;
  const reportLinks = new ReportLinks(config.encryptionKeys[0]!.key, config.publicBaseUrl, clock);
  const reports = new ReportController({
    unitReport: makeUnitReport({ requests: routing.requests, feedback: routing.followUp.feedback, questionnaire: routing.followUp.questionnaire, directory, clock }),
    csvLink: (holder) => reportLinks.linkFor(holder),
    directory,
  });
  const tab = createMetricsTab({
    metricsView: makeMetricsView({ requests: routing.requests, feedback: routing.followUp.feedback, questionnaire: routing.followUp.questionnaire, directory }),
    directory,
    clock,
    verifyToken: config.tabSso && teamsSsoVerifier({ ...config.tabSso, publicBaseUrl: config.publicBaseUrl }),
    devSignIn: config.localMode,
    assetsDir: options.tabAssetsDir ?? 'dist/tab',
    log,
  });
  const rateLimiter = (name: string, points: number) =>
    new RedisRateLimiter(redis, config.redisKeyPrefix, name, { points, windowSeconds: config.rateLimits.windowSeconds }, (error) =>
      log.warn({ ...errorFields(error), limit: name }, 'rate limit unavailable; letting the activity through'),
    );
  const bot = new YhteistyoTeamsBot({
    intake: intakeController,
    routing: routingController,
    followUp: followUpController,
    reports,
    notifier,
    memory,
    deduplicator: new RedisActivityDeduplicator(redis, config.redisKeyPrefix),
    userLimit: rateLimiter('user', config.rateLimits.perUser),
    serviceUrlHosts: config.bot.serviceUrlHosts,
    directory,
    log,
    moveClock,
  });
  const endpoint = createMessageEndpoint(adapter, bot, {
    localMode: config.localMode,
    policy: { authenticate: !config.localMode, tenantId: config.bot.tenantId, serviceUrlHosts: config.bot.serviceUrlHosts },
    log,
  });
  const ipLimit = rateLimiter('ip', config.rateLimits.perIp);
  let stopping = false;
  const app = createHttpApp(
    {
      messages: (req, res, next) => endpoint(req, res).catch(next),
      ready: async () => !stopping && (await redis.ping()) === 'PONG',
      reports: reportDownloads({ links: reportLinks, uses: new RedisLinkUses(redis, config.redisKeyPrefix), clock, csv: (holder) => reports.csv(holder.userId, holder.locale), log }),
      tab,
      notices: noticePages(config.followUp.retentionDays),
      admitAddress: async (address) => {
        const admission = await ipLimit.take(address);
        return admission.allowed ? undefined : Math.ceil(admission.retryAfterMs / 1000);
      },
    },
    log,
    { trustProxyHops: config.trustProxyHops },
  );
  return {
    app,
    redis,
    log,
    ready: (timeoutMs = 5000) => redisReady(redis, timeoutMs),
    moveClock,
    settled: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await effects.idle())) {
        if (Date.now() > deadline) throw new Error('effects did not settle');
        await sleep(10);
      }
    },
    stopTakingTraffic: () => {
      stopping = true;
    },
    close: async () => {
      if (worker) await closeWorker(worker, redis.status === 'ready');
      await close();
    },
  };
}

/** How long a stopping process waits for activities and jobs in flight before it lets go of them. */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * A job still running finishes first; one that does not within the grace period is left to
 * BullMQ, which gives it to another worker once its lock lapses. Forcing also frees a worker
 * still waiting for a Redis that is down.
 */
async function closeWorker(worker: { close(force?: boolean): Promise<void> }, redisUp: boolean): Promise<void> {
  if (!redisUp) {
    await worker.close(true);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const graceful = worker.close().then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS);
  });
  const finished = await Promise.race([graceful, late]);
  clearTimeout(timer);
  if (!finished) await worker.close(true);
}

async function start(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const bot = composeBot(config);
  if (!(await bot.ready())) bot.log.warn({}, 'Redis does not answer yet; serving, and users are asked to try again');
  if (config.localMode) bot.log.warn({}, 'local mode: MicrosoftAppId is empty, inbound authentication is off');
  const server: Server = bot.app.listen({ port: config.port, host: config.bindAddress }, () => bot.log.info({ port: config.port, address: config.bindAddress }, 'Yhteistyöbotti listening'));
  const stop = () => {
    bot.log.info({}, 'shutting down: finishing the activities in flight');
    bot.stopTakingTraffic();
    // New connections are refused; requests in flight are answered before the server closes.
    server.close(() => void bot.close().then(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) void start();
