import type { UsageEventRow } from '../../db/database.js';
import { type ApiKey, keyStatus } from '../../keys/api-key.js';
import type { CreatedKey, LeakResult } from '../../keys/key-service.js';
import { distinctIpsOfKey, listRequestLogs } from '../../usage/usage-queries.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';
import { unwrap } from '../unwrap.js';
import { KeyEnvironmentEnum, KeyKindEnum, KeyStatusEnum, RevocationReasonEnum } from './enums.js';
import { ProjectRef } from './project.js';
import { RequestLogRef } from './usage.js';

export const ApiKeyRef = builder.objectRef<ApiKey>('ApiKey');

ApiKeyRef.implement({
  description: 'An API key. Its secret is never readable: only `hint` identifies it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.field({ type: KeyKindEnum, resolve: (k) => k.kind }),
    environment: t.field({ type: KeyEnvironmentEnum, resolve: (k) => k.environment }),
    hint: t.exposeString('hint', {
      description: 'Prefix and last four characters, e.g. "kg_sk_live_…Qx9a".',
    }),
    project: t.field({
      type: ProjectRef,
      nullable: true,
      description: 'null for admin keys.',
      resolve: (k, _args, ctx) =>
        k.projectId === null ? null : ctx.services.projects.getProject(ctx.actor, k.projectId),
    }),
    scopes: t.exposeStringList('scopes'),
    status: t.field({
      type: KeyStatusEnum,
      resolve: (k, _args, ctx) => keyStatus(k, ctx.services.clock.now()),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.expiresAt }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'The last request made with this key; updated once per metering flush (≤ 1 s).',
      resolve: (k) => k.lastUsedAt,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the key stopped working (for a rotated key: when its grace period ended).',
      resolve: (k, _args, ctx) =>
        k.revokedAt !== null && k.revokedAt <= ctx.services.clock.now() ? k.revokedAt : null,
    }),
    revocationReason: t.field({
      type: RevocationReasonEnum,
      nullable: true,
      resolve: (k) => k.revocationReason,
    }),
    graceEndsAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.graceEndsAt }),
    rotatedFrom: t.field({
      type: ApiKeyRef,
      nullable: true,
      resolve: (k, _args, ctx) =>
        k.rotatedFromId === null ? null : ctx.services.keys.getKey(ctx.actor, k.rotatedFromId),
    }),
    replacedBy: t.field({
      type: ApiKeyRef,
      nullable: true,
      resolve: (k, _args, ctx) =>
        k.replacedById === null ? null : ctx.services.keys.getKey(ctx.actor, k.replacedById),
    }),
    allowedIps: t.exposeStringList('allowedIps', {
      description:
        'IPv4/IPv6 addresses and CIDR ranges the key may be used from; empty = anywhere. Else 403 ORIGIN_NOT_ALLOWED.',
    }),
    allowedOrigins: t.exposeStringList('allowedOrigins', {
      description:
        'Origins (https://app.example.com, https://*.example.com) the key may be used from, matched against Origin, else Referer; empty = any.',
    }),
    enabled: t.boolean({
      description: 'false while disabled (status DISABLED, requests answer KEY_DISABLED).',
      resolve: (k) => k.disabledAt === null,
    }),
    rateLimitPerMinute: t.exposeInt('rateLimitPerMinute', {
      nullable: true,
      description: 'Per-key override of the plan; null = plan default.',
    }),
    usageLimit: t.exposeInt('usageLimit', {
      nullable: true,
      description:
        'Total requests this key may ever make (e.g. a trial key); null = no limit. Past it: 429 QUOTA_EXCEEDED.',
    }),
    remaining: t.int({
      nullable: true,
      description: 'Requests left under usageLimit; null when the key has none.',
      resolve: (k) => (k.usageLimit === null ? null : Math.max(0, k.usageLimit - k.usageCount)),
    }),
    metadata: t.field({ type: 'JSON', nullable: true, resolve: (k) => k.metadata }),
  }),
});

export const ApiKeyConnection = connectionType<ApiKey>('ApiKey', ApiKeyRef);

const CreateKeyPayload = builder.objectRef<CreatedKey>('CreateKeyPayload').implement({
  fields: (t) => ({
    key: t.field({ type: ApiKeyRef, resolve: (p) => p.key }),
    secret: t.exposeString('secret', {
      description: 'The full key. Shown once, here; Keygate stores only its SHA-256 digest.',
    }),
    warnings: t.exposeStringList('warnings', {
      description:
        "Advice about the key's settings, e.g. a PUBLISHABLE key without allowedOrigins.",
    }),
  }),
});

export const KeyFilter = builder.inputType('KeyFilter', {
  fields: (t) => ({
    projectId: t.id(),
    status: t.field({ type: KeyStatusEnum }),
    kind: t.field({ type: KeyKindEnum }),
    dueForRotation: t.boolean({
      description: "true: only keys older than their project's rotationPolicy.maxKeyAgeDays.",
    }),
  }),
});

const CreateKeyInput = builder.inputType('CreateKeyInput', {
  fields: (t) => ({
    projectId: t.id({ description: "Defaults to the calling key's project; omit for ADMIN keys." }),
    name: t.string({ required: true }),
    kind: t.field({ type: KeyKindEnum, defaultValue: 'SECRET' }),
    environment: t.field({ type: KeyEnvironmentEnum, defaultValue: 'LIVE' }),
    scopes: t.stringList({ required: true }),
    expiresAt: t.field({ type: 'DateTime' }),
    allowedIps: t.stringList(),
    allowedOrigins: t.stringList(),
    rateLimitPerMinute: t.int(),
    usageLimit: t.int({ description: 'Total requests the key may ever make; omit for no limit.' }),
    metadata: t.field({
      type: 'JSON',
      description: 'A JSON object of at most 8 KiB, returned verbatim.',
    }),
  }),
});

const UpdateKeyInput = builder.inputType('UpdateKeyInput', {
  description: 'Omitted fields stay as they are; null clears a nullable one.',
  fields: (t) => ({
    name: t.string(),
    scopes: t.stringList(),
    expiresAt: t.field({ type: 'DateTime' }),
    allowedIps: t.stringList(),
    allowedOrigins: t.stringList(),
    rateLimitPerMinute: t.int(),
    usageLimit: t.int({
      description:
        'null removes the limit. The count of requests made is kept: raise it to grant more.',
    }),
    enabled: t.boolean({
      description:
        'false disables the key (401 KEY_DISABLED) without revoking it; true enables it.',
    }),
    metadata: t.field({ type: 'JSON' }),
  }),
});

builder.queryFields((t) => ({
  keys: t.field({
    type: ApiKeyConnection,
    nullable: true,
    description: "Newest first. Admin keys see every key; a project key sees its project's.",
    authScopes: { scope: 'keys:read' },
    args: { filter: t.arg({ type: KeyFilter }), ...connectionArgs },
    resolve: (_root, args, ctx) =>
      paginate(args, 'key', (page) =>
        ctx.services.keys.listKeys(ctx.actor, args.filter ?? {}, page),
      ),
  }),
  key: t.field({
    type: ApiKeyRef,
    nullable: true,
    authScopes: { scope: 'keys:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.keys.getKey(ctx.actor, id),
  }),
}));

builder.mutationFields((t) => ({
  createKey: t.field({
    type: CreateKeyPayload,
    nullable: true,
    description: 'The only response that ever contains the secret.',
    authScopes: { scope: 'keys:write' },
    args: { input: t.arg({ type: CreateKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.keys.createKey(ctx.actor, input)),
  }),
  updateKey: t.field({
    type: ApiKeyRef,
    nullable: true,
    authScopes: { scope: 'keys:write' },
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateKeyInput, required: true }),
    },
    resolve: async (_root, { id, input }, ctx) =>
      unwrap(await ctx.services.keys.updateKey(ctx.actor, id, input)),
  }),
  revokeKey: t.field({
    type: ApiKeyRef,
    nullable: true,
    description: 'Takes effect on the very next request.',
    authScopes: { scope: 'keys:write' },
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg({ type: RevocationReasonEnum, defaultValue: 'UNSPECIFIED' }),
    },
    resolve: async (_root, { id, reason }, ctx) =>
      unwrap(await ctx.services.keys.revokeKey(ctx.actor, id, reason ?? 'UNSPECIFIED')),
  }),
  rotateKey: t.field({
    type: CreateKeyPayload,
    nullable: true,
    description: 'A replacement with the same settings; the old key works until graceEndsAt.',
    authScopes: { scope: 'keys:write' },
    args: {
      id: t.arg.id({ required: true }),
      gracePeriodSeconds: t.arg.int({ defaultValue: 86_400 }),
    },
    resolve: async (_root, { id, gracePeriodSeconds }, ctx) =>
      unwrap(await ctx.services.keys.rotateKey(ctx.actor, id, gracePeriodSeconds ?? 86_400)),
  }),
}));

interface CompromiseReport {
  revokedKey: ApiKey;
  replacement: CreatedKey;
  recentRequests: UsageEventRow[];
  distinctIps: string[];
}

const CompromiseReportRef = builder.objectRef<CompromiseReport>('CompromiseReport').implement({
  description: 'What reportCompromisedKey did, and where the key was used.',
  fields: (t) => ({
    revokedKey: t.field({ type: ApiKeyRef, resolve: (r) => r.revokedKey }),
    replacement: t.field({ type: CreateKeyPayload, resolve: (r) => r.replacement }),
    recentRequests: t.field({
      type: [RequestLogRef],
      description: `The key's last ${RECENT_REQUESTS} requests, newest first (from the request log).`,
      resolve: (r) => r.recentRequests,
    }),
    distinctIps: t.stringList({
      description: 'Every client ip the key was used from, within the log retention period.',
      resolve: (r) => r.distinctIps,
    }),
  }),
});

const LeakOutcomeEnum = builder.enumType('LeakOutcome', {
  values: {
    REVOKED: { description: 'A live Keygate key: revoked now as COMPROMISED.' },
    ALREADY_REVOKED: { description: 'A Keygate key that was already revoked.' },
    NOT_A_KEY: { description: "Not in Keygate's key format (or a wrong checksum)." },
    UNKNOWN_KEY: { description: 'In the key format, but no key has this secret.' },
  } as const,
});

const LeakedKeyResultRef = builder.objectRef<LeakResult>('LeakedKeyResult').implement({
  description: 'One input of revokeLeakedKeys, by its position. Never echoes the secret.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the secrets list.' }),
    outcome: t.field({ type: LeakOutcomeEnum, resolve: (r) => r.outcome }),
    keyId: t.exposeID('keyId', { nullable: true }),
    projectId: t.exposeID('projectId', { nullable: true }),
    hint: t.exposeString('hint', { nullable: true }),
  }),
});

/** How many of a compromised key's requests the report lists. */
const RECENT_REQUESTS = 100;

builder.mutationFields((t) => ({
  reportCompromisedKey: t.field({
    type: CompromiseReportRef,
    nullable: true,
    description:
      'Revokes the key now (COMPROMISED) and issues a replacement with the same settings, in one transaction; lists where the key was used.',
    authScopes: { scope: 'keys:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const done = unwrap(await ctx.services.keys.reportCompromisedKey(ctx.actor, id));
      // The requests of the last second may still be in the recorder's buffer.
      await ctx.services.usage.flush();
      const [recentRequests, distinctIps] = await Promise.all([
        listRequestLogs(ctx.services.db, { keyId: id, limit: RECENT_REQUESTS }),
        distinctIpsOfKey(ctx.services.db, id),
      ]);
      return { ...done, recentRequests, distinctIps };
    },
  }),
  revokeLeakedKeys: t.field({
    type: [LeakedKeyResultRef],
    nullable: true,
    description:
      'For secret scanners (admin keys): every string that is a live Keygate key is revoked as COMPROMISED and audited; one result per input position.',
    authScopes: { $all: { scope: 'keys:write', admin: true } },
    args: { secrets: t.arg.stringList({ required: true }) },
    resolve: async (_root, { secrets }, ctx) =>
      unwrap(await ctx.services.keys.revokeLeakedKeys(ctx.actor, secrets)),
  }),
}));
