import { afterAll, describe, expect, it, vi } from 'vitest';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import type { FaultSpec } from '../../scripts/graph-sandbox/faults.js';
import { BotHarness, WORKER } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { directory } from '../support/people.js';
import { PEOPLE, collect, publishTable, references, rowOf, runFlows, type FlowKind, type RunResult, type RunTarget } from './support/fault-runs.js';
import { FAULT_TABLE_FILE, REQUESTS_PER_SEND } from '../support/bot-sdk.js';
import { compareCards, finalCards, proactive, type FaultRow } from './support/people-driver.js';

const rows: FaultRow[] = [];
afterAll(() => publishTable(rows, FAULT_TABLE_FILE));

const runTable = process.env.FAULT_TABLE === '1';
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Flows a fault run makes at least, and as many more as its faults need; its baseline then makes as many. */
const MIN_FLOWS = 4;

/** What a run left behind, beyond the row's: each card as it stands in the end. */
interface StormRun {
  readonly result: RunResult;
  readonly cards: Map<string, string[]>;
}

/** A bot on a fresh key prefix (references restart at YT-2026-0001) and an empty Graph sandbox of its own. */
async function startRun(env: Record<string, string> = {}): Promise<{ sandbox: GraphSandbox; harness: BotHarness; target: RunTarget }> {
  const sandbox = await startGraphSandbox();
  const harness = await new BotHarness(undefined, { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25', ...env }).start();
  for (const user of PEOPLE) await harness.say(user, 'hei');
  harness.connector.clear();
  const target: RunTarget = {
    url: () => harness.url,
    connector: harness.connector,
    redis: () => harness.bot.redis,
    prefix: harness.prefix,
    settled: () => harness.bot.settled(90_000),
  };
  return { sandbox, harness, target };
}

/** Runs flows of `kinds`, one round after another, while `more` says the faults are not yet enough. */
async function flowsWhile(target: RunTarget, kinds: readonly FlowKind[], more: (flows: number) => boolean): Promise<{ ids: string[]; record: { fiveHundreds: number; repeats: number } }> {
  const flows = { ids: [] as string[], record: { fiveHundreds: 0, repeats: 0 } };
  while (more(flows.ids.length)) {
    const round = await runFlows(target, kinds);
    flows.ids.push(...round.ids);
    flows.record.fiveHundreds += round.record.fiveHundreds;
    flows.record.repeats += round.record.repeats;
  }
  return flows;
}

/** The run's outcome once nothing is left to run, with every card as it stands. */
async function finish(target: RunTarget, flows: { ids: string[]; record: { fiveHundreds: number; repeats: number } }): Promise<StormRun> {
  await target.settled();
  const result = await collect(target, flows);
  return { result, cards: finalCards(target.connector, PEOPLE, references(result)) };
}

/** Cards whose last update the fault run lost (or made otherwise than the baseline did). */
const staleCards = (baseline: StormRun, faulted: StormRun): string[] => compareCards(baseline.cards, faulted.cards).differences;

/**
 * What each booked request has in the organizer's calendar: exactly its own event, the one it
 * records, and no event belongs to no request.
 */
function calendarProblems(sandbox: GraphSandbox, result: RunResult): string[] {
  const organizer = directory.person(WORKER.aadObjectId)!.email!;
  const events = sandbox.calendars.eventsOf(organizer);
  const problems = result.requests.flatMap((request, i) => {
    const own = events.filter((e) => e.transactionId?.startsWith(`yt-${request.id}-`));
    if (own.length !== 1) return [`flow ${i + 1}: ${own.length} events in the organizer's calendar`];
    if (request.meeting?.booked?.eventId !== own[0]!.id) return [`flow ${i + 1}: records event ${request.meeting?.booked?.eventId}, the calendar has ${own[0]!.id}`];
    return [];
  });
  const orphans = events.filter((e) => !result.requests.some((r) => e.transactionId?.startsWith(`yt-${r.id}-`)));
  return [...problems, ...orphans.map((e) => `orphan event ${e.id} (${e.subject})`)];
}

/** The free text the worker typed about the client: none of it is Graph's to see. */
const CLIENT_TEXT = [COMPLETE_FORM_EDITS.wantedServices, COMPLETE_FORM_EDITS.receivedServices, COMPLETE_FORM_EDITS.whatWorked, COMPLETE_FORM_EDITS.assessmentHighlights];

const clientTextSentToGraph = (sandbox: GraphSandbox): string[] =>
  sandbox.requests.filter((r) => CLIENT_TEXT.some((text) => `${r.url} ${r.body}`.includes(text))).map((r) => `${r.method} ${r.url}`);

/** Below anything the sandbox takes to answer on a busy box, well under a delay meant to outlast it. */
const CLIENT_TIMEOUT_MS = 1500;
const GRAPH_BOOKING_FLOWS: readonly FlowKind[] = ['booking', 'booking'];
const MIN_GRAPH_FAULTS = 20;
/** Creates whose answer was lost after Graph had made the event: what the transactionId is for. */
const MIN_UNANSWERED_CREATES = 2;
/** Creating events and reading free/busy: the calls booking makes (the bot reads no calendarView). */
const STORMED = /\/(events|getSchedule)$/;
const CREATE = /\/events$/;

/** A gateway that lost the answer to work Graph did, and an answer so late that the client gave up after the work. */
const AFTER_WORK: readonly FaultSpec[] = [
  { kind: 'status', status: 503, afterWork: true },
  { kind: 'delay', ms: CLIENT_TIMEOUT_MS * 3, afterWork: true },
];
/** Those, throttling with Retry-After and an outage. */
const GRAPH_FAULTS: readonly FaultSpec[] = [{ kind: 'status', status: 429, retryAfterSeconds: 1 }, { kind: 'status', status: 503 }, ...AFTER_WORK];

/** Creates sent again with a transactionId Graph had seen: the client's and the job's retries. */
const repeatedCreates = (sandbox: GraphSandbox): number => {
  const ids = sandbox.requests.filter((r) => r.method === 'POST' && CREATE.test(r.url)).map((r) => (JSON.parse(r.body) as { transactionId?: string }).transactionId);
  return ids.length - new Set(ids).size;
};

describe.runIf(runTable)('Graph throttling, failing and answering too late during booking', () => {
  interface GraphRun extends StormRun {
    readonly injected: number;
    readonly unansweredCreates: number;
    readonly repeatedCreates: number;
    readonly calendar: string[];
    readonly leaked: string[];
  }

  async function graphRun(storming: boolean, logs: string[], plannedFlows = 0): Promise<GraphRun> {
    const { sandbox, harness, target } = await startRun({ GRAPH_REQUEST_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS) });
    let injected = 0;
    let unansweredCreates = 0;
    let faulting = storming;
    // About every other call is faulted, never the same call more than twice running: the client's
    // own retries and the job's then get past it, so what is measured is our retries, not a Graph
    // down for longer than EFFECT_ATTEMPTS.
    const inARow = new Map<string, number>();
    const take = sandbox.faults.take.bind(sandbox.faults);
    const spy = vi.spyOn(sandbox.faults, 'take').mockImplementation((path) => {
      const streak = inARow.get(path) ?? 0;
      if (faulting && STORMED.test(path) && streak < 2 && Math.random() < 0.5) {
        // The first faulted creates lose their answer after the work: that is what the transactionId is for.
        const fault = pick(CREATE.test(path) && unansweredCreates < MIN_UNANSWERED_CREATES ? AFTER_WORK : GRAPH_FAULTS);
        sandbox.faults.inject(fault, 1, STORMED);
        injected++;
        if (fault.afterWork && CREATE.test(path)) unansweredCreates++;
        inARow.set(path, streak + 1);
      } else inARow.set(path, 0);
      return take(path);
    });
    try {
      const enough = (n: number) => n >= MIN_FLOWS && injected >= MIN_GRAPH_FAULTS && unansweredCreates >= MIN_UNANSWERED_CREATES;
      const flows = await flowsWhile(target, GRAPH_BOOKING_FLOWS, (n) => (storming ? !enough(n) : n < plannedFlows));
      faulting = false;
      const run = await finish(target, flows);
      return { ...run, injected, unansweredCreates, repeatedCreates: repeatedCreates(sandbox), calendar: calendarProblems(sandbox, run.result), leaked: clientTextSentToGraph(sandbox) };
    } finally {
      faulting = false;
      spy.mockRestore();
      logs.push(...harness.logLines.slice(-200));
      await harness.stop();
      await sandbox.stop();
    }
  }

  it('books each chosen time once, one event per booking, and loses or repeats no card when Graph throttles, fails or answers after the client gave up', async ({ onTestFailed }) => {
    const logs: string[] = [];
    let differences: string[] = [];
    onTestFailed(() => console.error([...differences, ...logs].join('\n')));
    const faulted = await graphRun(true, logs);
    const baseline = await graphRun(false, logs, faulted.result.requests.length);
    const { row, differences: found } = rowOf('Graph 429 / 503 / answer lost or too late after the work (GRAPH_REQUEST_TIMEOUT_MS=1500), on creates and free/busy reads', faulted.injected, baseline.result, faulted.result);
    const stale = staleCards(baseline, faulted);
    differences = [...found, ...stale.map((d) => `final card ${d}`), ...faulted.calendar, ...faulted.leaked.map((r) => `client text sent to Graph: ${r}`)];
    rows.push(row);
    expect(faulted.injected).toBeGreaterThanOrEqual(MIN_GRAPH_FAULTS);
    expect(faulted.unansweredCreates).toBeGreaterThanOrEqual(MIN_UNANSWERED_CREATES);
    // Creates Graph had made were sent again, with the same transactionId, and made nothing more.
    expect(faulted.repeatedCreates).toBeGreaterThanOrEqual(faulted.unansweredCreates);
    expect(baseline.calendar, 'the baseline books one event per flow').toEqual([]);
    expect(faulted.result.requests.map((r) => r.status)).toEqual(faulted.result.requests.map(() => 'booked'));
    expect(found).toEqual([]);
    expect(stale, 'cards left as they were before their last update').toEqual([]);
    expect(faulted.calendar, 'orphan or duplicate events').toEqual([]);
    expect(faulted.leaked, 'Graph requests carrying the client text').toEqual([]);
    expect(row).toMatchObject({ lost: 0, duplicated: 0, wrongState: 0, fiveHundreds: 0 });
  }, 240_000);
});

const CONNECTOR_FLOWS: readonly FlowKind[] = ['fan-out', 'booking'];
const MIN_REFUSALS = 30;
/** About a third of what the bot sends on its own is refused at first. */
const REFUSED_SHARE = 0.35;

/**
 * The statuses a refused message's tries get running. A gateway failing (502, 504) passes at the
 * SDK's next try. Throttling (429, 503 with Retry-After) mostly lasts a few tries, which the SDK's
 * and the sender's retries get past, and now and then one more than a send makes, so the job runs
 * again and sends what had not gone (DeliveryRefusedForNow): never longer than two of its runs.
 */
function refusalBurst(): number[] {
  if (Math.random() < 0.2) return [pick([502, 504])];
  const length = pick([1, 1, 2, 2, 3, 4, 6, REQUESTS_PER_SEND + 1]);
  return Array.from({ length }, () => pick([429, 503]));
}

describe.runIf(runTable)('the Bot Connector refusing proactive messages for a moment', () => {
  interface ConnectorRun extends StormRun {
    readonly refused: number;
    readonly longBursts: number;
    readonly jobReruns: number;
  }

  async function connectorRun(refusing: boolean, logs: string[], plannedFlows = 0): Promise<ConnectorRun> {
    const { sandbox, harness, target } = await startRun();
    let longBursts = 0;
    const refused = () => harness.connector.attempts.filter((a) => a.status !== 200).length;
    if (refusing) {
      harness.connector.refuseWhen((post) => {
        if (!proactive(post) || Math.random() >= REFUSED_SHARE) return undefined;
        const burst = refusalBurst();
        if (burst.length > REQUESTS_PER_SEND) longBursts++;
        return burst;
      });
    }
    try {
      const flows = await flowsWhile(target, CONNECTOR_FLOWS, (n) => (refusing ? n < MIN_FLOWS || refused() < MIN_REFUSALS : n < plannedFlows));
      harness.connector.refuseWhen();
      const run = await finish(target, flows);
      const jobReruns = harness.logLines.filter((line) => line.includes('effect failed') && line.includes('DeliveryRefusedForNow')).length;
      return { ...run, refused: refused(), longBursts, jobReruns };
    } finally {
      logs.push(...harness.logLines.slice(-200));
      await harness.stop();
      await sandbox.stop();
    }
  }

  it('delivers every card once, updates each to where the baseline left it, and leaves every request where the baseline did when about a third of what the bot sends is refused at first', async ({ onTestFailed }) => {
    const logs: string[] = [];
    let differences: string[] = [];
    onTestFailed(() => console.error([...differences, ...logs].join('\n')));
    const faulted = await connectorRun(true, logs);
    const baseline = await connectorRun(false, logs, faulted.result.requests.length);
    const { row, differences: found } = rowOf('Bot Connector 429 / 502 / 503 / 504 on ~35% of proactive posts and updates, some outlasting a send', faulted.refused, baseline.result, faulted.result);
    const stale = staleCards(baseline, faulted);
    differences = [...found, ...stale.map((d) => `final card ${d}`)];
    rows.push(row);
    expect(faulted.refused).toBeGreaterThanOrEqual(MIN_REFUSALS);
    // Some bursts outlasted a send, and the jobs ran again for them.
    expect(faulted.longBursts).toBeGreaterThan(0);
    expect(faulted.jobReruns).toBeGreaterThan(0);
    expect(found).toEqual([]);
    expect(stale, 'cards left as they were before their last update').toEqual([]);
    expect(row).toMatchObject({ lost: 0, duplicated: 0, wrongState: 0, fiveHundreds: 0 });
  }, 240_000);
});
