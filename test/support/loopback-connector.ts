import express, { type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RosterMember {
  readonly aadObjectId: string;
  readonly name: string;
}

export interface CapturedActivity {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  readonly activityId?: string | undefined;
  readonly activity: Record<string, unknown>;
  /** The id the connector answered a post with: what later updates of that card name. */
  readonly postedId?: string | undefined;
  /** When the connector took it (ms since the epoch). */
  readonly at?: number | undefined;
}

/**
 * A Bot Connector on loopback: it accepts what the bot sends to the activity's serviceUrl
 * (replies, proactive messages, updates) and keeps it for the test to inspect.
 */
export class LoopbackConnector {
  readonly captured: CapturedActivity[] = [];
  private server?: Server;
  private counter = 0;
  private readonly failures = new Map<string, number[]>();
  private readonly retryAfter = new Map<string, number>();
  private refuseRule?: (post: CapturedActivity) => readonly number[] | undefined;
  /** What the messages being refused get on their next tries; spent, the next try goes through. */
  private readonly bursts = new Map<string, number[]>();
  /** Every request the connector answered, failures included, in order. */
  readonly attempts: { conversationId: string; status: number; at: number }[] = [];

  /** TCP connections senders opened to the connector: with keep-alive, far fewer than the requests. */
  connections = 0;

  /** Posts the connector received and never answered: the sender still waits, nothing was delivered. */
  readonly held: CapturedActivity[] = [];
  private holdRule?: (post: CapturedActivity, nth: number) => boolean;
  private readonly postsTo = new Map<string, number>();
  private readonly heldResponses: Response[] = [];
  private slowRule?: (post: CapturedActivity) => boolean;
  private slowMs = 0;
  private readonly rosters = new Map<string, readonly RosterMember[]>();
  /** Conversations whose members the bot asked for, in order. */
  readonly rosterReads: string[] = [];

  /** The members a conversation's roster answers with; a conversation never told of answers 404, as a connector that will not list them. */
  membersOf(conversationId: string, members: readonly RosterMember[]): void {
    this.rosters.set(conversationId, members);
  }

  /**
   * Leaves the posts (and card updates) the rule picks unanswered, as a connector that hangs would;
   * `nth` counts the requests to that conversation from 1, held ones included. A held post is kept
   * in `held`, never in `captured`.
   */
  holdWhen(rule: (post: CapturedActivity, nth: number) => boolean): void {
    this.holdRule = rule;
  }

  /** Answers the posts and updates the rule picks only after `ms`, as a slow Bot Connector does. */
  slowWhen(rule: (post: CapturedActivity) => boolean, ms: number): void {
    this.slowRule = rule;
    this.slowMs = ms;
  }

  /**
   * The next requests to a conversation answer these statuses (429, 403 …) before succeeding again,
   * each asking to be retried after `retryAfterSeconds`.
   */
  failNext(conversationId: string, statuses: number[], retryAfterSeconds = 0): void {
    this.failures.set(conversationId, [...statuses]);
    this.retryAfter.set(conversationId, retryAfterSeconds);
  }

  /**
   * Refuses the posts and updates the rule picks, before taking them, as a throttling or failing
   * Bot Connector does: the rule answers the statuses the message's tries get one after another,
   * and once they are spent its next try goes through without asking the rule again, so a burst is
   * as long as the rule says and no longer. A refused message is never captured. No rule refuses none.
   */
  refuseWhen(rule?: (post: CapturedActivity) => readonly number[] | undefined): void {
    this.refuseRule = rule;
    this.bursts.clear();
  }

  private injected(conversationId: string, post: CapturedActivity | undefined): number | undefined {
    const status = this.failures.get(conversationId)?.shift() ?? (post && this.refusal(post));
    this.attempts.push({ conversationId, status: status ?? 200, at: Date.now() });
    return status;
  }

  private refusal(post: CapturedActivity): number | undefined {
    if (!this.refuseRule) return undefined;
    // A sender's retry and a job's rerun send the same card again, a proactive post as the reply to
    // a turn of its own with a fresh id each time: the card (and the one it updates) is what a burst follows.
    const updated = post.method === 'PUT' ? post.activityId : undefined;
    const message = JSON.stringify([post.method, post.conversationId, updated, post.activity.attachments ?? post.activity.text]);
    const burst = this.bursts.get(message) ?? [...(this.refuseRule(post) ?? [])];
    const status = burst.shift();
    if (status === undefined) this.bursts.delete(message);
    else this.bursts.set(message, burst);
    return status;
  }

  async start(): Promise<string> {
    const app = express();
    app.use(express.json({ limit: '2mb' }));
    const holdOrSlow = (method: 'POST' | 'PUT'): express.RequestHandler<{ conversationId: string; activityId?: string }> => (req, res, next) => {
      const post: CapturedActivity = { method, conversationId: req.params.conversationId, activityId: req.params.activityId, activity: req.body };
      const nth = (this.postsTo.get(post.conversationId) ?? 0) + 1;
      this.postsTo.set(post.conversationId, nth);
      res.locals.post = post;
      if (this.holdRule?.(post, nth)) {
        this.held.push(post);
        this.heldResponses.push(res);
      } else if (this.slowRule?.(post)) setTimeout(next, this.slowMs);
      else next();
    };
    // Before the injected failures: those are meant for posts and updates, whose retries tests count.
    app.get('/v3/conversations/:conversationId/pagedmembers', (req, res) => {
      this.rosterReads.push(req.params.conversationId);
      const members = this.rosters.get(req.params.conversationId);
      if (!members) return void res.status(404).json({ error: { code: 'NotFound', message: 'no roster told to the loopback connector' } });
      res.status(200).json({ members: members.map((m) => ({ id: `29:${m.aadObjectId}`, name: m.name, aadObjectId: m.aadObjectId, userRole: 'user' })) });
    });
    app.post('/v3/conversations/:conversationId/activities{/:activityId}', holdOrSlow('POST'));
    app.put('/v3/conversations/:conversationId/activities/:activityId', holdOrSlow('PUT'));
    app.use('/v3/conversations/:conversationId', (req, res, next) => {
      const status = this.injected(req.params.conversationId, res.locals.post as CapturedActivity | undefined);
      if (status === undefined) return next();
      res.setHeader('Retry-After', String(this.retryAfter.get(req.params.conversationId) ?? 0));
      res.status(status).json({ error: { code: status === 403 ? 'BotNotInConversationRoster' : 'Throttled', message: 'injected by the test' } });
    });
    app.post('/v3/conversations/:conversationId/activities{/:activityId}', (req, res) => {
      const postedId = `sent-${++this.counter}`;
      this.captured.push({ method: 'POST', conversationId: req.params.conversationId, activityId: req.params.activityId, activity: req.body, postedId, at: Date.now() });
      res.status(200).json({ id: postedId });
    });
    app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
      this.captured.push({ method: 'PUT', conversationId: req.params.conversationId, activityId: req.params.activityId, activity: req.body, at: Date.now() });
      res.status(200).json({ id: req.params.activityId });
    });
    app.use((_req, res) => res.status(404).json({ error: { code: 'NotFound', message: 'not in the loopback connector' } }));
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
      this.server.on('connection', () => this.connections++);
    });
    return this.url;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  clear(): void {
    this.captured.length = 0;
  }

  async stop(): Promise<void> {
    // A held post of a live sender would otherwise keep the server from closing.
    for (const res of this.heldResponses) res.socket?.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
