import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Verb } from '../../cards/verbs.js';
import type { Clock } from '../../src/app/ports.js';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { SDK_UNDER_TEST } from './bot-sdk.js';
import { composeBot, type ComposedBot } from '../../src/compose/bot.js';
import { LoopbackConnector } from './loopback-connector.js';
import { deleteKeys, TEST_REDIS_URL } from './test-redis.js';

export const TENANT = '00000000-0000-4000-8000-00000000aaaa';

export interface TestUser {
  readonly aadObjectId: string;
  readonly name: string;
}

export const WORKER: TestUser = { aadObjectId: '00000000-0000-4000-8000-000000000101', name: 'Wilma Työntekijä' };
export const SUPERVISOR: TestUser = { aadObjectId: '00000000-0000-4000-8000-000000000201', name: 'Sanna Esihenkilö' };
export const OTHER_WORKER: TestUser = { aadObjectId: '00000000-0000-4000-8000-000000000111', name: 'Tiina Kallio' };
export const STRANGER: TestUser = { aadObjectId: '00000000-0000-4000-8000-00000000dead', name: 'Outi Ulkopuolinen' };

export const fixedClock = (iso: string): Clock & { set(iso: string): void } => {
  let now = new Date(iso);
  return { now: () => now, set: (next) => void (now = new Date(next)) };
};

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
}

export type Card = { body: unknown[]; actions?: unknown[] } & Record<string, unknown>;

/**
 * A real bot on an ephemeral port, real Redis under a key prefix of its own, a loopback
 * connector at the activities' serviceUrl, and every log line kept for inspection.
 */
export class BotHarness {
  readonly connector = new LoopbackConnector();
  readonly logLines: string[] = [];
  bot!: ComposedBot;
  private server!: Server;
  private sequence = 0;

  constructor(
    private readonly clock?: Clock,
    private readonly env: Record<string, string> = {},
    /** Wraps the bot's HTTP handler, e.g. to serve each request in an async context of its own (round-trips.ts). */
    private readonly serving: (handler: HttpHandler) => HttpHandler = (handler) => handler,
  ) {
    this.prefix = env.REDIS_KEY_PREFIX ?? `test:${randomUUID().slice(0, 8)}:`;
  }

  readonly prefix: string;

  async start(): Promise<this> {
    await this.connector.start();
    const config: AppConfig = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'debug',
      // A flow clicks faster than any person: the limits have tests of their own.
      RATE_LIMIT_PER_USER: '100000',
      RATE_LIMIT_PER_IP: '100000',
      BOT_SDK: SDK_UNDER_TEST,
      ...this.env,
      REDIS_KEY_PREFIX: this.prefix,
    });
    const logLines = this.logLines;
    const destination = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    this.bot = composeBot(config, { ...(this.clock ? { clock: this.clock } : {}), logDestination: destination });
    await this.bot.ready(2000);
    await new Promise<void>((resolve) => {
      this.server = createServer(this.serving(this.bot.app)).listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops everything; keeps the Redis keys when a later harness is to find them. */
  async stop(options: { keepKeys?: boolean } = {}): Promise<void> {
    if (!options.keepKeys) await this.deleteKeys().catch(() => undefined);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.bot.close();
    await this.connector.stop();
  }

  async deleteKeys(): Promise<void> {
    await deleteKeys(this.bot.redis, this.prefix);
  }

  conversationId(user: TestUser): string {
    return `a:personal-${user.aadObjectId}`;
  }

  activity(user: TestUser, fields: Record<string, unknown>, locale = 'fi-FI'): Record<string, unknown> {
    return teamsActivity(this.connector.url, user, fields, locale, `activity-${++this.sequence}-${randomUUID().slice(0, 6)}`);
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpReply> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    // What a click sets in motion runs as jobs; tests look at the world once they have run.
    if (this.bot.redis.status === 'ready') await this.bot.settled();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Sends a chat message and returns the card of the bot's reply. */
  async say(user: TestUser, text: string, locale?: string): Promise<Card> {
    const before = this.connector.captured.length;
    const reply = await this.post(this.activity(user, { type: 'message', text }, locale));
    if (reply.status !== 200) throw new Error(`message answered ${reply.status}`);
    const sent = this.connector.captured.slice(before);
    const card = cardOf(sent.at(-1)?.activity);
    if (!card) throw new Error('the bot sent no card');
    return card;
  }

  /** Clicks an Action.Execute button: the bot answers with the card that replaces it. */
  async execute(user: TestUser, verb: string, data: Record<string, unknown>, locale?: string): Promise<Card> {
    const answer = await this.click(user, verb, data, locale === undefined ? {} : { locale });
    if (typeof answer === 'string') throw new Error(`invoke answered with a message: ${answer}`);
    return answer;
  }

  /**
   * Clicks a button on a card, anywhere: `fields` may put the click in a channel and name the
   * clicked card (replyToId). Answers the replacing card, or the message text shown to the clicker.
   */
  async click(user: TestUser, verb: string, data: Record<string, unknown>, fields: Record<string, unknown> = {}): Promise<Card | string> {
    const { locale, ...rest } = fields as { locale?: string };
    const reply = await this.post(
      this.activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } }, ...rest }, locale),
    );
    if (reply.status !== 200) throw new Error(`invoke answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return invokeAnswer(reply.body);
  }

  /** What the bot sent into a conversation since the connector was last cleared. */
  sentTo(conversationId: string): { method: string; activityId?: string | undefined; activity: Record<string, unknown> }[] {
    return this.connector.captured.filter((c) => c.conversationId === conversationId);
  }

  /**
   * The card `user` last saw change in their chat: the latest card the bot posted or updated in
   * place there, one-line notes aside (every copy of a living card is updated alike).
   */
  currentCard(user: TestUser): Card {
    const last = this.sentTo(this.conversationId(user)).filter((s) => cardOf(s.activity) && !isNote(cardOf(s.activity))).at(-1);
    if (!last) throw new Error(`the bot sent no card to ${user.name}`);
    return cardOf(last.activity)!;
  }

  /** The one-line notes the bot added to `user`'s chat, as their text. */
  notesTo(user: TestUser): string[] {
    return this.sentTo(this.conversationId(user)).flatMap((s) => {
      const card = cardOf(s.activity);
      return s.method === 'POST' && isNote(card) ? [texts(card!)[0] ?? ''] : [];
    });
  }

  /** Opens a new request form. */
  newForm(user: TestUser, locale?: string): Promise<Card> {
    return this.execute(user, Verb.newRequest, {}, locale);
  }
}

/** A one-line note an event adds beside a case card updated in place: one text, one button that opens the case. */
export function isNote(card: Card | undefined): boolean {
  return card !== undefined && actionVerbs(card).length === 1 && actionVerbs(card)[0] === Verb.openCase && texts(card).length === 1;
}

/** An activity as Teams sends it from a person's chat with the bot, replies going to `serviceUrl`. */
export function teamsActivity(serviceUrl: string, user: TestUser, fields: Record<string, unknown>, locale = 'fi-FI', id: string = randomUUID()): Record<string, unknown> {
  return {
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' },
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...fields,
  };
}

/** What an Action.Execute click answers: the replacing card, or the message shown to the clicker. */
export function invokeAnswer(body: unknown): Card | string {
  const answer = body as { type: string; value: Card | string };
  return answer.type === 'application/vnd.microsoft.card.adaptive' ? (answer.value as Card) : String(answer.value);
}

export function cardOf(activity: Record<string, unknown> | undefined): Card | undefined {
  const attachments = (activity?.attachments ?? []) as { contentType: string; content: Card }[];
  return attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

export function inputs(card: Card): Map<string, Node> {
  const found = new Map<string, Node>();
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') found.set(n.id, n);
  });
  return found;
}

/** The values a user would submit if they clicked a button without typing: what the card shows. */
export function inputValues(card: Card): Record<string, string> {
  return Object.fromEntries([...inputs(card)].map(([id, n]) => [id, String(n.value ?? '')]));
}

export function actionData(card: Card, verb: string): Record<string, unknown> {
  let data: Record<string, unknown> | undefined;
  walk(card, (n) => {
    if (n.type === 'Action.Execute' && n.verb === verb && !data) data = (n.data ?? {}) as Record<string, unknown>;
  });
  if (!data) throw new Error(`no ${verb} action on the card`);
  return data;
}

export function actionVerbs(card: Card): string[] {
  const verbs: string[] = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.push(n.verb);
  });
  return verbs;
}

export function actionTitles(card: Card): string[] {
  const titles: string[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string') titles.push(n.title);
  });
  return titles;
}

export function texts(card: Card): string[] {
  const found: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') found.push(n.text);
    if (n.type === 'FactSet') for (const f of n.facts as { title: string; value: string }[]) found.push(`${f.title}: ${f.value}`);
  });
  return found;
}

/** What a click sends: the card's current input values, the user's edits and the action's data. */
export function submission(card: Card, verb: string, edits: Record<string, string> = {}): Record<string, unknown> {
  return { ...inputValues(card), ...edits, ...actionData(card, verb) };
}
