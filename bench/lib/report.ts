/**
 * The one table `npm run bench` ends with (issue 8): every measure, its target and its
 * measured figure, also written as JSON to bench/results/ so that a regression shows in review.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** One row of the summary: a measure of issue 8's table. */
export interface SummaryRow {
  /** Stable identifier, e.g. `http.full-vs-plain`; the JSON is keyed by it. */
  id: string;
  /** What is measured, as printed. */
  measure: string;
  /** The measured figure as printed, e.g. `1.23× req/s, p99 0.91×`. */
  result: string;
  /** The target as printed, e.g. `≥ 1.2× req/s, p99 ≤ 1.0×`. */
  target: string;
  /** Met, not met, or not measured (null; `result` then says why). */
  met: boolean | null;
  /** The numbers behind `result`, for the JSON (units in the names). */
  values: Record<string, number | number[] | string | null>;
}

const verdict = (met: boolean | null) => (met === null ? 'NOT MEASURED' : met ? 'MET' : 'NOT MET');

export function formatSummary(rows: readonly SummaryRow[]): string {
  const table = [
    ['measure', 'result', 'target', ''],
    ...rows.map((r) => [r.measure, r.result, r.target, verdict(r.met)]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const met = rows.filter((r) => r.met === true).length;
  return [
    '',
    'Keygate performance budget (issue 8)',
    '',
    line(table[0] ?? []),
    rule,
    ...table.slice(1).map(line),
    '',
    `${met} of ${rows.length} targets met`,
    '',
  ].join('\n');
}

/** Writes the rows as bench/results/<time>.json and bench/results/latest.json; returns the path. */
export function writeSummary(
  rows: readonly SummaryRow[],
  meta: { commit: string | null; settings: Record<string, unknown>; seconds: number },
  dir = join(import.meta.dirname, '..', 'results'),
): string {
  mkdirSync(dir, { recursive: true });
  const at = new Date();
  const body = {
    at: at.toISOString(),
    commit: meta.commit,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    seconds: Math.round(meta.seconds),
    settings: meta.settings,
    rows: rows.map((r) => ({ ...r, verdict: verdict(r.met) })),
  };
  const text = `${JSON.stringify(body, null, 2)}\n`;
  const file = join(dir, `${at.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return file;
}
