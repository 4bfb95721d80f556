import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redis } from 'ioredis';

export type Verdict = 'PASS' | 'MISS' | '';

/** One line of the verdict table: what was measured, what it came to, and the issue's target. */
export interface ResultRow {
  readonly section: string;
  readonly measurement: string;
  readonly value: string;
  readonly target: string;
  readonly verdict: Verdict;
}

/** A free-form table beside the verdicts, such as the side-by-side throughput figures. */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns from this index on are numbers, right-aligned on the console. */
  readonly numericFrom: number;
}

export interface Machine {
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memory: string;
  readonly node: string;
  readonly redis: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export const verdict = (met: boolean): Verdict => (met ? 'PASS' : 'MISS');

export async function machineOf(redis: Redis): Promise<Machine> {
  const info = await redis.info('server');
  return {
    os: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}

function aligned(header: readonly string[], rows: readonly (readonly string[])[], numericFrom: number): string[] {
  const lines = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  return lines.map((line) => line.map((cell, column) => (column >= numericFrom ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

const VERDICT_HEADER = ['section', 'measurement', 'value', 'target', 'verdict'] as const;
const verdictCells = (r: ResultRow) => [r.section, r.measurement, r.value, r.target, r.verdict];

export function printReport(tables: readonly Table[], results: readonly ResultRow[], notes: readonly string[]): void {
  for (const table of tables) console.log(`\n${table.title}\n\n${aligned(table.header, table.rows, table.numericFrom).join('\n')}`);
  console.log(`\nResults against the targets of issue #8\n\n${aligned(VERDICT_HEADER, results.map(verdictCells), 99).join('\n')}`);
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], numericFrom: number): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = header.map((_, column) => (column >= numericFrom ? '---:' : '---'));
  return [line(header), `|${rule.join('|')}|`, ...rows.map(line)].join('\n');
}

/** The 1-minute load average: anything else running on the machine took CPU from the measurements. */
export const loadNow = () => loadavg()[0]!.toFixed(2);

export interface ReportContext {
  readonly startedAt: Date;
  /** Load averages at the start and the end of the run. */
  readonly load: readonly [string, string];
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly settings: Readonly<Record<string, string>>;
}

export function writeMarkdown(path: string, context: ReportContext, tables: readonly Table[], results: readonly ResultRow[], notes: readonly string[]): void {
  const { machine } = context;
  const misses = results.filter((r) => r.verdict === 'MISS').length;
  const passes = results.filter((r) => r.verdict === 'PASS').length;
  const markdown = [
    '# Benchmark results (`npm run bench`)',
    '',
    `Run ${context.startedAt.toISOString()}, ${context.durationSeconds.toFixed(0)} s in all. ${passes} targets met, ${misses} missed. ` +
      'Targets are from issue #8; the bench reports them and never fails CI on them.',
    '',
    '## Machine',
    '',
    markdownTable(
      ['', 'ran on'],
      [
        ['OS', machine.os],
        ['CPU', machine.cpu],
        ['cores', String(machine.cores)],
        ['memory', machine.memory],
        ['Node.js', machine.node],
        ['Redis', machine.redis],
        ['load average (1 min)', `${context.load[0]} at the start, ${context.load[1]} at the end`],
      ],
      99,
    ),
    '',
    '## Settings',
    '',
    markdownTable(['setting', 'value'], Object.entries(context.settings), 99),
    '',
    '## Results',
    '',
    markdownTable(VERDICT_HEADER, results.map(verdictCells), 99),
    '',
    ...tables.flatMap((t) => [`## ${t.title}`, '', markdownTable(t.header, t.rows, t.numericFrom), '']),
    '## How it was measured',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, markdown);
}
