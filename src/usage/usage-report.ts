import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { parseIsoDateTime } from '../lib/date-time.js';
import { ok, type Result } from '../lib/result.js';
import { badInput } from '../lib/validate.js';
import { DENIED_OUTCOMES, type Outcome } from './usage-event.js';
import { bucketStart, checkUsageRange, type Granularity } from './usage-queries.js';

/** Which rows a report holds. `projectId` undefined: every project (and requests with none). */
export interface UsageReportQuery {
  projectId?: string;
  from: Date;
  to: Date;
  granularity: Granularity;
}

/** One report row: a bucket's requests of one key with one outcome. Ids and names, no secret. */
export interface UsageReportRow {
  /** Start of the UTC hour or day, e.g. `2026-11-28T00:00:00.000Z`. */
  bucket: string;
  /** null: requests that no project could be found for (no key, unknown key). */
  projectId: string | null;
  keyId: string | null;
  keyName: string | null;
  outcome: Outcome;
  requests: number;
  /** `requests` when the outcome is a refusal (DENIED_OUTCOMES), else 0. */
  denied: number;
  cost: number;
}

/** What a caller typed: query-string parameters or CLI options. */
export interface UsageReportInput {
  projectId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  /** @default 'DAY' */
  granularity?: string | null | undefined;
}

const EXAMPLE = '2026-11-01T00:00:00Z';

function parseDateTime(name: string, value: string | null | undefined): Date | string {
  if (value === null || value === undefined || value === '') {
    return `"${name}" is required: an ISO-8601 date and time with a time zone, e.g. "${EXAMPLE}"`;
  }
  const date = parseIsoDateTime(value);
  if (date === null) {
    return `"${name}" must be an ISO-8601 date and time with a time zone, e.g. "${EXAMPLE}"; got "${value.slice(0, 64)}"`;
  }
  return date;
}

/**
 * Checks a report request: `from` and `to` are ISO-8601 with a time zone, `granularity` is
 * HOUR or DAY (default DAY), and the range obeys the limits of the GraphQL `usage` query.
 */
export function parseUsageReportInput(
  input: UsageReportInput,
): Result<UsageReportQuery, 'BAD_USER_INPUT'> {
  const from = parseDateTime('from', input.from);
  if (typeof from === 'string') return badInput(from);
  const to = parseDateTime('to', input.to);
  if (typeof to === 'string') return badInput(to);
  const granularity = input.granularity ?? 'DAY';
  if (granularity !== 'HOUR' && granularity !== 'DAY') {
    return badInput(`"granularity" must be HOUR or DAY; got "${granularity.slice(0, 64)}"`);
  }
  const range = checkUsageRange(from, to, granularity);
  if (range !== null) return badInput(range);
  const projectId = input.projectId ?? '';
  return ok(projectId === '' ? { from, to, granularity } : { projectId, from, to, granularity });
}

/** Rows per query: a report is read page by page, never held in memory whole. */
const PAGE_SIZE = 1000;

/**
 * The report's rows, one per (bucket, project, key, outcome) with requests, ordered by
 * bucket, project, key and outcome, read from the hourly rollups a page at a time (keyset on
 * that order), so a slow reader never holds the database and memory stays flat. An hour
 * counts when it starts within [start of the bucket holding `from`, `to`), as in `usage`.
 */
export async function* usageReportPages(
  db: Db,
  q: UsageReportQuery,
  pageSize = PAGE_SIZE,
): AsyncGenerator<UsageReportRow[]> {
  // Rollup hours are `YYYY-MM-DDTHH:00:00.000Z`; a day is their first 10 characters.
  const bucket =
    q.granularity === 'HOUR'
      ? sql<string>`u.hour`
      : sql<string>`substr(u.hour, 1, 10) || 'T00:00:00.000Z'`;
  let after: { bucket: string; projectId: string; keyId: string; outcome: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('usage_hourly as u')
      .leftJoin('api_keys as k', 'k.id', 'u.key_id')
      .where('u.hour', '>=', bucketStart(q.from, q.granularity).toISOString())
      .where('u.hour', '<', q.to.toISOString());
    if (q.projectId !== undefined) query = query.where('u.project_id', '=', q.projectId);
    if (after !== null) {
      query = query
        .where('u.hour', '>=', after.bucket)
        .where(
          sql<boolean>`(${bucket}, u.project_id, u.key_id, u.outcome) > (${after.bucket}, ${after.projectId}, ${after.keyId}, ${after.outcome})`,
        );
    }
    const rows = await query
      .select((eb) => [
        bucket.as('bucket'),
        'u.project_id as projectId',
        'u.key_id as keyId',
        'k.name as keyName',
        'u.outcome as outcome',
        eb.fn.sum<number | string>('u.requests').as('requests'),
        eb.fn.sum<number | string>('u.cost').as('cost'),
      ])
      .groupBy([bucket, 'u.project_id', 'u.key_id', 'k.name', 'u.outcome'])
      .having((eb) => eb.fn.sum('u.requests'), '>', 0)
      .orderBy(bucket)
      .orderBy('u.project_id')
      .orderBy('u.key_id')
      .orderBy('u.outcome')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const outcome = r.outcome as Outcome;
      const requests = Number(r.requests);
      return {
        bucket: r.bucket,
        projectId: r.projectId === '' ? null : r.projectId,
        keyId: r.keyId === '' ? null : r.keyId,
        keyName: r.keyName ?? null,
        outcome,
        requests,
        denied: DENIED_OUTCOMES.has(outcome) ? requests : 0,
        cost: Number(r.cost),
      };
    });
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    after = {
      bucket: last.bucket,
      projectId: last.projectId,
      keyId: last.keyId,
      outcome: last.outcome,
    };
  }
}

export const USAGE_CSV_HEADER = 'bucket,project_id,key_id,key_name,outcome,requests,denied,cost';

/** Cells a spreadsheet would read as a formula (OWASP CSV injection): prefixed with `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV text field (RFC 4180): defused, then quoted when it holds `,` `"` CR or LF. */
export function csvField(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export function usageCsvRecord(row: UsageReportRow): string {
  return `${[
    csvField(row.bucket),
    csvField(row.projectId),
    csvField(row.keyId),
    csvField(row.keyName),
    csvField(row.outcome),
    String(row.requests),
    String(row.denied),
    String(row.cost),
  ].join(',')}\r\n`;
}

/** The report as CSV text chunks: the header line, then one chunk per page of rows. */
export async function* usageReportCsv(
  pages: AsyncIterable<UsageReportRow[]>,
): AsyncGenerator<string> {
  yield `${USAGE_CSV_HEADER}\r\n`;
  for await (const page of pages) yield page.map(usageCsvRecord).join('');
}

/** No pages at all: what a foreign project's report holds (the header alone). */
export async function* noUsageReportPages(): AsyncGenerator<UsageReportRow[]> {}

/** `keygate-usage-20261101T000000Z-20261201T000000Z.csv`: ISO-8601 basic format, no colons. */
export function usageReportFilename(from: Date, to: Date): string {
  const stamp = (at: Date) =>
    at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, 'Z');
  return `keygate-usage-${stamp(from)}-${stamp(to)}.csv`;
}
