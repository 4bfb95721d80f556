import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Verb } from '../../../cards/verbs.js';
import { plusDays } from '../../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../../src/domain/time.js';
import type { CollaborationRequest } from '../../../src/domain/collaboration/request.js';
import { SUPERVISOR, WORKER, submission, type TestUser } from '../../support/bot-harness.js';
import { fiPattern } from '../../support/catalog-text.js';
import { COMPLETE_FORM_EDITS } from '../../support/forms.js';
import type { LoopbackConnector } from '../../support/loopback-connector.js';
import { KeySpace, globEscaped } from '../../../src/store/key-space.js';
import { scanKeys, type RedisClient } from '../../../src/store/redis-connection.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../../support/people.js';
import { FAULT_TABLE_HEADER, PeopleDriver, compareCards, type ClickAnswer, type ClickRecord, faultTable, faultTableRow, receivedCards, receivedTimeline, type FaultRow } from './people-driver.js';

/** Everyone a fan-out or booking flow sends cards to; each says 'hei' first so the bot can reach them. */
export const PEOPLE: readonly TestUser[] = [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER];

export type FlowKind = 'fan-out' | 'booking';

/** What one run of the flows left behind: the cards, each flow's final request, the clicks' record. */
export interface RunResult {
  readonly cards: Map<string, string[]>;
  /** Per person, everything their chat took in order (receivedTimeline), for tracing. */
  readonly timeline: Map<string, string[]>;
  readonly requests: CollaborationRequest[];
  readonly fiveHundreds: number;
  readonly repeats: number;
}

/** How a run reaches its bot and waits for what a click set in motion. */
export interface RunTarget {
  readonly url: () => string;
  readonly connector: LoopbackConnector;
  readonly redis: () => RedisClient;
  readonly prefix: string;
  /** Outbox empty and queue idle; a fault run waits through its faults. */
  settled(): Promise<void>;
}

/** A run's flows: each flow's request id, how the clicks went, and what each click was answered. */
export interface Flows {
  readonly ids: string[];
  readonly record: ClickRecord;
  readonly answers: ClickAnswer[];
}

/**
 * Runs the flows one after another, waiting for each step's effects before the next click, so a
 * fault run and its baseline send the same cards in the same situations: what differs is only
 * what the faults lost or doubled.
 */
export async function runFlows(target: RunTarget, kinds: readonly FlowKind[]): Promise<Flows> {
  const driver = new PeopleDriver(target.url, target.connector);
  // A click before the previous click's effects have run changes what they send (a supervisor
  // who approved before the approval card went gets none): each click waits, in both runs.
  const step = async (user: TestUser, verb: string, data: Record<string, unknown>) => {
    const answer = await driver.click(user, verb, data);
    await target.settled();
    return answer;
  };
  const ids: string[] = [];
  for (const kind of kinds) {
    const form = await driver.click(WORKER, Verb.newRequest, {});
    if (typeof form === 'string') throw new Error(`no form: ${form}`);
    const data = submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds: 'lastenpsykiatria,terveysasemat' });
    const requestId = String(data.requestId);
    ids.push(requestId);
    await step(WORKER, Verb.submitRequest, data);
    await step(SUPERVISOR, Verb.approve, { requestId });
    const processingDate = plusDays(countyDate(new Date()), 2);
    for (const [lead, unitId, worker] of RECEIVING) {
      await step(lead, Verb.acknowledge, { requestId, unitId, processingDate });
      await step(lead, Verb.nameWorker, { requestId, unitId, workerId: worker.aadObjectId });
    }
    if (kind === 'booking') await step(WORKER, Verb.chooseSlot, { requestId, index: 0 });
  }
  return { ids, record: driver.record, answers: driver.answers };
}

/**
 * Pairs of flows (a fan-out, a booking) until `enough` holds for the flows run so far: a fault run
 * goes on until its faults are enough, and its baseline then runs as many, flow for flow.
 */
export async function runFlowPairs(target: RunTarget, enough: (flows: number) => boolean): Promise<Flows> {
  const flows = { ids: [] as string[], record: { fiveHundreds: 0, repeats: 0 }, answers: [] as ClickAnswer[] };
  while (!enough(flows.ids.length)) {
    const more = await runFlows(target, ['fan-out', 'booking']);
    flows.ids.push(...more.ids);
    flows.record.fiveHundreds += more.record.fiveHundreds;
    flows.record.repeats += more.record.repeats;
    flows.answers.push(...more.answers);
  }
  return flows;
}

const RECEIVING = [
  [PSYCHIATRY_LEAD, 'lastenpsykiatria', PSYCHIATRY_MEMBER],
  [HEALTH_LEAD, 'terveysasemat', HEALTH_MEMBER],
] as const;

/** The run's outcome, read once nothing is left to run. */
export async function collect(target: RunTarget, flows: { ids: string[]; record: ClickRecord }): Promise<RunResult> {
  const requests = await Promise.all(flows.ids.map((id) => storedRequest(target.redis(), target.prefix, id)));
  const flowOf = references({ requests });
  return { cards: receivedCards(target.connector, PEOPLE, flowOf), timeline: receivedTimeline(target.connector, PEOPLE, flowOf), requests, ...flows.record };
}

/** Each flow's reference to its number, so two runs' cards compare. */
export function references({ requests }: Pick<RunResult, 'requests'>): Map<string, string> {
  return new Map(requests.map((r, i) => [r.reference ?? r.id, `flow ${i + 1}`]));
}

export async function storedRequest(redis: RedisClient, prefix: string, id: string): Promise<CollaborationRequest> {
  const meta = await redis.hget(`${prefix}{wf}:request:${id}`, 'meta');
  if (!meta) throw new Error(`request ${id} is not stored`);
  return JSON.parse(meta) as CollaborationRequest;
}

/** A flow whose request ended elsewhere than the baseline's, or stuck between choosing and booking. */
export function wrongStates(baseline: RunResult, faulted: RunResult): string[] {
  return faulted.requests.flatMap((request, i) => {
    const want = baseline.requests[i]?.status;
    if (request.status !== want) return [`flow ${i + 1}: ${request.status}, baseline ${want}`];
    if (request.status === 'meeting_proposed' && request.meeting?.chosen) return [`flow ${i + 1}: meeting_proposed with a chosen slot`];
    return [];
  });
}

/**
 * A card Teams took just before a kill may be sent again: the ledger records a card only after
 * Teams answers (notify-once.ts: begin, send, then mark sent), and no Teams API takes an
 * idempotency key; a worker killed, or its Redis killed, between the send and the mark leaves the
 * message begun and unrecorded, and the job's next run sends it again once its lease lapses. Such
 * messages are the ledger's `sending:` entries with no `sent:` beside them, read as each kill came
 * (the worker dead, or Redis back): that known at-least-once window. A repeat of any other card is
 * a fault of ours.
 */
export async function ledgerInFlight(redis: RedisClient, prefix: string): Promise<string[]> {
  const keys = new KeySpace(prefix);
  // `sending:{<key>}`: everything up to the brace is the same for every entry.
  const start = keys.sending('').slice(0, -1);
  const begun: string[] = [];
  await scanKeys(redis, `${globEscaped(start)}*`, async (found) => {
    begun.push(...found.map((key) => key.slice(start.length, -1)));
  });
  const inFlight: string[] = [];
  for (const key of begun) {
    const [lease, sent] = await Promise.all([redis.get(keys.sending(key)), redis.exists(keys.sent(key))]);
    // 0: the attempt ended without delivering (Teams refused it), so nothing of it reached anyone.
    if (lease !== null && lease !== '0' && sent === 0) inFlight.push(key);
  }
  return inFlight;
}

/** The cards a fault run sent beyond its baseline's, per person. */
function faultedOnly(baseline: Map<string, string[]>, faulted: Map<string, string[]>): Map<string, string[]> {
  const extra = new Map<string, string[]>();
  for (const [name, lines] of faulted) {
    const left = [...(baseline.get(name) ?? [])];
    extra.set(
      name,
      lines.filter((line) => {
        const i = left.indexOf(line);
        if (i < 0) return true;
        left.splice(i, 1);
        return false;
      }),
    );
  }
  return extra;
}

/**
 * The repeats of a fault run that no message in flight at a kill explains: each ledger entry seen
 * in flight (its key names the request and the recipient) explains one repeat of a card of that
 * flow to that person; a card that names no flow is never explained.
 */
export function unexplainedDuplicates(baseline: RunResult, faulted: RunResult, inFlight: readonly string[]): number {
  return unexplainedRepeats(baseline, faulted, inFlight).length;
}

/** Those repeats, as `person: line`, for a failing test to trace. */
export function unexplainedRepeats(baseline: RunResult, faulted: RunResult, inFlight: readonly string[]): string[] {
  const unmatched = [...inFlight];
  const unexplained: string[] = [];
  for (const [name, extras] of faultedOnly(baseline.cards, faulted.cards)) {
    const person = PEOPLE.find((p) => p.name === name);
    for (const line of extras) {
      // The reference stands anywhere in a line: "Yhteistyöpyyntö flow 7 yksikölle …", "flow 7: uusi …".
      const flow = /\bflow (\d+)\b/.exec(line)?.[1];
      const requestId = flow ? faulted.requests[Number(flow) - 1]?.id : undefined;
      const i = person && requestId ? unmatched.findIndex((key) => key.includes(requestId) && key.includes(person.aadObjectId)) : -1;
      if (i < 0) unexplained.push(`${name}: ${line}`);
      else unmatched.splice(i, 1);
    }
  }
  return unexplained;
}

/** What a click whose first try went through may truthfully answer when the person clicks again. */
const takenBefore = (user: TestUser): RegExp[] => [
  fiPattern('errors.request.already_submitted'),
  fiPattern('errors.request.already_decided', { name: user.name }),
  fiPattern('errors.alreadyHandled'),
];

/**
 * Clicks answered otherwise than the same click of the baseline: a repeated click may instead say
 * that the person's own first try was taken; anything else (a refusal, another person named, an
 * error) is a wrong answer.
 */
export function wrongAnswers(baseline: { answers: readonly ClickAnswer[]; result: RunResult }, faulted: { answers: readonly ClickAnswer[]; result: RunResult }): string[] {
  const shown = (answer: string, result: RunResult) => [...references(result)].reduce((line, [reference, flow]) => line.replaceAll(reference, flow), answer);
  return faulted.answers.flatMap((click, i) => {
    const got = shown(click.answer, faulted.result);
    const want = baseline.answers[i] && shown(baseline.answers[i].answer, baseline.result);
    if (got === want) return [];
    if (click.repeated && takenBefore(click.user).some((taken) => taken.test(click.answer))) return [];
    return [`click ${i + 1} (${click.user.name}, ${click.verb}${click.repeated ? ', repeated' : ''}): "${got}", baseline "${want}"`];
  });
}

/**
 * The row a fault run earns against its baseline, with what differed for a failing test to show.
 * With `inFlight` (runs that kill a process: the ledger entries in flight at each kill), a repeat
 * of a card Teams took as the process died counts in its own column, and `duplicated` holds only
 * the repeats nothing explains.
 */
export function rowOf(fault: string, injected: number, baseline: RunResult, faulted: RunResult, inFlight?: readonly string[]): { row: FaultRow; differences: string[] } {
  const comparison = compareCards(baseline.cards, faulted.cards);
  const wrong = wrongStates(baseline, faulted);
  const duplicated = inFlight ? unexplainedDuplicates(baseline, faulted, inFlight) : comparison.duplicated;
  return {
    row: {
      fault,
      injected,
      flows: faulted.requests.length,
      lost: comparison.lost,
      duplicated,
      resentAsDied: comparison.duplicated - duplicated,
      wrongState: wrong.length,
      fiveHundreds: faulted.fiveHundreds,
      repeats: faulted.repeats,
    },
    differences: [...comparison.differences, ...wrong],
  };
}

/**
 * Prints the rows and merges them into the table kept beside the tests, for README to include:
 * each fault file runs its own rows, so a row replaces the one of the same fault and the others stay.
 */
export function publishTable(rows: readonly FaultRow[], file: string): void {
  if (rows.length === 0) return;
  console.log(faultTable(rows));
  const kept = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| fault |')) : [];
  const faultOf = (line: string) => line.split(' | ')[0]!.slice(2);
  const fresh = new Map(rows.map((row) => [row.fault, faultTableRow(row)]));
  const merged = kept.map((line) => fresh.get(faultOf(line)) ?? line);
  for (const [fault, line] of fresh) if (!kept.some((k) => faultOf(k) === fault)) merged.push(line);
  writeFileSync(file, `${FAULT_TABLE_HEADER}\n${merged.join('\n')}\n`);
}
