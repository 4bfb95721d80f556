import { setTimeout as sleep } from 'node:timers/promises';
import { Verb } from '../../../cards/verbs.js';
import { SUPERVISOR, WORKER, actionTitles, cardOf, invokeAnswer, submission, teamsActivity, texts, type Card, type TestUser } from '../../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../../support/forms.js';
import type { CapturedActivity, LoopbackConnector } from '../../support/loopback-connector.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../../support/people.js';

/** How the ids of the driver's activities begin: the bot's answers within those turns reply to them. */
const DRIVER_ACTIVITY = 'fault-';

/** A post or update the bot made on its own, not as an answer within a turn of the driver's. */
export const proactive = (post: Pick<CapturedActivity, 'method' | 'activityId'>): boolean => post.method === 'PUT' || !post.activityId?.startsWith(DRIVER_ACTIVITY);

/**
 * What the bot says when the person should click again: an outage or a moment's contention. A form
 * comes back as a card with the text kept and this in its banner, so a card's lines count too.
 */
const TRY_AGAIN = /yritä hetken kuluttua uudelleen/i;
const asksToTryAgain = (answer: Card | string): boolean => (typeof answer === 'string' ? [answer] : texts(answer)).some((line) => TRY_AGAIN.test(line));

/** How the clicks of a fault run went, beyond the cards: 5xx answers and clicks a person had to repeat. */
export interface ClickRecord {
  fiveHundreds: number;
  repeats: number;
}

/** How a click was answered in the end, after any repeats: the replacing card's first line, or the message. */
export interface ClickAnswer {
  readonly user: TestUser;
  readonly verb: string;
  readonly answer: string;
  readonly repeated: boolean;
}

/**
 * People clicking in Teams, as they would during faults: a click that times out, fails to connect
 * or is answered "try again" is clicked again after a moment, until the bot answers something else.
 * `url` is read on each click, so a bot process restarted on another port is reached.
 */
export class PeopleDriver {
  readonly record: ClickRecord = { fiveHundreds: 0, repeats: 0 };
  /** Every click's final answer in order, for a fault run to hold against its baseline's. */
  readonly answers: ClickAnswer[] = [];
  private sequence = 0;

  constructor(
    private readonly botUrl: () => string,
    private readonly connector: LoopbackConnector,
    private readonly patienceMs = 120_000,
  ) {}

  private activity(user: TestUser, fields: Record<string, unknown>): Record<string, unknown> {
    return teamsActivity(this.connector.url, user, fields, 'fi-FI', `${DRIVER_ACTIVITY}${++this.sequence}-${Date.now()}`);
  }

  /** Posts until answered 200 with something other than "try again"; returns the answer's body. */
  private async post(build: () => Record<string, unknown>): Promise<unknown> {
    const deadline = Date.now() + this.patienceMs;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        this.record.repeats++;
        await sleep(250);
      }
      if (Date.now() > deadline) throw new Error('the bot never answered the click');
      let response: Response;
      try {
        response = await fetch(`${this.botUrl()}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(build()),
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        continue;
      }
      if (response.status >= 500) this.record.fiveHundreds++;
      if (response.status !== 200) continue;
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      const answer = body === undefined ? undefined : invokeAnswer(body);
      if (answer !== undefined && asksToTryAgain(answer)) continue;
      return body;
    }
  }

  /** A message in the person's chat; the same activity id on every try, as Teams redelivers. */
  async say(user: TestUser, text: string): Promise<void> {
    const activity = this.activity(user, { type: 'message', text });
    await this.post(() => activity);
  }

  async click(user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card | string> {
    const repeatsBefore = this.record.repeats;
    const answer = invokeAnswer(await this.post(() => this.activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } })));
    this.answers.push({ user, verb, answer: typeof answer === 'string' ? answer : (texts(answer)[0] ?? ''), repeated: this.record.repeats > repeatsBefore });
    return answer;
  }

  /** The worker opens a form and sends it; the supervisor approves. Answers the request id. */
  async sendAndApprove(collaborationUnitIds = 'lastenpsykiatria,terveysasemat'): Promise<string> {
    const form = await this.click(WORKER, Verb.newRequest, {});
    if (typeof form === 'string') throw new Error(`no form: ${form}`);
    const data = submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds });
    await this.click(WORKER, Verb.submitRequest, data);
    const requestId = String(data.requestId);
    await this.click(SUPERVISOR, Verb.approve, { requestId });
    return requestId;
  }

  async acknowledgeAndName(requestId: string, processingDate: string): Promise<void> {
    for (const [lead, unitId, worker] of RECEIVING) {
      await this.click(lead, Verb.acknowledge, { requestId, unitId, processingDate });
      await this.click(lead, Verb.nameWorker, { requestId, unitId, workerId: worker.aadObjectId });
    }
  }
}

const RECEIVING = [
  [PSYCHIATRY_LEAD, 'lastenpsykiatria', PSYCHIATRY_MEMBER],
  [HEALTH_LEAD, 'terveysasemat', HEALTH_MEMBER],
] as const;

/**
 * The new cards each person received (updates in place are not new cards), as their first lines,
 * with each request's reference replaced by its flow's number so two runs compare.
 */
export function receivedCards(connector: LoopbackConnector, people: readonly TestUser[], references: ReadonlyMap<string, string>): Map<string, string[]> {
  const byConversation = new Map(people.map((p) => [`a:personal-${p.aadObjectId}`, p.name]));
  const cards = new Map<string, string[]>(people.map((p) => [p.name, []]));
  for (const sent of connector.captured) {
    if (sent.method !== 'POST') continue;
    const name = byConversation.get(sent.conversationId) ?? sent.conversationId;
    const card = cardOf(sent.activity);
    let line = withoutRunDates(card ? (texts(card)[0] ?? '') : String(sent.activity.text ?? ''));
    for (const [reference, flow] of references) line = line.replaceAll(reference, flow);
    if (!cards.has(name)) cards.set(name, []);
    cards.get(name)!.push(line);
  }
  for (const list of cards.values()) list.sort();
  return cards;
}

/**
 * What each person's chat took, in order: when, how (a post and its id, or an update of which
 * card) and the card's first line, flows numbered as in {@link receivedCards}. For tracing a
 * repeat nothing explains.
 */
export function receivedTimeline(connector: LoopbackConnector, people: readonly TestUser[], references: ReadonlyMap<string, string>): Map<string, string[]> {
  const byConversation = new Map(people.map((p) => [`a:personal-${p.aadObjectId}`, p.name]));
  const timeline = new Map<string, string[]>();
  for (const sent of connector.captured) {
    const name = byConversation.get(sent.conversationId) ?? sent.conversationId;
    const card = cardOf(sent.activity);
    let line = card ? (texts(card)[0] ?? '') : String(sent.activity.text ?? '');
    for (const [reference, flow] of references) line = line.replaceAll(reference, flow);
    const how = sent.method === 'POST' ? `POST ${sent.postedId ?? ''}${sent.activityId ? ` reply to ${sent.activityId}` : ''}` : `PUT ${sent.activityId ?? ''}`;
    timeline.set(name, [...(timeline.get(name) ?? []), `${new Date(sent.at ?? 0).toISOString().slice(11, 23)} ${how}: ${line}`]);
  }
  return timeline;
}

/**
 * Each card as it stands in the end, its updates applied: per person, what it says and which
 * buttons it offers, with references replaced by flow numbers and times of day and the run's dates
 * by placeholders (a decision's time differs from run to run), so two runs compare.
 */
/** The county's date as cards write it (6.12.2026), for a day `daysAgo` before now. */
const countyDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(Date.now() - daysAgo * 86_400_000);

/**
 * Today's and yesterday's date as a placeholder: a decision is dated the day it was made, and a
 * baseline run before midnight in Helsinki and its fault run after it would otherwise differ. The
 * meeting dates a card offers lie days ahead and stay.
 */
function withoutRunDates(shown: string): string {
  return [countyDay(0), countyDay(1)].reduce((text, day) => text.replace(new RegExp(`(?<![\\d.])${day.replaceAll('.', '\\.')}(?![\\d])`, 'g'), 'd.m.yyyy'), shown);
}

export function finalCards(connector: LoopbackConnector, people: readonly TestUser[], references: ReadonlyMap<string, string>): Map<string, string[]> {
  const byConversation = new Map(people.map((p) => [`a:personal-${p.aadObjectId}`, p.name]));
  const latest = new Map<string, CapturedActivity>();
  for (const sent of connector.captured) {
    if (sent.method === 'POST' && sent.postedId) latest.set(sent.postedId, sent);
    if (sent.method === 'PUT' && sent.activityId && latest.has(sent.activityId)) latest.set(sent.activityId, sent);
  }
  const cards = new Map<string, string[]>(people.map((p) => [p.name, []]));
  for (const sent of latest.values()) {
    const card = cardOf(sent.activity);
    if (!card) continue;
    const name = byConversation.get(sent.conversationId) ?? sent.conversationId;
    let shown = withoutRunDates([...texts(card), ...actionTitles(card).map((title) => `[${title}]`)].join(' | ').replace(/\bklo \d{1,2}\.\d{2}\b/g, 'klo hh.mm'));
    for (const [reference, flow] of references) shown = shown.replaceAll(reference, flow);
    if (!cards.has(name)) cards.set(name, []);
    cards.get(name)!.push(shown);
  }
  for (const list of cards.values()) list.sort();
  return cards;
}

export interface Comparison {
  readonly lost: number;
  readonly duplicated: number;
  readonly differences: string[];
}

/** Each person's cards in a fault run against the fault-free run of the same flows. */
export function compareCards(expected: Map<string, string[]>, actual: Map<string, string[]>): Comparison {
  let lost = 0;
  let duplicated = 0;
  const differences: string[] = [];
  for (const name of new Set([...expected.keys(), ...actual.keys()])) {
    const want = count(expected.get(name) ?? []);
    const got = count(actual.get(name) ?? []);
    for (const line of new Set([...want.keys(), ...got.keys()])) {
      const delta = (got.get(line) ?? 0) - (want.get(line) ?? 0);
      if (delta < 0) lost -= delta;
      if (delta > 0) duplicated += delta;
      if (delta !== 0) differences.push(`${name}: ${delta > 0 ? '+' : ''}${delta} × ${line}`);
    }
  }
  return { lost, duplicated, differences };
}

function count(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** One row of the fault table, as README "Reliability and security" shows it. */
export interface FaultRow {
  readonly fault: string;
  readonly injected: number;
  readonly flows: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Cards sent again because Teams took them in the moment a process was killed, before the ledger could record them. */
  readonly resentAsDied: number;
  readonly wrongState: number;
  readonly fiveHundreds: number;
  readonly repeats: number;
}

export const FAULT_TABLE_HEADER =
  '| fault | injected | flows | lost | duplicated | wrong or transitional state | 5xx | clicks repeated after "try again" | sent again: taken by Teams as the process died |\n|---|---|---|---|---|---|---|---|---|';

export const faultTableRow = (r: FaultRow): string =>
  `| ${r.fault} | ${r.injected} | ${r.flows} | ${r.lost} | ${r.duplicated} | ${r.wrongState} | ${r.fiveHundreds} | ${r.repeats} | ${r.resentAsDied} |`;

export function faultTable(rows: readonly FaultRow[]): string {
  return [FAULT_TABLE_HEADER, ...rows.map(faultTableRow)].join('\n');
}
