import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Clock } from '../app/ports.js';
import { MAX_VIEW_MONTHS, type MakeMetricsView, type MetricsView } from '../app/reporting/metrics-view.js';
import { REPORT_MONTHS } from '../app/reporting/unit-report.js';
import { DEFAULT_LOCALE, LOCALES, localeFromTag } from '../domain/locale.js';
import { metricColumns } from '../domain/metrics/metric-columns.js';
import { MIN_GROUP_SIZE, monthsUpTo } from '../domain/metrics/unit-metrics.js';
import { err, ok, type Result } from '../domain/result.js';
import { localizedMetricsCsv, metricLabel, unitLabel } from '../i18n/metrics-labels.js';
import type { Presentation, PresentationSource } from '../i18n/presentation.js';
import type { MetricsResponse } from './metrics-contract.js';
import { devSignInPeople, metricsPageHtml } from './metrics-tab-page.js';
import { refuse, tabSecurity, tabViewer, type Refusal, type TabSignIn } from './tab-access.js';

export interface MetricsTabDeps extends TabSignIn {
  readonly metricsView: MakeMetricsView;
  readonly presentations: Pick<PresentationSource, 'forLocale'>;
  readonly clock: Clock;
  /** Where `npm run build:tab` put the page's script and styles. */
  readonly assetsDir: string;
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const month = z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional());
const querySchema = z.object({
  unit: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9-]{1,40}$/).optional()),
  from: month,
  to: month,
  lang: z.preprocess(emptyToUndefined, z.enum(LOCALES).optional()),
});

const STATUS_OF: Readonly<Record<string, Refusal['status']>> = {
  'report.not_a_lead': 403,
  'report.invalid_period': 400,
};

function responseOf(view: MetricsView, reader: Presentation): MetricsResponse {
  const columns = metricColumns(view.questions.map((q) => q.id));
  return {
    units: view.visibleUnitIds.map((id) => ({ id, name: unitLabel(reader, id) })),
    months: view.months,
    columns: columns.map((c) => ({ key: c.key, questionId: c.questionId, kind: c.kind, label: metricLabel(reader, view.questions, c) })),
    reports: view.reports.map((report) => ({
      unitId: report.unitId,
      name: unitLabel(reader, report.unitId),
      rows: report.months.map((row) => columns.map((c) => c.value(row) ?? null)),
    })),
  };
}

/**
 * The metrics tab: the page (`/tab/metrics`), its script and styles (`/tab/assets`) and the
 * figures as JSON and CSV (`/tab/api`). The page itself holds no figures; the API answers only
 * a signed-in supervisor, deputy or leadership, each for their own units.
 */
export function createMetricsTab(deps: MetricsTabDeps): Router {
  // Strict: `/tab/metrics/` is not the page, whose relative links would then point one folder too deep.
  const router = Router({ strict: true });
  router.use(tabSecurity);

  const viewerOf = tabViewer(deps);

  async function view(req: Request): Promise<Result<{ view: MetricsView; reader: Presentation }, Refusal>> {
    const viewer = await viewerOf(req);
    if (!viewer.ok) return viewer;
    const query = querySchema.safeParse(req.query);
    if (!query.success) return err({ status: 400, code: 'request.bad_query' });
    const period = monthsUpTo(deps.clock.now(), REPORT_MONTHS);
    const { unit, from = period[0]!, to = period.at(-1)!, lang = DEFAULT_LOCALE } = query.data;
    const result = await deps.metricsView({ id: viewer.value }, { unitId: unit, from, to });
    if (!result.ok) return err({ status: STATUS_OF[result.error.code] ?? 400, code: result.error.code });
    return ok({ view: result.value, reader: deps.presentations.forLocale(lang) });
  }

  router.get('/metrics', (req, res) => {
    const asked = typeof req.query.lang === 'string' ? localeFromTag(req.query.lang) : undefined;
    const lang = asked ?? DEFAULT_LOCALE;
    const period = monthsUpTo(deps.clock.now(), REPORT_MONTHS);
    const reader = deps.presentations.forLocale(lang);
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(
      metricsPageHtml({
        lang,
        langFromAddress: asked !== undefined,
        minGroupSize: MIN_GROUP_SIZE,
        maxMonths: MAX_VIEW_MONTHS,
        period: { from: period[0]!, to: period.at(-1)! },
        devSignIn: deps.devSignIn ? { people: devSignInPeople(reader, reader.directory) } : undefined,
      }),
    );
  });

  router.use('/assets', express.static(deps.assetsDir, { index: false, redirect: false }));

  router.get('/api/metrics', async (req, res) => {
    const answer = await view(req);
    res.setHeader('cache-control', 'no-store');
    if (!answer.ok) return refuse(res, answer.error);
    res.json(responseOf(answer.value.view, answer.value.reader));
  });

  router.get('/api/metrics.csv', async (req, res) => {
    const answer = await view(req);
    res.setHeader('cache-control', 'no-store');
    if (!answer.ok) return refuse(res, answer.error);
    const { view: metrics, reader } = answer.value;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="yhteistyotiimi-mittarit-${metrics.months[0]}-${metrics.months.at(-1)}.csv"`);
    // The byte order mark makes Excel read the file as UTF-8 (ä, ö, å).
    res.send(`\uFEFF${localizedMetricsCsv(reader, metrics.reports)}`);
  });

  router.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  return router;
}
