import { describe, expect, it } from 'vitest';
import { makeUnitReport, type ReportDeps } from '../../src/app/reporting/unit-report.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { ONE_QUESTION, madeUpUnit, sentFrom } from '../support/app-requests.js';

const LEAD = 'lead';
const directory = new UnitDirectory([madeUpUnit('a', [LEAD], [], 'social_care'), madeUpUnit('b', ['other'], [LEAD], 'social_care'), madeUpUnit('c', ['other'], [], 'social_care')], []);

function deps(
  answersFor: ReportDeps['feedback']['answersFor'] = async () => [],
  listByUnitInMonths: ReportDeps['requests']['listByUnitInMonths'] = async (unitId) => [sentFrom(unitId, '2026-11-02T08:00:00Z', ['c'])],
): ReportDeps {
  return {
    requests: { listByUnitInMonths },
    feedback: { answersFor },
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

  it('reads the feedback of the led units for the report months only', async () => {
    const calls: unknown[][] = [];
    const answersFor = async (...args: [readonly string[], string, string]): Promise<FeedbackAnswer[]> => {
      calls.push(args);
      return [];
    };
    await makeUnitReport(deps(answersFor))({ id: LEAD }, 2);
    expect(calls).toEqual([[['a', 'b'], '2026-10', '2026-11']]);
  });

  it("reads each led unit's requests for the report months only, not its whole history", async () => {
    const calls: unknown[][] = [];
    const listByUnitInMonths = async (...args: [string, string, string]) => {
      calls.push(args);
      return [];
    };
    await makeUnitReport(deps(undefined, listByUnitInMonths))({ id: LEAD }, 3);
    expect(calls).toEqual([
      ['a', '2026-09', '2026-11'],
      ['b', '2026-09', '2026-11'],
    ]);
  });
});
