import type { Webhook, WebhookAttempt, WebhookDelivery } from '../../webhooks/webhook.js';
import {
  EVENT_DATA_SCOPES,
  isWebhookEventType,
  WEBHOOK_EVENT_TYPES,
} from '../../webhooks/webhook-events.js';
import type { CreatedWebhook } from '../../webhooks/webhook-service.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';
import { unwrap } from '../unwrap.js';
import { ProjectRef } from './project.js';

const EVENT_LIST = WEBHOOK_EVENT_TYPES.join(', ');

export const WebhookRef = builder.objectRef<Webhook>('Webhook');

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  values: {
    PENDING: { description: 'Not delivered yet: waiting for its next attempt.' },
    SUCCEEDED: { description: 'A 2xx answer was received.' },
    FAILED: { description: 'Given up: no 2xx answer within 24 hours of the first attempt.' },
  } as const,
});

const WebhookAttemptRef = builder.objectRef<WebhookAttempt>('WebhookAttempt').implement({
  description: 'One attempt to deliver an event: the HTTP status received, or the error.',
  fields: (t) => ({
    attempt: t.exposeInt('attempt', { description: '1 for the first attempt.' }),
    at: t.field({ type: 'DateTime', resolve: (a) => a.at }),
    statusCode: t.exposeInt('statusCode', {
      nullable: true,
      description: 'The HTTP status answered; null when no answer came (see error).',
    }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'Why no answer came: connection refused, timeout, address refused (SSRF)…',
    }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

type DeliveryWithAttempts = WebhookDelivery & { attempts: WebhookAttempt[] };

const WebhookDeliveryRef = builder.objectRef<DeliveryWithAttempts>('WebhookDelivery').implement({
  description: 'One event sent (or to be sent) to one webhook, with every attempt.',
  fields: (t) => ({
    id: t.exposeID('id'),
    eventId: t.exposeID('eventId', {
      description: 'The `webhook-id` header (msg_…): the same on every attempt.',
    }),
    eventType: t.exposeString('eventType'),
    payload: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The body sent: { type, timestamp, data }. null when the key may not read what the event carries: key.* events need keys:read, quota.threshold and anomaly.detected need usage:read.',
      resolve: (d, _args, ctx) =>
        isWebhookEventType(d.eventType) && ctx.grants.has(EVENT_DATA_SCOPES[d.eventType])
          ? d.payload
          : null,
    }),
    status: t.field({ type: WebhookDeliveryStatusEnum, resolve: (d) => d.status }),
    attemptCount: t.exposeInt('attemptCount', { description: 'Attempts started so far.' }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When it is tried next; null once SUCCEEDED or FAILED, and while its webhook is disabled.',
      resolve: (d) => d.nextAttemptAt,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.deliveredAt }),
    attempts: t.field({
      type: [WebhookAttemptRef],
      description: 'Every finished attempt, first to last.',
      resolve: (d) => d.attempts,
    }),
  }),
});

const WebhookDeliveryConnection = connectionType<DeliveryWithAttempts>(
  'WebhookDelivery',
  WebhookDeliveryRef,
);

WebhookRef.implement({
  description:
    'An HTTPS endpoint that receives signed events (Standard Webhooks). Its secret is never readable.',
  fields: (t) => ({
    id: t.exposeID('id'),
    projectId: t.exposeID('projectId'),
    project: t.field({
      type: ProjectRef,
      nullable: true,
      resolve: (w, _args, ctx) => ctx.services.projects.getProject(ctx.actor, w.projectId),
    }),
    url: t.exposeString('url'),
    events: t.exposeStringList('events', { description: `Subscribed types: ${EVENT_LIST}.` }),
    enabled: t.exposeBoolean('enabled', {
      description: 'false pauses deliveries; they wait and resume when enabled again.',
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (w) => w.updatedAt }),
    deliveries: t.field({
      type: WebhookDeliveryConnection,
      nullable: true,
      description: 'The delivery log, newest first.',
      authScopes: { scope: 'webhooks:read' },
      args: { status: t.arg({ type: WebhookDeliveryStatusEnum }), ...connectionArgs },
      resolve: (w, args, ctx) =>
        paginate(args, 'whd', async (page) => {
          const { webhooks } = ctx.services;
          const deliveries = await webhooks.listDeliveries(w, { status: args.status }, page);
          const attempts = await webhooks.attemptsOf(deliveries.map((d) => d.id));
          return deliveries.map((d, i) => ({ ...d, attempts: attempts[i] ?? [] }));
        }),
    }),
  }),
});

const WebhookConnection = connectionType<Webhook>('Webhook', WebhookRef);

const CreateWebhookPayload = builder.objectRef<CreatedWebhook>('CreateWebhookPayload').implement({
  fields: (t) => ({
    webhook: t.field({ type: WebhookRef, resolve: (p) => p.webhook }),
    secret: t.exposeString('secret', {
      description:
        'The signing secret (whsec_…). Shown once, here: keep it where your receiver verifies signatures.',
    }),
  }),
});

const DeleteWebhookPayload = builder
  .objectRef<{ deletedWebhookId: string }>('DeleteWebhookPayload')
  .implement({
    fields: (t) => ({ deletedWebhookId: t.exposeID('deletedWebhookId') }),
  });

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    projectId: t.id({ description: "Defaults to the calling key's project." }),
    url: t.string({
      required: true,
      description:
        'https URL, at most 2048 characters, not pointing at a private network (see KEYGATE_WEBHOOK_ALLOW_PRIVATE).',
    }),
    events: t.stringList({
      required: true,
      description: `One or more of: ${EVENT_LIST}. Each needs the scope that reads its data: keys:read for key.*, usage:read for quota.threshold and anomaly.detected.`,
    }),
    enabled: t.boolean({ defaultValue: true }),
  }),
});

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  description: 'Omitted fields stay as they are.',
  fields: (t) => ({
    url: t.string(),
    events: t.stringList(),
    enabled: t.boolean({ description: 'false pauses deliveries; true resumes them.' }),
  }),
});

builder.queryFields((t) => ({
  webhooks: t.field({
    type: WebhookConnection,
    nullable: true,
    description: "Newest first. Admin keys see every project's; a project key sees its own.",
    authScopes: { scope: 'webhooks:read' },
    args: { projectId: t.arg.id(), ...connectionArgs },
    resolve: (_root, args, ctx) =>
      paginate(args, 'whk', (page) =>
        ctx.services.webhooks.listWebhooks(ctx.actor, { projectId: args.projectId ?? null }, page),
      ),
  }),
  webhook: t.field({
    type: WebhookRef,
    nullable: true,
    authScopes: { scope: 'webhooks:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.webhooks.getWebhook(ctx.actor, id),
  }),
}));

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: CreateWebhookPayload,
    nullable: true,
    description: 'The only response that contains the signing secret (with rotateWebhookSecret).',
    authScopes: { scope: 'webhooks:write' },
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.webhooks.createWebhook(ctx.actor, input, ctx.grants)),
  }),
  updateWebhook: t.field({
    type: WebhookRef,
    nullable: true,
    authScopes: { scope: 'webhooks:write' },
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateWebhookInput, required: true }),
    },
    resolve: async (_root, { id, input }, ctx) =>
      unwrap(await ctx.services.webhooks.updateWebhook(ctx.actor, id, input, ctx.grants)),
  }),
  deleteWebhook: t.field({
    type: DeleteWebhookPayload,
    nullable: true,
    description: 'Deletes the webhook and its delivery log; pending deliveries are not sent.',
    authScopes: { scope: 'webhooks:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const deleted = unwrap(await ctx.services.webhooks.deleteWebhook(ctx.actor, id));
      return { deletedWebhookId: deleted.id };
    },
  }),
  rotateWebhookSecret: t.field({
    type: CreateWebhookPayload,
    nullable: true,
    description:
      'A new signing secret, shown once. The previous one keeps signing for 24 hours: each message then carries both signatures.',
    authScopes: { scope: 'webhooks:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) =>
      unwrap(await ctx.services.webhooks.rotateWebhookSecret(ctx.actor, id)),
  }),
}));
