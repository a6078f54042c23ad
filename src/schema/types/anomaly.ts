import { ANOMALY_KINDS, type Anomaly } from '../../monitoring/anomaly.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';
import { unwrap } from '../unwrap.js';
import { ApiKeyRef } from './api-key.js';
import { SeverityEnum } from './severity.js';

/** What each kind means; the README gives the exact rules and thresholds. */
const KIND_DESCRIPTIONS: Record<(typeof ANOMALY_KINDS)[number], string> = {
  REQUEST_SPIKE: "This hour's requests far above the same hour of the past 7 days.",
  REFUSAL_SURGE: 'Many refused requests (FORBIDDEN, ORIGIN_NOT_ALLOWED) this hour.',
  NEW_REGION: 'A region the key was not used from in its history.',
  NEW_IP_RANGE: 'An ip range (/24, /48) the key was not used from in its history.',
  MANY_IPS: 'A SECRET key used from many distinct ips in the last hour.',
};

const AnomalyKindEnum = builder.enumType('AnomalyKind', {
  values: Object.fromEntries(
    ANOMALY_KINDS.map((kind) => [kind, { description: KIND_DESCRIPTIONS[kind] }]),
  ) as Record<(typeof ANOMALY_KINDS)[number], { description: string }>,
});

const AnomalyRef = builder.objectRef<Anomaly>('Anomaly').implement({
  description:
    'Something unusual about how a key is used, found by the detectors (every minute by default).',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: AnomalyKindEnum, resolve: (a) => a.kind }),
    severity: t.field({ type: SeverityEnum, resolve: (a) => a.severity }),
    keyId: t.exposeID('keyId'),
    key: t.field({
      type: ApiKeyRef,
      nullable: true,
      authScopes: { scope: 'keys:read' },
      resolve: (a, _args, ctx) => ctx.services.keys.getKey(ctx.actor, a.keyId),
    }),
    projectId: t.exposeID('projectId', { nullable: true, description: 'null for an admin key.' }),
    evidence: t.field({
      type: 'JSON',
      description:
        'The numbers behind the finding: its window, counts, baseline and thresholds, the new region or ip range.',
      resolve: (a) => a.evidence,
    }),
    detectedAt: t.field({ type: 'DateTime', resolve: (a) => a.detectedAt }),
    acknowledgedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.acknowledgedAt }),
    acknowledgedByKeyId: t.exposeID('acknowledgedByKeyId', { nullable: true }),
    suspendedKey: t.exposeBoolean('suspended', {
      description: "true when it disabled its key (the project's alertPolicy).",
    }),
  }),
});

const AnomalyConnection = connectionType<Anomaly>('Anomaly', AnomalyRef);

const AnomalyFilter = builder.inputType('AnomalyFilter', {
  fields: (t) => ({
    projectId: t.id(),
    keyId: t.id(),
    kind: t.field({ type: AnomalyKindEnum }),
    minSeverity: t.field({ type: SeverityEnum, description: 'This severity and above.' }),
    acknowledged: t.boolean(),
    from: t.field({ type: 'DateTime', description: 'detectedAt at or after.' }),
    to: t.field({ type: 'DateTime', description: 'detectedAt before.' }),
  }),
});

builder.queryField('anomalies', (t) =>
  t.field({
    type: AnomalyConnection,
    nullable: true,
    description:
      "Newest first. Admin keys see every project's (and admin keys'); a project key sees its project's.",
    authScopes: { scope: 'usage:read' },
    args: { filter: t.arg({ type: AnomalyFilter }), ...connectionArgs },
    resolve: (_root, args, ctx) =>
      paginate(args, 'anm', (page) =>
        ctx.services.anomalies.listAnomalies(ctx.actor, args.filter ?? {}, page),
      ),
  }),
);

builder.mutationField('acknowledgeAnomaly', (t) =>
  t.field({
    type: AnomalyRef,
    nullable: true,
    description:
      'Marks an anomaly seen (audited as anomaly.acknowledged). Its key stays as it is: enable a suspended key with updateKey(enabled: true).',
    authScopes: { scope: 'keys:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) =>
      unwrap(await ctx.services.anomalies.acknowledgeAnomaly(ctx.actor, id)),
  }),
);
