import { recordAudit } from '../audit/audit-repository.js';
import { type Actor, canAccessProject, projectScope } from '../authz/actor.js';
import type { Scope } from '../authz/scopes.js';
import type { Db } from '../db/create-db.js';
import type { WebhookRow } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import { err, ok, type Result } from '../lib/result.js';
import { badInput, type InputError } from '../lib/validate.js';
import type { Plans } from '../limits/plans.js';
import { findProjectById } from '../projects/project-repository.js';
import {
  attemptFromRow,
  type DeliveryStatus,
  deliveryFromRow,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  webhookFromRow,
} from './webhook.js';
import { runWebhookChecks } from './webhook-checks.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import {
  EVENT_DATA_SCOPES,
  isWebhookEventType,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from './webhook-events.js';
import * as repo from './webhook-repository.js';
import { generateWebhookSecret, SecretBox } from './webhook-secret.js';
import { checkWebhookUrl, type ResolveHost, resolveHost } from './webhook-url.js';

/** The most webhooks one project may have. */
export const MAX_WEBHOOKS_PER_PROJECT = 20;
/** How long the secret before a rotation still signs (a second `v1,` signature). */
export const PREVIOUS_SECRET_SIGNS_MS = 24 * 3_600_000;
/** How long close() lets attempts in flight finish before it cuts them (real time). */
export const CLOSE_GRACE_MS = 1_000;

export type WebhookFailure =
  | InputError
  | { ok: false; code: 'NOT_FOUND' | 'FORBIDDEN'; message: string };
export type WebhookResult<T> = Result<T, WebhookFailure['code']>;

export interface CreatedWebhook {
  webhook: Webhook;
  /** `whsec_…`: returned here (and by rotateWebhookSecret) only. */
  secret: string;
}

export interface CreateWebhookInput {
  projectId?: string | null;
  url: string;
  events: string[];
  enabled?: boolean | null;
}

export interface UpdateWebhookInput {
  url?: string | null;
  events?: string[] | null;
  enabled?: boolean | null;
}

export interface WebhookServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  plans: Plans;
  /** URLs may point at loopback and private networks (KEYGATE_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** One attempt's time limit. @default 10000 */
  timeoutMs?: number;
  /** Seals secrets at rest (KEYGATE_WEBHOOK_ENCRYPTION_KEY); null stores them as they are. */
  encryptionKey?: Buffer | null;
  /** How often the outbox is polled (real time); 0: not by this instance. @default 1000 */
  pollMs?: number;
  /** How often key.expiring and quota.threshold are checked (real time). @default 60000 */
  checkMs?: number;
  /** Finished deliveries older than this many days are deleted by the checks. @default 30 */
  retentionDays?: number;
  /** @default dns.lookup */
  resolve?: ResolveHost;
  /** How long close() waits for attempts in flight before cutting them. @default CLOSE_GRACE_MS */
  closeGraceMs?: number;
}

const NOT_FOUND = (id: string) => err('NOT_FOUND', `no webhook with id "${id}"`);

const snapshot = (w: Webhook) => ({ url: w.url, events: w.events, enabled: w.enabled });

/**
 * Webhooks of a project (create, change, delete, rotate the secret; project isolation and
 * an audit event for every change), and the timers that deliver the outbox and run the
 * periodic checks. Times come from the injected clock; the timers only decide when to look.
 */
export class WebhookService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #plans: Plans;
  readonly #allowPrivate: boolean;
  readonly #secrets: SecretBox;
  readonly #resolve: ResolveHost;
  readonly #retentionMs: number;
  readonly #dispatcher: WebhookDispatcher;
  readonly #closeGraceMs: number;
  readonly #timers: NodeJS.Timeout[] = [];
  #checks: Promise<number> = Promise.resolve(0);
  #checking = false;
  #closed = false;

  constructor(options: WebhookServiceOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#plans = options.plans;
    this.#allowPrivate = options.allowPrivate;
    this.#secrets = new SecretBox(options.encryptionKey ?? null);
    this.#resolve = options.resolve ?? resolveHost;
    this.#retentionMs = (options.retentionDays ?? 30) * 86_400_000;
    this.#closeGraceMs = options.closeGraceMs ?? CLOSE_GRACE_MS;
    this.#dispatcher = new WebhookDispatcher({
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      secrets: this.#secrets,
      timeoutMs: options.timeoutMs ?? 10_000,
      allowPrivate: options.allowPrivate,
      recheckMs: options.pollMs || 1_000,
    });
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    if (options.pollMs !== 0) {
      every(options.pollMs ?? 1_000, () => {
        if (!this.#dispatcher.busy) this.deliverDue().catch((e) => this.#failed('delivery', e));
      });
    }
    every(options.checkMs ?? 60_000, () => {
      if (!this.#checking) this.runChecks().catch((e) => this.#failed('check', e));
    });
  }

  /**
   * One delivery pass now (after the one in progress): every delivery due at the clock's
   * "now" gets an attempt. Resolves with the number of attempts, once they are recorded.
   */
  deliverDue(): Promise<number> {
    return this.#dispatcher.deliverDue();
  }

  /**
   * The periodic checks now (after the ones in progress): key.expiring and quota.threshold
   * at the clock's "now", each queued once; finished deliveries past retention are deleted.
   * Resolves with the number of events queued.
   */
  runChecks(): Promise<number> {
    if (this.#closed) return Promise.resolve(0);
    const next = this.#checks
      .catch(() => 0)
      .then(async () => {
        this.#checking = true;
        try {
          const now = this.#clock.now();
          const queued = await runWebhookChecks(this.#db, this.#plans, now);
          await repo.pruneDeliveries(this.#db, new Date(now.getTime() - this.#retentionMs));
          return queued;
        } finally {
          this.#checking = false;
        }
      });
    this.#checks = next;
    return next;
  }

  /**
   * Stops the timers and waits for the checks and the delivery pass in progress; the pass
   * claims nothing more, and attempts still running after closeGraceMs are cut (recorded as
   * interrupted and due again at once: nothing is lost, another instance or the next start
   * sends them).
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    await Promise.allSettled([this.#dispatcher.close(this.#closeGraceMs), this.#checks]);
  }

  #failed(what: string, error: unknown) {
    if (this.#closed) return;
    this.#logger.warn(`webhook ${what} pass failed, will try again: ${String(error)}`);
  }

  /** A webhook the actor may see, or null: a foreign webhook answers like a missing one. */
  async getWebhook(actor: Actor, id: string): Promise<Webhook | null> {
    const row = await repo.findWebhookById(this.#db, id);
    if (row === undefined || !canAccessProject(actor, row.project_id)) return null;
    return webhookFromRow(row);
  }

  /** Up to `page.limit` webhooks the actor may see, newest first. */
  async listWebhooks(
    actor: Actor,
    filter: { projectId?: string | null },
    page: { afterId?: string; limit: number },
  ): Promise<Webhook[]> {
    const scope = projectScope(actor, filter.projectId);
    if (scope === null) return [];
    const rows = await repo.listWebhooks(this.#db, {
      ...scope,
      ...(page.afterId !== undefined ? { beforeId: page.afterId } : {}),
      limit: page.limit,
    });
    return rows.map(webhookFromRow);
  }

  /** Deliveries of a webhook already visible to the caller, newest first. */
  async listDeliveries(
    webhook: Webhook,
    filter: { status?: DeliveryStatus | null },
    page: { afterId?: string; limit: number },
  ): Promise<WebhookDelivery[]> {
    const rows = await repo.listDeliveries(this.#db, {
      webhookId: webhook.id,
      ...(filter.status != null ? { status: filter.status } : {}),
      ...(page.afterId !== undefined ? { beforeId: page.afterId } : {}),
      limit: page.limit,
    });
    return rows.map(deliveryFromRow);
  }

  /** The finished attempts of each delivery, in order. */
  async attemptsOf(deliveryIds: readonly string[]): Promise<WebhookAttempt[][]> {
    const byId = await repo.attemptsOf(this.#db, deliveryIds);
    return deliveryIds.map((id) => (byId.get(id) ?? []).map(attemptFromRow));
  }

  /**
   * `readable`: the scopes the caller may use now (its grants). A webhook may subscribe only
   * to events whose data the caller could read itself (EVENT_DATA_SCOPES).
   */
  async createWebhook(
    actor: Actor,
    input: CreateWebhookInput,
    readable: ReadonlySet<Scope>,
  ): Promise<WebhookResult<CreatedWebhook>> {
    const projectId = input.projectId ?? actor.projectId;
    if (projectId == null) return badInput('projectId is required with an admin key');
    const project = canAccessProject(actor, projectId)
      ? await findProjectById(this.#db, projectId)
      : undefined;
    if (project === undefined) return err('NOT_FOUND', `no project with id "${projectId}"`);
    const events = checkEvents(input.events);
    if (!events.ok) return events;
    const unreadable = checkReadable(events.value, readable);
    if (unreadable) return unreadable;
    const url = input.url.trim();
    const badUrl = await checkWebhookUrl(url, this.#allowPrivate, this.#resolve);
    if (badUrl) return badUrl;
    const secret = generateWebhookSecret();
    const now = this.#clock.now();
    const row: WebhookRow = {
      id: newId('whk', now),
      project_id: projectId,
      url,
      events: JSON.stringify(events.value),
      enabled: input.enabled === false ? 0 : 1,
      secret: this.#secrets.seal(secret),
      previous_secret: null,
      previous_secret_expires_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const webhook = webhookFromRow(row);
    const created = await this.#db.transaction().execute(async (trx) => {
      // Counted in the transaction: on SQLite it is serialized, on PostgreSQL two racing
      // creations may both pass at the limit (one webhook over, never more per race).
      if ((await repo.countWebhooks(trx, projectId)) >= MAX_WEBHOOKS_PER_PROJECT) return false;
      await repo.insertWebhook(trx, row);
      await this.#audit(trx, actor, 'webhook.created', webhook, { after: snapshot(webhook) });
      return true;
    });
    if (!created) {
      return badInput(
        `project "${projectId}" already has ${MAX_WEBHOOKS_PER_PROJECT} webhooks, the most it may have; delete one first`,
      );
    }
    return ok({ webhook, secret });
  }

  /**
   * `readable` as for createWebhook: a change of url or events needs the data scope of every
   * event the webhook then subscribes to (a url change redirects them all).
   */
  async updateWebhook(
    actor: Actor,
    id: string,
    input: UpdateWebhookInput,
    readable: ReadonlySet<Scope>,
  ): Promise<WebhookResult<Webhook>> {
    const before = await this.getWebhook(actor, id);
    if (before === null) return NOT_FOUND(id);
    const patch: Partial<WebhookRow> = {};
    const url = input.url?.trim();
    let events = before.events;
    if (input.events != null) {
      const checked = checkEvents(input.events);
      if (!checked.ok) return checked;
      events = checked.value;
      patch.events = JSON.stringify(events);
    }
    const moved = url != null && url !== before.url;
    if (moved || input.events != null) {
      const unreadable = checkReadable(events, readable);
      if (unreadable) return unreadable;
    }
    if (moved) {
      const bad = await checkWebhookUrl(url, this.#allowPrivate, this.#resolve);
      if (bad) return bad;
      patch.url = url;
    }
    if (input.enabled != null) patch.enabled = input.enabled ? 1 : 0;
    if (Object.keys(patch).length === 0) return ok(before);
    const now = this.#clock.now();
    patch.updated_at = now.toISOString();
    const after = await this.#db.transaction().execute(async (trx) => {
      await repo.updateWebhookRow(trx, id, patch);
      if (input.enabled != null && input.enabled !== before.enabled) {
        await repo.parkDeliveries(trx, id, input.enabled, now);
      }
      const updated = webhookFromRow((await repo.findWebhookById(trx, id)) as WebhookRow);
      await this.#audit(trx, actor, 'webhook.updated', updated, {
        before: snapshot(before),
        after: snapshot(updated),
      });
      return updated;
    });
    return ok(after);
  }

  /** Deletes the webhook with its deliveries (pending ones are not sent). */
  async deleteWebhook(actor: Actor, id: string): Promise<WebhookResult<Webhook>> {
    const before = await this.getWebhook(actor, id);
    if (before === null) return NOT_FOUND(id);
    await this.#db.transaction().execute(async (trx) => {
      await repo.deleteWebhookRow(trx, id);
      await this.#audit(trx, actor, 'webhook.deleted', before, { before: snapshot(before) });
    });
    return ok(before);
  }

  /**
   * A new signing secret, returned once. The previous one keeps signing for 24 h (each
   * message then carries two `v1,` signatures), so receivers can switch without a gap.
   */
  async rotateWebhookSecret(actor: Actor, id: string): Promise<WebhookResult<CreatedWebhook>> {
    const before = await this.getWebhook(actor, id);
    if (before === null) return NOT_FOUND(id);
    const secret = generateWebhookSecret();
    const now = this.#clock.now();
    const webhook = await this.#db.transaction().execute(async (trx) => {
      const row = (await repo.findWebhookById(trx, id)) as WebhookRow;
      await repo.updateWebhookRow(trx, id, {
        secret: this.#secrets.seal(secret),
        previous_secret: row.secret,
        previous_secret_expires_at: new Date(
          now.getTime() + PREVIOUS_SECRET_SIGNS_MS,
        ).toISOString(),
        updated_at: now.toISOString(),
      });
      const updated = webhookFromRow((await repo.findWebhookById(trx, id)) as WebhookRow);
      await this.#audit(trx, actor, 'webhook.secret_rotated', updated, {
        previousSecretSignsUntil: new Date(now.getTime() + PREVIOUS_SECRET_SIGNS_MS).toISOString(),
      });
      return updated;
    });
    return ok({ webhook, secret });
  }

  async #audit(db: Db, actor: Actor, action: string, w: Webhook, details: Record<string, unknown>) {
    await recordAudit(db, {
      at: this.#clock.now(),
      actorKeyId: actor.keyId,
      action,
      targetId: w.id,
      projectId: w.projectId,
      ip: actor.ip,
      details,
    });
  }
}

function checkEvents(events: readonly string[]): Result<WebhookEventType[], 'BAD_USER_INPUT'> {
  if (events.length === 0) {
    return badInput(`events must name at least one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  }
  const unknown = events.find((e) => !isWebhookEventType(e));
  if (unknown !== undefined) {
    return badInput(
      `unknown event type "${unknown.slice(0, 100)}"; one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    );
  }
  return ok(WEBHOOK_EVENT_TYPES.filter((t) => events.includes(t)));
}

/** Refuses the first event whose data the caller could not read itself. */
function checkReadable(
  events: readonly WebhookEventType[],
  readable: ReadonlySet<Scope>,
): InputError | null {
  const hidden = events.find((e) => !readable.has(EVENT_DATA_SCOPES[e]));
  if (hidden === undefined) return null;
  return badInput(
    `subscribing to "${hidden}" needs the ${EVENT_DATA_SCOPES[hidden]} scope, which this key may not use: a webhook carries only data its key could read`,
  );
}
