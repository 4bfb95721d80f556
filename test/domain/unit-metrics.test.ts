import { describe, expect, it } from 'vitest';
import type { MeetingOutcome } from '../../src/domain/collaboration/meeting-plan.js';
import type { CollaborationRequest, UnitHandling } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { answerContributions, metricContributions, monthMetricsFrom } from '../../src/domain/metrics/month-figures.js';
import { monthRange, monthsUpTo, type MonthMetrics } from '../../src/domain/metrics/unit-metrics.js';
import { countersOf } from '../support/month-figures.js';

const FAMILY = 'perhesosiaalityo';
const PSYCHIATRY = 'lastenpsykiatria';
const HEALTH = 'terveysasemat';
const CHAIR = 'worker-chair';

let sequence = 0;

/** A request the family unit sent to psychiatry and health care; approval routes it at once. */
function request(submittedAt: string, changes: Partial<CollaborationRequest> = {}): CollaborationRequest {
  sequence += 1;
  return {
    id: `r${sequence}`,
    version: 1,
    status: 'submitted',
    reference: `YT-2026-${String(sequence).padStart(4, '0')}`,
    ownerId: CHAIR,
    sendingUnitId: FAMILY,
    collaborationUnitIds: [PSYCHIATRY, HEALTH],
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: submittedAt,
    updatedAt: submittedAt,
    submittedAt,
    units: [],
    ...changes,
  };
}

function approved(submittedAt: string, approvedAt: string, units: UnitHandling[] = [unit(PSYCHIATRY), unit(HEALTH)], changes: Partial<CollaborationRequest> = {}) {
  return request(submittedAt, { status: 'routed', decision: { kind: 'approved', by: 'supervisor', at: approvedAt }, units, ...changes });
}

function unit(unitId: string, acknowledgedAt?: string, namedAt?: string): UnitHandling {
  return {
    unitId,
    status: namedAt ? 'worker_named' : acknowledgedAt ? 'acknowledged' : 'awaiting_acknowledgement',
    acknowledged: acknowledgedAt ? { by: 'lead', at: acknowledgedAt } : undefined,
    named: namedAt ? { by: 'lead', at: namedAt } : undefined,
    namedWorkerId: namedAt ? `named-${unitId}` : undefined,
  };
}

function outcome(date: string, consent: 'given' | 'not_given', attendeeIds: string[] = [CHAIR]): MeetingOutcome {
  return { generation: 1, date, consent, recordedBy: CHAIR, recordedAt: `${date}T12:00:00Z`, attendeeIds, clientPresence: 'in_person' };
}

function answer(month: string, scores: Record<string, number>, respondent: 'worker' | 'client' = 'worker', unitIds = [FAMILY, PSYCHIATRY]): FeedbackAnswer {
  return { requestId: 'r-feedback', generation: 1, month, unitIds, respondent, scores, comment: '' };
}

/** A unit's rows as a report reads them: from the counters the requests and answers add up to. */
function metrics(unitId: string, months: string[], requests: CollaborationRequest[], answers: FeedbackAnswer[] = []): MonthMetrics[] {
  const [counters] = countersOf(requests.flatMap(metricContributions), [unitId], months);
  const [answerCounters] = countersOf(answers.flatMap(answerContributions), [unitId], months);
  return monthMetricsFrom(months, counters!, answerCounters!, ['useful', 'clear']);
}

/** The months a request adds to, for any unit. */
const monthsCounted = (r: CollaborationRequest) => [...new Set(metricContributions(r).map((c) => c.month))];

function only(rows: MonthMetrics[]): MonthMetrics {
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('requests sent and received', () => {
  it('counts a sent request by the month it was sent and a received one by the month it was approved', () => {
    const requests = [
      approved('2026-10-30T08:00:00Z', '2026-11-02T08:00:00Z'),
      request('2026-11-10T08:00:00Z'),
      approved('2026-11-04T08:00:00Z', '2026-11-05T08:00:00Z', [unit(FAMILY)], { sendingUnitId: HEALTH, collaborationUnitIds: [FAMILY] }),
    ];
    const family = metrics(FAMILY, ['2026-10', '2026-11'], requests);
    expect(family.map((m) => [m.month, m.sent, m.received])).toEqual([
      ['2026-10', 1, 0],
      ['2026-11', 1, 1],
    ]);
    const psychiatry = metrics(PSYCHIATRY, ['2026-10', '2026-11'], requests);
    expect(psychiatry.map((m) => [m.month, m.sent, m.received])).toEqual([
      ['2026-10', 0, 0],
      ['2026-11', 0, 1],
    ]);
  });

  it('places instants in county-time months, not UTC months', () => {
    // 22:30 UTC on 31 October is already 1 November in Helsinki; 21:59 UTC on 30 November is still November.
    const requests = [
      approved('2026-10-31T22:30:00Z', '2026-11-30T21:59:00Z'),
      approved('2026-11-20T08:00:00Z', '2026-11-30T22:00:00Z'),
    ];
    expect(metrics(FAMILY, ['2026-10', '2026-11'], requests).map((m) => m.sent)).toEqual([0, 2]);
    expect(metrics(PSYCHIATRY, ['2026-11', '2026-12'], requests).map((m) => m.received)).toEqual([1, 1]);
  });

  it('never counts a draft, even one carrying a sending time', () => {
    const draft = request('2026-11-03T08:00:00Z', {
      status: 'draft',
      units: [unit(PSYCHIATRY)],
      decision: { kind: 'approved', by: 'supervisor', at: '2026-11-04T08:00:00Z' },
      outcomes: [outcome('2026-11-18', 'given')],
    });
    expect(only(metrics(FAMILY, ['2026-11'], [draft]))).toMatchObject({ sent: 0, meetingsHeld: 0 });
    expect(only(metrics(PSYCHIATRY, ['2026-11'], [draft]))).toMatchObject({ received: 0, meetingsHeld: 0 });
  });
});

describe('lead times', () => {
  const sent = approved(
    '2026-11-02T08:00:00Z',
    '2026-11-03T08:00:00Z',
    [unit(PSYCHIATRY, '2026-11-04T08:00:00Z', '2026-11-08T08:00:00Z'), unit(HEALTH, '2026-11-05T20:00:00Z')],
    { outcomes: [outcome('2026-11-18', 'not_given'), outcome('2026-12-02', 'given')] },
  );

  it('averages days from sending over every unit the sending unit’s requests went to, with one decimal', () => {
    expect(only(metrics(FAMILY, ['2026-11'], [sent])).sentLeadDays).toEqual({
      approval: 1,
      acknowledgement: 2.8, // (2 + 3.5) / 2
      named: 6,
      meeting: 16, // calendar days to the first meeting, whatever its consent
    });
  });

  it('measures a receiving unit by its own handling only', () => {
    expect(only(metrics(HEALTH, ['2026-11'], [sent])).receivedLeadDays).toEqual({ approval: 1, acknowledgement: 3.5, named: undefined, meeting: 16 });
    expect(only(metrics(PSYCHIATRY, ['2026-11'], [sent])).receivedLeadDays).toMatchObject({ acknowledgement: 2, named: 6 });
  });

  it('keeps the sending and receiving views apart', () => {
    const family = only(metrics(FAMILY, ['2026-11'], [sent]));
    expect(family.receivedLeadDays).toEqual({ approval: undefined, acknowledgement: undefined, named: undefined, meeting: undefined });
    expect(only(metrics(HEALTH, ['2026-11'], [sent])).sentLeadDays.approval).toBeUndefined();
  });
});

describe('meetings', () => {
  it('counts meetings held with consent and meetings without it by the meeting date, for requests the unit sends or receives', () => {
    const ours = approved('2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', undefined, {
      outcomes: [outcome('2026-11-04', 'not_given'), outcome('2026-11-18', 'given'), outcome('2026-12-02', 'given')],
    });
    const others = approved('2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', [unit(HEALTH)], {
      sendingUnitId: 'lastensuojelu',
      outcomes: [outcome('2026-11-18', 'given')],
    });
    const [october, november] = metrics(PSYCHIATRY, ['2026-10', '2026-11'], [ours, others]);
    expect([october?.meetingsHeld, october?.consentNotGiven]).toEqual([0, 0]);
    expect([november?.meetingsHeld, november?.consentNotGiven]).toEqual([1, 1]);
    expect(only(metrics(HEALTH, ['2026-11'], [ours, others])).meetingsHeld).toBe(2);
  });
});

describe('feedback', () => {
  const fourAnswers = [4, 4, 5, 3].map((score) => answer('2026-11', { useful: score, clear: 2 }));

  it('withholds the averages of fewer than five answers but still gives their count and answer rate', () => {
    const held = approved('2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', undefined, {
      outcomes: [outcome('2026-11-18', 'given', [CHAIR, 'a', 'b', 'c', 'd'])],
    });
    expect(only(metrics(FAMILY, ['2026-11'], [held], fourAnswers))).toMatchObject({
      workerAnswers: 4,
      answerRate: 0.8,
      questionAverages: { useful: 'suppressed', clear: 'suppressed' },
    });
  });

  it('gives the averages once five have answered', () => {
    const five = [...fourAnswers, answer('2026-11', { useful: 5, clear: 3 })];
    expect(only(metrics(FAMILY, ['2026-11'], [], five)).questionAverages).toEqual({ useful: 4.2, clear: 2.2 });
  });

  it('withholds a question fewer than five answered, even when five answered others', () => {
    const five = [...fourAnswers, answer('2026-11', { useful: 5 })];
    expect(only(metrics(FAMILY, ['2026-11'], [], five)).questionAverages).toEqual({ useful: 4.2, clear: 'suppressed' });
  });

  it('judges client ratings as a group of their own', () => {
    const workers = [...fourAnswers, answer('2026-11', { useful: 5 })];
    const fourClients = [5, 4, 4, 3].map((rating) => answer('2026-11', { client: rating }, 'client'));
    expect(only(metrics(FAMILY, ['2026-11'], [], [...workers, ...fourClients])).clientRating).toBe('suppressed');
    const fiveClients = [...fourClients, answer('2026-11', { client: 5 }, 'client')];
    expect(only(metrics(FAMILY, ['2026-11'], [], [...workers, ...fiveClients]))).toMatchObject({ clientRating: 4.2, workerAnswers: 5 });
  });

  it('gives no average at all for a month nobody answered', () => {
    expect(only(metrics(FAMILY, ['2026-11'], [], []))).toMatchObject({
      workerAnswers: 0,
      answerRate: undefined,
      questionAverages: { useful: undefined, clear: undefined },
      clientRating: undefined,
    });
  });

  it('rates answers against the people asked at that month’s meetings held, the chair among them', () => {
    const requests = [
      approved('2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', undefined, { outcomes: [outcome('2026-11-04', 'given', ['a', 'b'])] }),
      approved('2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', undefined, {
        outcomes: [outcome('2026-11-11', 'not_given', ['c', 'd']), outcome('2026-11-25', 'given', [CHAIR, 'e'])],
      }),
    ];
    const answers = [
      answer('2026-11', { useful: 4 }),
      answer('2026-11', { useful: 4 }),
      answer('2026-11', { useful: 4 }, 'worker', [HEALTH]),
      answer('2026-10', { useful: 4 }),
      answer('2026-11', { client: 4 }, 'client'),
    ];
    // Asked: chair, a, b at the first meeting; chair, e at the second: 5 people, 2 answers of this unit and month.
    expect(only(metrics(FAMILY, ['2026-11'], requests, answers))).toMatchObject({ workerAnswers: 2, answerRate: 0.4 });
  });
});

describe('months a request counts in', () => {
  it('are the county months of its sending, its approval and each meeting, once each', () => {
    const r = approved('2026-08-31T22:00:00Z', '2026-09-02T08:00:00Z', [unit(PSYCHIATRY, '2026-10-01T08:00:00Z')], {
      outcomes: [outcome('2026-11-11', 'given'), outcome('2026-11-25', 'not_given'), outcome('2027-01-13', 'given')],
    });
    expect(monthsCounted(r)).toEqual(['2026-09', '2026-11', '2027-01']);
    expect(monthsCounted(request('2026-11-02T08:00:00Z', { status: 'draft' }))).toEqual([]);
  });

  it('are the only months whose figures a request changes, for every unit it involves', () => {
    const months = monthRange('2026-06', '2027-02', 24)!;
    const requests = [
      request('2026-06-15T08:00:00Z'),
      approved('2026-07-30T08:00:00Z', '2026-08-03T08:00:00Z', [unit(PSYCHIATRY, '2026-09-01T08:00:00Z', '2026-10-01T08:00:00Z'), unit(HEALTH)]),
      approved('2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', [unit(PSYCHIATRY), unit(HEALTH)], { outcomes: [outcome('2026-12-09', 'given', [CHAIR, 'other'])] }),
      request('2026-11-20T08:00:00Z', { status: 'withdrawn', withdrawn: { by: CHAIR, at: '2027-01-05T08:00:00Z' } }),
    ];
    for (const r of requests) {
      for (const unitId of [FAMILY, PSYCHIATRY, HEALTH]) {
        const without = metrics(unitId, months, []);
        const changed = metrics(unitId, months, [r]).flatMap((row, i) => (JSON.stringify(row) === JSON.stringify(without[i]) ? [] : [row.month]));
        expect(monthsCounted(r)).toEqual(expect.arrayContaining(changed));
      }
    }
  });
});

describe('report months', () => {
  it('lists the last months in county time, oldest first, across a new year', () => {
    expect(monthsUpTo(new Date('2026-12-31T22:30:00Z'), 3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsUpTo(new Date('2026-11-24T10:00:00Z'), 6)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('spells out a range of months across a new year, both ends included', () => {
    expect(monthRange('2026-11', '2027-02', 24)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2026-11', '2026-11', 24)).toEqual(['2026-11']);
    expect(monthRange('2025-12', '2027-11', 24)).toHaveLength(24);
  });

  it('gives no range that ends before it starts, is longer than allowed or is not made of months', () => {
    expect(monthRange('2026-11', '2026-10', 24)).toBeUndefined();
    expect(monthRange('2025-11', '2027-11', 24)).toBeUndefined();
    expect(monthRange('2026-13', '2027-01', 24)).toBeUndefined();
    expect(monthRange('0001-01', '9999-12', 24)).toBeUndefined();
  });
});
