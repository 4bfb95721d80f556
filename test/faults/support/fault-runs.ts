import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RedisClient } from '../../../src/store/redis-connection.js';
import { Verb } from '../../../cards/verbs.js';
import { plusDays } from '../../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../../src/domain/time.js';
import type { CollaborationRequest } from '../../../src/domain/collaboration/request.js';
import { SUPERVISOR, WORKER, submission, type TestUser } from '../../support/bot-harness.js';
import { fiPattern } from '../../support/catalog-text.js';
import { COMPLETE_FORM_EDITS } from '../../support/forms.js';
import type { LoopbackConnector } from '../../support/loopback-connector.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../../support/people.js';
import { SCENE_EFFECT_CONCURRENCY } from '../../support/worker-scene.js';
import { FAULT_TABLE_HEADER, PeopleDriver, compareCards, type ClickAnswer, type ClickRecord, faultTable, faultTableRow, receivedCards, type FaultRow } from './people-driver.js';

/** Everyone a fan-out or booking flow sends cards to; each says 'hei' first so the bot can reach them. */
export const PEOPLE: readonly TestUser[] = [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER];

export type FlowKind = 'fan-out' | 'booking';

/** What one run of the flows left behind: the cards, each flow's final request, the clicks' record. */
export interface RunResult {
  readonly cards: Map<string, string[]>;
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
  return { cards: receivedCards(target.connector, PEOPLE, references({ requests })), requests, ...flows.record };
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
 * A card Teams took just before a kill may be sent again: the ledger records a card after Teams
 * answers (notify-once.ts), and no Teams API takes an idempotency key; a kill of the worker, or of
 * the Redis it was about to record the card in, leaves it unrecorded. A worker runs several jobs at
 * once (EFFECT_CONCURRENCY, which the scenes set), each with at most one card unrecorded, so as
 * many cards as that, the last Teams took before each kill, those still on their way from a dead
 * worker, and any Teams took while the killed Redis was down (nothing could record them) are that
 * known at-least-once window; any other duplicate is a fault of ours.
 */
const DYING_WINDOW = SCENE_EFFECT_CONCURRENCY;

/**
 * When a kill came, as the connector's count of captures: `at` when the process died, `until` when
 * its replacement ran or the killed Redis answered again.
 */
export interface KillMoment {
  readonly at: number;
  readonly until: number;
}

/** The cards Teams had taken last when each kill came, and while its Redis was down. */
export function takenAsKilled(connector: LoopbackConnector, kills: readonly KillMoment[], result: RunResult): Map<string, string[]> {
  const dying = kills.flatMap(({ at, until }) => connector.captured.slice(Math.max(0, at - DYING_WINDOW), until));
  return receivedCards({ captured: dying } as LoopbackConnector, PEOPLE, references(result));
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

/** The duplicates of a fault run that are not among the cards Teams took as a kill came. */
export function unexplainedDuplicates(baseline: RunResult, faulted: RunResult, takenAsKilled: Map<string, string[]>): number {
  return compareCards(takenAsKilled, faultedOnly(baseline.cards, faulted.cards)).duplicated;
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
 * With `takenAsKilled` (runs that kill a process), a repeat of a card Teams took as the process
 * died counts in its own column, and `duplicated` holds only the repeats nothing explains.
 */
export function rowOf(fault: string, injected: number, baseline: RunResult, faulted: RunResult, takenAsKilled?: Map<string, string[]>): { row: FaultRow; differences: string[] } {
  const comparison = compareCards(baseline.cards, faulted.cards);
  const wrong = wrongStates(baseline, faulted);
  const duplicated = takenAsKilled ? unexplainedDuplicates(baseline, faulted, takenAsKilled) : comparison.duplicated;
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
