import { describe, expect, it } from 'vitest';
import { makeMetricsView } from '../../src/app/reporting/metrics-view.js';
import type { MonthCounters } from '../../src/domain/metrics/month-figures.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { ONE_QUESTION, madeUpUnit, sentFrom } from '../support/app-requests.js';
import { answerFigures, requestFigures } from '../support/month-figures.js';

const directory = new UnitDirectory(
  [madeUpUnit('a', ['lead']), madeUpUnit('b', ['other'], ['lead']), madeUpUnit('c', ['other']), madeUpUnit('d', ['other'])],
  [],
  [
    { id: 'director', units: 'all' },
    { id: 'sector-head', units: ['c', 'd'] },
  ],
);

function view(monthFigures: (units: readonly string[], months: readonly string[]) => Promise<MonthCounters[][]> = answerFigures([]).monthFigures) {
  return makeMetricsView({
    requests: requestFigures(directory.units.map((u) => sentFrom(u.id, '2026-10-02T08:00:00Z'))),
    feedback: { monthFigures },
    questionnaire: ONE_QUESTION,
    directory: { current: () => directory },
  });
}

const period = { from: '2026-09', to: '2026-11' };

describe('metrics view', () => {
  it('shows a supervisor or deputy every unit they lead, month by month of the period', async () => {
    const result = await view()({ id: 'lead' }, period);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.visibleUnitIds).toEqual(['a', 'b']);
    expect(result.value.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(result.value.reports.map((r) => r.unitId)).toEqual(['a', 'b']);
    expect(result.value.reports[0]?.months.map((m) => m.sent)).toEqual([0, 1, 0]);
  });

  it('narrows to the one unit asked for, and shows nothing for a unit the viewer may not see or that does not exist', async () => {
    const one = await view()({ id: 'lead' }, { ...period, unitId: 'b' });
    const foreign = await view()({ id: 'lead' }, { ...period, unitId: 'c' });
    const unknown = await view()({ id: 'lead' }, { ...period, unitId: 'zz' });
    expect(one.ok && one.value.reports.map((r) => r.unitId)).toEqual(['b']);
    expect(foreign).toEqual(unknown);
    expect(foreign.ok && foreign.value.reports).toEqual([]);
    expect(foreign.ok && foreign.value.visibleUnitIds).toEqual(['a', 'b']);
  });

  it('shows leadership every unit, or the units the directory grants them', async () => {
    const director = await view()({ id: 'director' }, period);
    const sectorHead = await view()({ id: 'sector-head' }, period);
    expect(director.ok && director.value.visibleUnitIds).toEqual(['a', 'b', 'c', 'd']);
    expect(sectorHead.ok && sectorHead.value.visibleUnitIds).toEqual(['c', 'd']);
  });

  it('refuses anyone who leads no unit and has no leadership grant', async () => {
    expect(await view()({ id: 'member' }, period)).toEqual({ ok: false, error: { code: 'report.not_a_lead' } });
  });

  it('refuses a period that ends before it starts or is longer than two years', async () => {
    for (const bad of [{ from: '2026-11', to: '2026-09' }, { from: '2024-11', to: '2026-11' }, { from: 'last', to: 'year' }]) {
      expect(await view()({ id: 'lead' }, bad)).toEqual({ ok: false, error: { code: 'report.invalid_period' } });
    }
  });

  it('reads the feedback of the shown units for the period only', async () => {
    const calls: unknown[][] = [];
    await view(async (...args) => {
      calls.push(args);
      return [[]];
    })({ id: 'director' }, { ...period, unitId: 'c' });
    expect(calls).toEqual([[['c'], ['2026-09', '2026-10', '2026-11']]]);
  });
});
