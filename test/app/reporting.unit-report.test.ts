import { describe, expect, it } from 'vitest';
import { makeUnitReport, type ReportDeps } from '../../src/app/reporting/unit-report.js';
import type { MonthCounters } from '../../src/domain/metrics/month-figures.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { ONE_QUESTION, madeUpUnit, sentFrom } from '../support/app-requests.js';
import { answerFigures, requestFigures } from '../support/month-figures.js';

const LEAD = 'lead';
const directory = new UnitDirectory([madeUpUnit('a', [LEAD], [], 'social_care'), madeUpUnit('b', ['other'], [LEAD], 'social_care'), madeUpUnit('c', ['other'], [], 'social_care')], []);

function deps(
  answers: ReportDeps['feedback']['monthFigures'] = answerFigures([]).monthFigures,
  requests: ReportDeps['requests']['monthFigures'] = requestFigures(directory.units.map((u) => sentFrom(u.id, '2026-11-02T08:00:00Z', ['c']))).monthFigures,
): ReportDeps {
  return {
    requests: { monthFigures: requests },
    feedback: { monthFigures: answers },
    questionnaire: ONE_QUESTION,
    directory: { current: () => directory },
    clock: { now: () => new Date('2026-11-24T10:00:00Z') },
  };
}

describe('unit report', () => {
  it('reports every unit the person supervises or deputises, for the last six months up to this one', async () => {
    const report = await makeUnitReport(deps())({ id: LEAD });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.map((r) => r.unitId)).toEqual(['a', 'b']);
    expect(report.value[0]?.months.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(report.value[1]?.months.at(-1)?.sent).toBe(1);
    expect(report.value[0]?.questions.map((q) => q.id)).toEqual(['useful']);
  });

  it('refuses a person who leads no unit', async () => {
    expect(await makeUnitReport(deps())({ id: 'member' })).toEqual({ ok: false, error: { code: 'report.not_a_lead' } });
  });

  it('reports at least the current month when asked for fewer than one', async () => {
    const report = await makeUnitReport(deps())({ id: LEAD }, 0);
    expect(report.ok && report.value[0]?.months.map((m) => m.month)).toEqual(['2026-11']);
  });

  it('reads the feedback figures of the led units for the report months only', async () => {
    const calls: unknown[][] = [];
    const answers = async (...args: [readonly string[], readonly string[]]): Promise<MonthCounters[][]> => {
      calls.push(args);
      return [];
    };
    await makeUnitReport(deps(answers))({ id: LEAD }, 2);
    expect(calls).toEqual([[['a', 'b'], ['2026-10', '2026-11']]]);
  });

  it("reads the led units' request figures for the report months only, not their whole history", async () => {
    const calls: unknown[][] = [];
    const requests = async (...args: [readonly string[], readonly string[]]): Promise<MonthCounters[][]> => {
      calls.push(args);
      return [];
    };
    await makeUnitReport(deps(undefined, requests))({ id: LEAD }, 3);
    expect(calls).toEqual([[['a', 'b'], ['2026-09', '2026-10', '2026-11']]]);
  });
});
