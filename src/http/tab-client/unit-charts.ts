import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { MetricsResponse, WireColumn, WireFigure, WireUnitMetrics } from '../metrics-contract.js';
import { columnId, type Figures } from './figures.js';
import { element } from './page-shell.js';

// Only what the charts below draw goes into the bundle.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Told apart by people with impaired colour vision too (Okabe–Ito), the county's teal first. */
const PALETTE = ['#1F6E7A', '#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#D55E00', '#0072B2'];

interface ChartSpec {
  readonly id: 'requests' | 'sentLeadTimes' | 'receivedLeadTimes' | 'meetings' | 'feedback' | 'answerRate';
  readonly type: 'bar' | 'line';
  /** The columns drawn. */
  readonly plots: (column: WireColumn) => boolean;
  /** The columns of the table under the chart, when it shows more than the chart draws. */
  readonly lists?: (column: WireColumn) => boolean;
  readonly max?: number;
}

/** The charts of a unit, in the order the metrics read: volumes, lead times, meetings, feedback. */
const CHARTS: readonly ChartSpec[] = [
  { id: 'requests', type: 'bar', plots: (c) => c.key === 'sent' || c.key === 'received' },
  { id: 'sentLeadTimes', type: 'bar', plots: (c) => c.key.startsWith('sentLeadDays.') },
  { id: 'receivedLeadTimes', type: 'bar', plots: (c) => c.key.startsWith('receivedLeadDays.') },
  { id: 'meetings', type: 'bar', plots: (c) => c.key === 'meetingsHeld' || c.key === 'consentNotGiven' },
  { id: 'feedback', type: 'bar', plots: (c) => c.kind === 'score', max: 5 },
  { id: 'answerRate', type: 'line', plots: (c) => c.key === 'answerRate', lists: (c) => c.key === 'workerAnswers' || c.key === 'answerRate', max: 100 },
];

interface Series {
  readonly column: WireColumn;
  /** The figure of each month, in the order of the response's months. */
  readonly figures: readonly WireFigure[];
}

function seriesOf(data: MetricsResponse, unit: WireUnitMetrics, pick: (column: WireColumn) => boolean): Series[] {
  return data.columns.flatMap((column, index) => (pick(column) ? [{ column, figures: unit.rows.map((row) => row[index] ?? null) }] : []));
}

/** The same figures as the chart, for screen readers and for anyone who wants the numbers. */
function figureTable(f: Figures, spec: ChartSpec, months: readonly string[], series: readonly Series[]): HTMLElement {
  const head = element('tr', {}, element('th', { scope: 'col' }, f.text('month')), ...series.map((s) => element('th', { scope: 'col', 'data-key': columnId(s.column) }, s.column.label)));
  const rows = months.map((month, i) =>
    element(
      'tr',
      { 'data-month': month },
      element('th', { scope: 'row' }, f.month(month)),
      ...series.map((s) => element('td', { 'data-key': columnId(s.column) }, f.shown(s.column, s.figures[i] ?? null))),
    ),
  );
  const table = element('table', { 'data-chart': spec.id }, element('caption', {}, f.text(`chart.${spec.id}`)), element('thead', {}, head), element('tbody', {}, ...rows));
  return element('details', { class: 'figures' }, element('summary', {}, f.text('showTable')), table);
}

function chartConfig(f: Figures, spec: ChartSpec, months: readonly string[], series: readonly Series[]): ChartConfiguration<'bar' | 'line', (number | null)[], string> {
  return {
    type: spec.type,
    data: {
      labels: months.map((m) => f.month(m)),
      datasets: series.map((s, i) => ({
        label: s.column.label,
        data: s.figures.map((figure) => f.plotted(s.column, figure)),
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
      })),
    },
    options: {
      // Drawn at once: nothing moves for a screenshot, a test or a person who prefers less motion.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: f.intlLocale,
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const s = series[item.datasetIndex];
              return s ? `${s.column.label}: ${f.shown(s.column, s.figures[item.dataIndex] ?? null)}` : '';
            },
          },
        },
      },
      scales: { y: { beginAtZero: true, ...(spec.max === undefined ? {} : { max: spec.max }) } },
    },
  };
}

/** Months whose feedback had too few answers for an average: told in words, since a gap in a chart says nothing. */
function suppressionNote(f: Figures, months: readonly string[], series: readonly Series[]): HTMLElement | undefined {
  const withheld = months.filter((_, i) => series.some((s) => s.figures[i] === 'suppressed'));
  if (withheld.length === 0) return undefined;
  return element('p', { class: 'note', 'data-note': 'suppressed' }, f.text('suppressedNote', { months: withheld.map((m) => f.month(m)).join(', ') }));
}

export interface UnitView {
  readonly section: HTMLElement;
  /** Draws the charts; the section must be in the document so the charts know their size. */
  draw(): Chart<'bar' | 'line', (number | null)[], string>[];
}

/** One unit: its name, then each chart with its note and its table. */
export function unitView(f: Figures, data: MetricsResponse, unit: WireUnitMetrics): UnitView {
  const drawings: (() => Chart<'bar' | 'line', (number | null)[], string>)[] = [];
  const figures = CHARTS.map((spec) => {
    const plotted = seriesOf(data, unit, spec.plots);
    const title = f.text(`chart.${spec.id}`);
    const canvas = element('canvas', { role: 'img', 'aria-label': title });
    drawings.push(() => new Chart(canvas, chartConfig(f, spec, data.months, plotted)));
    const note = spec.id === 'feedback' ? suppressionNote(f, data.months, plotted) : undefined;
    return element(
      'figure',
      { 'data-chart': spec.id },
      element('figcaption', {}, title),
      element('div', { class: 'chart' }, canvas),
      ...(note ? [note] : []),
      figureTable(f, spec, data.months, seriesOf(data, unit, spec.lists ?? spec.plots)),
    );
  });
  const section = element('section', { class: 'unit', 'data-unit': unit.unitId }, element('h2', {}, unit.name), element('div', { class: 'charts' }, ...figures));
  return { section, draw: () => drawings.map((draw) => draw()) };
}
