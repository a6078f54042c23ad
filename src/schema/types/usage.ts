import { projectScope } from '../../authz/actor.js';
import type { UsageEventRow } from '../../db/database.js';
import { fieldError } from '../../http/http-errors.js';
import { DENIED_OUTCOMES, OUTCOMES, type Outcome } from '../../usage/usage-event.js';
import {
  checkTimeOrder,
  checkUsageRange,
  emptyUsageReport,
  type FieldUsage,
  fieldUsage,
  type Granularity,
  listRequestLogs,
  MAX_RANGE_DAYS,
  type OutcomeCount,
  type UsagePoint,
  type UsageReport,
  usageReport,
} from '../../usage/usage-queries.js';
import type { RecorderStats } from '../../usage/usage-recorder.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';

export const OutcomeEnum = builder.enumType('Outcome', {
  description: 'How a metered request ended.',
  values: OUTCOMES,
});

export const GranularityEnum = builder.enumType('Granularity', {
  description: 'The width of a usage series bucket, in UTC.',
  values: ['HOUR', 'DAY'] as const,
});

const UsageFilter = builder.inputType('UsageFilter', {
  description: 'Every field given narrows the result; they combine (AND).',
  fields: (t) => ({
    projectId: t.id({ description: "Defaults to the calling key's project; admin keys: all." }),
    keyId: t.id(),
    from: t.field({
      type: 'DateTime',
      required: true,
      description: 'Rounded down to the start of its hour (its UTC day for DAY series).',
    }),
    to: t.field({
      type: 'DateTime',
      required: true,
      description: 'Exclusive: every hour that starts before it is counted whole.',
    }),
    outcome: t.field({ type: OutcomeEnum }),
    region: t.string(),
    operationName: t.string(),
  }),
});

const OutcomeCountRef = builder.objectRef<OutcomeCount>('OutcomeCount').implement({
  fields: (t) => ({
    outcome: t.field({ type: OutcomeEnum, resolve: (o) => o.outcome }),
    count: t.exposeInt('count'),
  }),
});

const UsagePointRef = builder.objectRef<UsagePoint>('UsagePoint').implement({
  fields: (t) => ({
    bucket: t.field({
      type: 'DateTime',
      description: 'Start of the hour or UTC day.',
      resolve: (p) => p.bucket,
    }),
    requests: t.exposeInt('requests'),
    denied: t.exposeInt('denied', {
      description: `Requests refused: ${[...DENIED_OUTCOMES].join(', ')}.`,
    }),
    cost: t.exposeInt('cost'),
  }),
});

const UsageReportRef = builder.objectRef<UsageReport>('UsageReport').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    byOutcome: t.field({
      type: [OutcomeCountRef],
      description: 'Every outcome that occurred, most frequent first (ties by name).',
      resolve: (r) => r.byOutcome,
    }),
    series: t.field({
      type: [UsagePointRef],
      description: 'One point per bucket from the start of `from` up to `to`, empty ones as 0.',
      resolve: (r) => r.series,
    }),
  }),
});

const FieldUsageRef = builder.objectRef<FieldUsage>('FieldUsage').implement({
  fields: (t) => ({
    coordinate: t.exposeString('coordinate', { description: 'e.g. "Invoice.amountCents"' }),
    region: t.exposeString('region', {
      nullable: true,
      description: 'Set when asked `byRegion` (null there: no region known); else null.',
    }),
    count: t.exposeInt('count', { description: 'Requests that selected this field.' }),
  }),
});

const RequestLogRef = builder.objectRef<UsageEventRow>('RequestLog').implement({
  description: 'One metered request. Holds ids only, never a key secret.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The request id, also sent as Keygate-Request-Id.' }),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    keyId: t.exposeID('key_id', { nullable: true }),
    projectId: t.exposeID('project_id', { nullable: true }),
    operationName: t.exposeString('operation_name', { nullable: true }),
    operationType: t.exposeString('operation_type', { nullable: true }),
    outcome: t.field({ type: OutcomeEnum, resolve: (e) => e.outcome as Outcome }),
    httpStatus: t.exposeInt('http_status'),
    durationMs: t.exposeFloat('duration_ms'),
    cost: t.exposeInt('cost', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    region: t.exposeString('region', { nullable: true }),
    userAgent: t.exposeString('user_agent', { nullable: true }),
    fields: t.stringList({
      description: 'Schema coordinates the operation selected (introspection excluded).',
      resolve: (e) => JSON.parse(e.fields) as string[],
    }),
  }),
});

/** Exported for other fields that list requests (e.g. a compromised key's recent requests). */
export { RequestLogRef };

const RequestLogConnection = connectionType<UsageEventRow>('RequestLog', RequestLogRef);

const RequestLogFilter = builder.inputType('RequestLogFilter', {
  description: 'Every field given narrows the list; they combine (AND).',
  fields: (t) => ({
    projectId: t.id(),
    keyId: t.id(),
    outcome: t.field({ type: OutcomeEnum }),
    requestId: t.id(),
    operationName: t.string(),
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

const MeteringStatusRef = builder.objectRef<RecorderStats>('MeteringStatus').implement({
  description: 'The usage recorder of the process that answers: what it holds, wrote and lost.',
  fields: (t) => ({
    buffered: t.exposeInt('buffered', { description: 'Events waiting in memory.' }),
    written: t.exposeInt('written', { description: 'Events stored since the process started.' }),
    dropped: t.exposeInt('dropped', {
      description: 'Events lost because the buffer was full, since the process started.',
    }),
    failedFlushes: t.exposeInt('failedFlushes', {
      description: 'Writes that failed and were retried.',
    }),
    lastFlushAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.lastFlushAt }),
  }),
});

const MAX_FIELD_USAGE = 500;

builder.queryFields((t) => ({
  usage: t.field({
    type: UsageReportRef,
    nullable: true,
    description:
      'Requests counted from the hourly rollups. Times are truncated: `from` to the start of its ' +
      'hour (HOUR) or UTC day (DAY), and every hour that starts before `to` counts whole. ' +
      `At most ${MAX_RANGE_DAYS.HOUR} days at HOUR granularity, ${MAX_RANGE_DAYS.DAY} at DAY. ` +
      'A project key sees only its own project; admin keys see all (and requests with no project).',
    authScopes: { scope: 'usage:read' },
    args: {
      filter: t.arg({ type: UsageFilter, required: true }),
      granularity: t.arg({ type: GranularityEnum, defaultValue: 'HOUR' }),
    },
    resolve: (_root, { filter, granularity }, ctx) => {
      const g: Granularity = granularity ?? 'HOUR';
      const invalid = checkUsageRange(filter.from, filter.to, g);
      if (invalid !== null) throw fieldError('BAD_USER_INPUT', invalid);
      const scope = projectScope(ctx.actor, filter.projectId);
      if (scope === null) return emptyUsageReport(filter.from, filter.to, g);
      return usageReport(
        ctx.services.db,
        {
          ...scope,
          keyId: filter.keyId,
          outcome: filter.outcome,
          region: filter.region,
          operationName: filter.operationName,
          from: filter.from,
          to: filter.to,
        },
        g,
      );
    },
  }),
  fieldUsage: t.field({
    type: [FieldUsageRef],
    nullable: true,
    description:
      'The most-used schema coordinates first (ties by name), from hourly field rollups kept ' +
      'per project, key and region: `outcome` and `operationName` cannot filter them. ' +
      '`from` is truncated to the start of its hour; every hour that starts before `to` counts.',
    authScopes: { scope: 'usage:read' },
    args: {
      filter: t.arg({ type: UsageFilter, required: true }),
      first: t.arg.int({ defaultValue: 50, description: `1–${MAX_FIELD_USAGE}.` }),
      byRegion: t.arg.boolean({
        defaultValue: false,
        description: 'true: one row per coordinate and region; false: regions summed.',
      }),
    },
    resolve: async (_root, { filter, first, byRegion }, ctx) => {
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIELD_USAGE) {
        throw fieldError(
          'BAD_USER_INPUT',
          `"first" must be between 1 and ${MAX_FIELD_USAGE}, got ${limit}`,
        );
      }
      if (filter.outcome != null || filter.operationName != null) {
        throw fieldError(
          'BAD_USER_INPUT',
          'fieldUsage is rolled up by project, key and region only: ' +
            'filter it without "outcome" and "operationName"',
        );
      }
      const unordered = checkTimeOrder(filter.from, filter.to);
      if (unordered !== null) throw fieldError('BAD_USER_INPUT', unordered);
      const scope = projectScope(ctx.actor, filter.projectId);
      if (scope === null) return [];
      return fieldUsage(ctx.services.db, {
        ...scope,
        keyId: filter.keyId,
        region: filter.region,
        from: filter.from,
        to: filter.to,
        byRegion: byRegion ?? false,
        limit,
      });
    },
  }),
  requestLogs: t.field({
    type: RequestLogConnection,
    nullable: true,
    description:
      'Raw requests, newest first, kept for the log retention period. A project key sees only ' +
      'its own project; admin keys see all (and requests with no project).',
    authScopes: { scope: 'usage:read' },
    args: { filter: t.arg({ type: RequestLogFilter }), ...connectionArgs },
    resolve: (_root, args, ctx) =>
      paginate(args, 'req', async (page) => {
        const f = args.filter ?? {};
        const scope = projectScope(ctx.actor, f.projectId);
        if (scope === null) return [];
        return listRequestLogs(ctx.services.db, {
          ...scope,
          keyId: f.keyId,
          outcome: f.outcome,
          requestId: f.requestId,
          operationName: f.operationName,
          from: f.from,
          to: f.to,
          beforeId: page.afterId,
          limit: page.limit,
        });
      }),
  }),
  meteringStatus: t.field({
    type: MeteringStatusRef,
    nullable: true,
    description: "This process's usage recorder; dropped > 0 means usage was lost. Admin keys.",
    authScopes: { $all: { scope: 'usage:read', admin: true } },
    resolve: (_root, _args, ctx) => ctx.services.usage.stats(),
  }),
}));
