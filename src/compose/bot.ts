import { Router } from 'express';
import type { Logger } from 'pino';
import { makeReadAuditTrail } from '../app/audit/read-audit-trail.js';
import { makeListCaseload } from '../app/caseload/list-caseload.js';
import { makeMetricsView } from '../app/reporting/metrics-view.js';
import { makeUnitReport } from '../app/reporting/unit-report.js';
import { CommandRouter } from '../bot/command-router.js';
import { ConversationReferences } from '../bot/conversation-references.js';
import { createMessageEndpoint } from '../bot/message-endpoint.js';
import { AuditTrailController } from '../bot/audit-trail-controller.js';
import { ReportController } from '../bot/report-controller.js';
import { TeamsTurns } from '../bot/teams-turns.js';
import { TurnGuards } from '../bot/turn-guards.js';
import type { AppConfig } from '../config/env.js';
import { AuditLinks } from '../http/audit-links.js';
import { createAuditTab } from '../http/audit-tab.js';
import { createCaseloadTab } from '../http/caseload-tab.js';
import { createMetricsTab } from '../http/metrics-tab.js';
import { noticePages } from '../http/notice-pages.js';
import { reportDownloads } from '../http/report-download.js';
import { ReportLinks } from '../http/report-links.js';
import { createHttpApp } from '../http/server.js';
import { teamsSsoVerifier } from '../http/teams-sso.js';
import { RedisActivityDeduplicator } from '../store/redis-activity-deduplicator.js';
import { RedisLinkUses } from '../store/redis-link-uses.js';
import { redisReady, type RedisClient } from '../store/redis-connection.js';
import { RedisRateLimiter } from '../store/redis-rate-limiter.js';
import { composeControllers } from './controllers.js';
import { closeWorker } from './lifecycle.js';
import { clockMover, settledEffects } from './local-tools.js';
import { composeServices, errorFields, type ComposeOptions, type Services } from './services.js';

export type { ComposeOptions } from './services.js';

export interface ComposedBot {
  readonly app: ReturnType<typeof createHttpApp>;
  readonly redis: RedisClient;
  readonly log: Logger;
  /** Resolves true once Redis answers and its keys are in the current layout (key-layout-migration.ts), false after the timeout. */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Local runs: moves the clock forward and brings scheduled jobs forward with it. */
  readonly moveClock?: ((ms: number) => Promise<Date>) | undefined;
  /** A stopping process: readiness fails, so the load balancer sends no new activities. */
  stopTakingTraffic(): void;
  /** The data protection officer's "loki" in a personal chat: the router's to call (see AuditTrailController). */
  readonly auditTrail: AuditTrailController;
  /**
   * Files under the unit indexes and counts in the month figures the requests stored before them,
   * or changed by an older instance in a rolling deploy, and counts the feedback answers stored
   * before the figures; resolves to how many. Idempotent: `npm start` runs it each start.
   */
  reindexRequests(): Promise<number>;
  /** Resolves once every effect queued so far has run (tests, graceful stops). */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function composeReports(config: AppConfig, { workflow, directory, presentations, clock }: Services) {
  const sources = { requests: workflow.requests, feedback: workflow.followUp.feedback, questionnaire: workflow.followUp.questionnaire, directory };
  const links = new ReportLinks(config.encryptionKeys[0]!.key, config.publicBaseUrl, clock);
  const controller = new ReportController({ unitReport: makeUnitReport({ ...sources, clock }), csvLink: (holder) => links.linkFor(holder), presentations });
  return { links, controller, metricsView: makeMetricsView(sources) };
}

/** The data protection officer's audit trail: the chat's "loki", its CSV links and the tab's page. */
function composeAuditTrail(config: AppConfig, { workflow, audit, directory, clock }: Services) {
  const readAuditTrail = makeReadAuditTrail({ requests: workflow.requests, audit, trail: audit, directory, clock });
  const links = new AuditLinks(config.encryptionKeys[0]!.key, config.publicBaseUrl, clock);
  return { readAuditTrail, links, controller: new AuditTrailController({ readAuditTrail, csvLink: (holder) => links.linkFor(holder) }) };
}

/** False when `work` has not finished within `ms`; it goes on in the background. */
function withinTime(ms: number, work: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The composition root of the bot process: the one place that wires adapters to use cases. */
export function composeBot(config: AppConfig, options: ComposeOptions = {}): ComposedBot {
  const services = composeServices(config, options);
  const { log, redis, presentations, clock, memory, trackedCards, sdk, effects } = services;
  const worker = config.effectWorker === 'embedded' ? services.startWorker() : undefined;
  services.startRelay();
  const controllers = composeControllers(services);
  const moveClock = clockMover(clock, effects, config.localMode);
  const reports = composeReports(config, services);
  const auditTrail = composeAuditTrail(config, services);
  const signIn = {
    verifyToken: config.tabSso && teamsSsoVerifier({ ...config.tabSso, publicBaseUrl: config.publicBaseUrl }),
    devSignIn: config.localMode,
    log,
  };
  // The audit and caseload routes go first: the metrics tab answers every other /tab/api path with 404.
  const tab = Router()
    .use(createAuditTab({ ...signIn, readAuditTrail: auditTrail.readAuditTrail, links: auditTrail.links, directory: services.directory }))
    .use(createCaseloadTab({ ...signIn, listCaseload: makeListCaseload(services.workflow), directory: services.directory, botAppId: config.bot.appId ?? '' }))
    .use(createMetricsTab({ ...signIn, metricsView: reports.metricsView, presentations, clock, assetsDir: options.tabAssetsDir ?? 'dist/tab' }));
  const rateLimiter = (name: string, points: number) =>
    new RedisRateLimiter(redis, config.redisKeyPrefix, name, { points, windowSeconds: config.rateLimits.windowSeconds }, (error) =>
      log.warn({ ...errorFields(error), limit: name }, 'rate limit unavailable; letting the activity through'),
    );
  const turns = new TeamsTurns({
    router: new CommandRouter({ controllers: { ...controllers, reports: reports.controller, auditTrail: auditTrail.controller, moveClock }, presentations, log }),
    guards: new TurnGuards({
      deduplicator: new RedisActivityDeduplicator(redis, config.redisKeyPrefix),
      userLimit: rateLimiter('user', config.rateLimits.perUser),
      presentations,
      log,
    }),
    references: new ConversationReferences({ memory, cards: trackedCards, serviceUrlHosts: config.bot.serviceUrlHosts, log }),
    presentations,
    log,
  });
  const endpoint = createMessageEndpoint(sdk, turns, {
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
      reports: reportDownloads({
        links: reports.links,
        uses: new RedisLinkUses(redis, config.redisKeyPrefix),
        clock,
        csv: (holder) => reports.controller.csv(holder.userId, holder.locale),
        log,
      }),
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
    ready: (timeoutMs = 5000) => withinTime(timeoutMs, services.layoutReady.then(() => redisReady(redis, timeoutMs))),
    moveClock,
    auditTrail: auditTrail.controller,
    reindexRequests: () => services.layoutReady.then(() => services.reindex()),
    settled: settledEffects(effects, services.outbox),
    stopTakingTraffic: () => {
      stopping = true;
    },
    close: async () => {
      if (worker) await closeWorker(worker, redis.status === 'ready');
      await services.close();
    },
  };
}
