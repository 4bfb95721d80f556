import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeetingOutcome } from '../../src/domain/collaboration/meeting-plan.js';
import type { CollaborationRequest, RequestStatus, UnitHandling } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { answerContributions, figureDelta, metricContributions, monthMetricsFrom, type FigureChange } from '../../src/domain/metrics/month-figures.js';
import { monthRange } from '../../src/domain/metrics/unit-metrics.js';
import { countersOf } from '../support/month-figures.js';
import { unitMetrics } from '../support/unit-metrics-oracle.js';

const UNITS = ['u1', 'u2', 'u3'];
const PEOPLE = ['p1', 'p2', 'p3', 'p4'];
const QUESTIONS = ['useful', 'clear'];
/** Wider than the instants drawn, so a month's edge in Helsinki and one a lead time crosses are inside. */
const MONTHS = monthRange('2026-09', '2027-04', 24)!;

const DAY_MS = 24 * 3600 * 1000;
const FROM = Date.parse('2026-09-20T00:00:00Z');
const TO = Date.parse('2027-01-10T00:00:00Z');

/** Any millisecond, so lead times have no tidy values to hide a rounding difference behind. */
const instant = fc.integer({ min: FROM, max: TO });
const later = (from: number) => fc.integer({ min: 0, max: 60 * DAY_MS }).map((offset) => new Date(from + offset).toISOString());
const fact = (from: number) => fc.option(later(from).map((at) => ({ by: 'lead', at })), { nil: undefined });

const handling = (sentAt: number): fc.Arbitrary<UnitHandling> =>
  fc.record({ unitId: fc.constantFrom(...UNITS), acknowledged: fact(sentAt), named: fact(sentAt) }).map((u) => ({ ...u, status: 'acknowledged' }));

const outcome: fc.Arbitrary<MeetingOutcome> = fc
  .record({
    day: fc.integer({ min: 0, max: 150 }),
    consent: fc.constantFrom('given' as const, 'not_given' as const),
    recordedBy: fc.constantFrom(...PEOPLE),
    attendeeIds: fc.subarray(PEOPLE),
  })
  .map(({ day, consent, recordedBy, attendeeIds }) => {
    const date = new Date(FROM + day * DAY_MS).toISOString().slice(0, 10);
    return { generation: 1, date, consent, recordedBy, recordedAt: `${date}T12:00:00Z`, attendeeIds, clientPresence: 'in_person' };
  });

const STATUSES: RequestStatus[] = ['draft', 'submitted', 'routed', 'held', 'closed', 'withdrawn'];

const request: fc.Arbitrary<CollaborationRequest> = instant.chain((sentAt) =>
  fc
    .record({
      status: fc.constantFrom(...STATUSES),
      sent: fc.boolean(),
      sendingUnitId: fc.option(fc.constantFrom(...UNITS), { nil: undefined }),
      units: fc.array(handling(sentAt), { maxLength: 3 }),
      decision: fc.option(fc.record({ kind: fc.constantFrom('approved' as const, 'returned' as const), by: fc.constant('lead'), at: later(sentAt) }), { nil: undefined }),
      outcomes: fc.option(fc.array(outcome, { maxLength: 3 }), { nil: undefined }),
      purged: fc.boolean(),
    })
    .map(
      ({ status, sent, sendingUnitId, units, decision, outcomes, purged }): CollaborationRequest => ({
        id: 'r',
        version: 1,
        status,
        ownerId: 'p1',
        sendingUnitId,
        collaborationUnitIds: units.map((u) => u.unitId),
        consentRecorded: true,
        needConfirmedInTeam: true,
        createdAt: new Date(sentAt).toISOString(),
        updatedAt: new Date(sentAt).toISOString(),
        submittedAt: sent ? new Date(sentAt).toISOString() : undefined,
        units,
        decision,
        outcomes,
        purgedAt: purged ? new Date(TO).toISOString() : undefined,
      }),
    ),
);

const answer: fc.Arbitrary<FeedbackAnswer> = fc.record({
  requestId: fc.constant('r'),
  generation: fc.constant(1),
  month: fc.constantFrom(...MONTHS.slice(0, 5)),
  unitIds: fc.array(fc.constantFrom(...UNITS), { maxLength: 3 }),
  respondent: fc.constantFrom('worker' as const, 'client' as const),
  scores: fc.dictionary(fc.constantFrom(...QUESTIONS, 'client', 'retired'), fc.integer({ min: 1, max: 5 }), { maxKeys: 3 }),
  comment: fc.constant(''),
});

/** What a report shows from counters kept the way the stores keep them. */
function fromCounters(unitId: string, changes: readonly FigureChange[], answerChanges: readonly FigureChange[]) {
  const [counters] = countersOf(changes, [unitId], MONTHS);
  const [answerCounters] = countersOf(answerChanges, [unitId], MONTHS);
  return monthMetricsFrom(MONTHS, counters!, answerCounters!, QUESTIONS);
}

describe('month figures', () => {
  it('give exactly the figures worked out from every request and answer, field for field', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 25 }), fc.array(answer, { maxLength: 60 }), (requests, answers) => {
        const changes = requests.flatMap(metricContributions);
        const answerChanges = answers.flatMap(answerContributions);
        for (const unitId of UNITS) {
          expect(fromCounters(unitId, changes, answerChanges)).toEqual(unitMetrics({ unitId, months: MONTHS, requests, answers, questionIds: QUESTIONS }));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('stay exact when each write adds only its difference, in any order of requests', () => {
    fc.assert(
      fc.property(fc.array(fc.array(request, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (histories) => {
        // Each request goes through its versions; the store adds after − before at each write.
        const changes = histories.flatMap((versions) => versions.flatMap((version, i) => figureDelta(metricContributions(version), i === 0 ? [] : metricContributions(versions[i - 1]!))));
        const finals = histories.map((versions) => versions.at(-1)!);
        for (const unitId of UNITS) {
          expect(fromCounters(unitId, changes, [])).toEqual(unitMetrics({ unitId, months: MONTHS, requests: finals, answers: [], questionIds: QUESTIONS }));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('are whole numbers, so a store adds them exactly with HINCRBY', () => {
    fc.assert(
      fc.property(request, answer, (r, a) => {
        for (const c of [...metricContributions(r), ...answerContributions(a)]) expect(Number.isSafeInteger(c.amount)).toBe(true);
      }),
    );
  });
});
