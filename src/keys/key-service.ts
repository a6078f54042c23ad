import { recordAudit } from '../audit/audit-repository.js';
import { type Actor, canAccessProject, systemActor } from '../authz/actor.js';
import { expandScopes, isScope, SCOPES, type Scope } from '../authz/scopes.js';
import type { Db } from '../db/create-db.js';
import type { ApiKeyRow, ApiKeyUpdate } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { err, ok, type Result } from '../lib/result.js';
import { badInput, checkMetadata, checkName, type InputError } from '../lib/validate.js';
import type { Plans } from '../limits/plans.js';
import { type Project, projectFromRow } from '../projects/project.js';
import { findProjectById } from '../projects/project-repository.js';
import { keyWebhookEvent } from '../webhooks/key-webhook-event.js';
import { enqueueWebhookEvent } from '../webhooks/webhook-events.js';
import { type ApiKey, apiKeyFromRow, keyStatus, type RevocationReason } from './api-key.js';
import { hashKey } from './hash-key.js';
import type { KeyChangeBus } from './key-change-bus.js';
import { generateKey, type KeyEnvironment, type KeyKind, keyHint, parseKey } from './key-format.js';
import * as repo from './key-repository.js';
import { normalizeAllowedIps, normalizeAllowedOrigins } from './restrictions.js';

export type KeyFailure =
  | InputError
  | { ok: false; code: 'NOT_FOUND' | 'FORBIDDEN'; message: string };
export type KeyResult<T> = Result<T, KeyFailure['code']>;

export interface CreatedKey {
  key: ApiKey;
  /** The full secret: returned once, here, and never stored. */
  secret: string;
  /** Advice about the key's settings, e.g. a publishable key usable from any origin. */
  warnings: string[];
}

/** What happened to one string handed to revokeLeakedKeys. */
export type LeakOutcome = 'REVOKED' | 'ALREADY_REVOKED' | 'NOT_A_KEY' | 'UNKNOWN_KEY';
export interface LeakResult {
  index: number;
  outcome: LeakOutcome;
  keyId: string | null;
  projectId: string | null;
  hint: string | null;
}

/** The most secrets one revokeLeakedKeys call takes. */
export const MAX_LEAKED_SECRETS = 1000;

export interface CreateKeyInput {
  projectId?: string | null;
  name: string;
  kind?: KeyKind | null;
  environment?: KeyEnvironment | null;
  scopes: string[];
  expiresAt?: Date | null;
  allowedIps?: string[] | null;
  allowedOrigins?: string[] | null;
  rateLimitPerMinute?: number | null;
  usageLimit?: number | null;
  metadata?: unknown;
}

export interface UpdateKeyInput {
  name?: string | null;
  scopes?: string[] | null;
  expiresAt?: Date | null;
  allowedIps?: string[] | null;
  allowedOrigins?: string[] | null;
  rateLimitPerMinute?: number | null;
  /** null removes the limit; the count of requests made is kept. */
  usageLimit?: number | null;
  /** false disables the key (KEY_DISABLED) without revoking it; true enables it again. */
  enabled?: boolean | null;
  metadata?: unknown;
}

export interface KeyServiceDeps {
  db: Db;
  clock: Clock;
  bus: KeyChangeBus;
  plans: Plans;
}

/** The longest grace period a rotation may leave the old key working. */
export const MAX_GRACE_PERIOD_SECONDS = 30 * 24 * 3600;
const DAY_MS = 86_400_000;
const NOT_FOUND = (id: string) => err('NOT_FOUND', `no API key with id "${id}"`);
const PROJECT_NOT_FOUND = (id: string) => err('NOT_FOUND', `no project with id "${id}"`);

const auditSnapshot = (k: ApiKey) => ({
  name: k.name,
  kind: k.kind,
  environment: k.environment,
  hint: k.hint,
  scopes: k.scopes,
  expiresAt: k.expiresAt,
  allowedIps: k.allowedIps,
  allowedOrigins: k.allowedOrigins,
  rateLimitPerMinute: k.rateLimitPerMinute,
  usageLimit: k.usageLimit,
  metadata: k.metadata,
  revokedAt: k.revokedAt,
  revocationReason: k.revocationReason,
  graceEndsAt: k.graceEndsAt,
  disabledAt: k.disabledAt,
});

/**
 * Creating, changing, rotating and revoking keys, with the rules behind the contract:
 * project isolation, the project's scope ceiling, no privilege escalation, publishable
 * keys limited to publishable scopes, and an audit event for every change.
 */
export class KeyService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #bus: KeyChangeBus;
  readonly #plans: Plans;

  constructor({ db, clock, bus, plans }: KeyServiceDeps) {
    this.#db = db;
    this.#clock = clock;
    this.#bus = bus;
    this.#plans = plans;
  }

  /** A key the actor may see, or null: a foreign key answers exactly like a missing one. */
  async getKey(actor: Actor, id: string): Promise<ApiKey | null> {
    const row = await repo.findKeyById(this.#db, id);
    if (row === undefined || !canAccessProject(actor, row.project_id)) return null;
    return apiKeyFromRow(row);
  }

  async createKey(actor: Actor, input: CreateKeyInput): Promise<KeyResult<CreatedKey>> {
    const kind = input.kind ?? 'SECRET';
    const projectId = input.projectId ?? (kind === 'ADMIN' ? null : actor.projectId);
    let project: Project | null = null;
    if (kind === 'ADMIN') {
      if (!actor.isAdmin) return err('FORBIDDEN', 'only an admin key can create admin keys');
      if (projectId !== null) return badInput('an ADMIN key belongs to no project: omit projectId');
    } else {
      if (projectId === null)
        return badInput('projectId is required for PUBLISHABLE and SECRET keys');
      project = await this.#visibleProject(actor, projectId);
      if (project === null) return PROJECT_NOT_FOUND(projectId);
    }
    const invalid =
      checkName('name', input.name) ??
      checkMetadata(input.metadata) ??
      this.#checkExpiry(input.expiresAt) ??
      checkRateLimit(input.rateLimitPerMinute) ??
      checkUsageLimit(input.usageLimit) ??
      checkGrantable(actor, project, kind, input.scopes) ??
      checkPlanIncludes(project, input.scopes, this.#plans);
    if (invalid) return invalid;
    const ips = normalizeAllowedIps(input.allowedIps ?? []);
    if (!ips.ok) return badInput(ips.message);
    const origins = normalizeAllowedOrigins(input.allowedOrigins ?? []);
    if (!origins.ok) return badInput(origins.message);
    const created = await this.#db.transaction().execute(async (trx) => {
      const made = await insertNewKey(trx, this.#clock.now(), actor, {
        projectId,
        name: input.name.trim(),
        kind,
        environment: input.environment ?? 'LIVE',
        scopes: dedupe(input.scopes),
        expiresAt: input.expiresAt ?? null,
        allowedIps: ips.value,
        allowedOrigins: origins.value,
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        usageLimit: input.usageLimit ?? null,
        usageCount: 0,
        metadata: input.metadata ?? null,
        rotatedFromId: null,
      });
      await this.#audit(trx, actor, 'key.created', made.key, { after: auditSnapshot(made.key) });
      return made;
    });
    await this.#bus.publish({ created: hashKey(created.secret) });
    if (kind === 'PUBLISHABLE' && origins.value.length === 0) {
      created.warnings.push(
        'this PUBLISHABLE key has no allowedOrigins: any website can use it; set allowedOrigins to the origins of your frontends',
      );
    }
    return ok(created);
  }

  /**
   * `within`, when given, runs in the change's transaction once the key is changed (not when
   * nothing changes): the monitor marks its anomaly and audits the suspension there.
   */
  async updateKey(
    actor: Actor,
    id: string,
    input: UpdateKeyInput,
    within?: (trx: Db, updated: ApiKey) => Promise<void>,
  ): Promise<KeyResult<ApiKey>> {
    const before = await this.getKey(actor, id);
    if (before === null) return NOT_FOUND(id);
    if (keyStatus(before, this.#clock.now()) === 'REVOKED') {
      return badInput(`API key "${id}" is revoked and can no longer be changed`);
    }
    const project = before.projectId === null ? null : await this.#project(before.projectId);
    const patch: ApiKeyUpdate = {};
    if (input.name != null) {
      const bad = checkName('name', input.name);
      if (bad) return bad;
      patch.name = input.name.trim();
    }
    if (input.scopes != null) {
      const bad =
        checkGrantable(actor, project, before.kind, input.scopes) ??
        checkPlanIncludes(project, input.scopes, this.#plans);
      if (bad) return bad;
      patch.scopes = JSON.stringify(dedupe(input.scopes));
    }
    if (input.expiresAt !== undefined) {
      const bad = this.#checkExpiry(input.expiresAt);
      if (bad) return bad;
      patch.expires_at = input.expiresAt?.toISOString() ?? null;
    }
    if (input.allowedIps !== undefined) {
      const ips = normalizeAllowedIps(input.allowedIps ?? []);
      if (!ips.ok) return badInput(ips.message);
      patch.allowed_ips = JSON.stringify(ips.value);
    }
    if (input.allowedOrigins !== undefined) {
      const origins = normalizeAllowedOrigins(input.allowedOrigins ?? []);
      if (!origins.ok) return badInput(origins.message);
      patch.allowed_origins = JSON.stringify(origins.value);
    }
    if (input.enabled != null && input.enabled !== (before.disabledAt === null)) {
      patch.disabled_at = input.enabled ? null : this.#clock.now().toISOString();
    }
    if (input.rateLimitPerMinute !== undefined) {
      const bad = checkRateLimit(input.rateLimitPerMinute);
      if (bad) return bad;
      patch.rate_limit_per_minute = input.rateLimitPerMinute;
    }
    if (input.usageLimit !== undefined) {
      const bad = checkUsageLimit(input.usageLimit);
      if (bad) return bad;
      patch.usage_limit = input.usageLimit;
    }
    if (input.metadata !== undefined) {
      const bad = checkMetadata(input.metadata);
      if (bad) return bad;
      patch.metadata = input.metadata === null ? null : JSON.stringify(input.metadata);
    }
    if (Object.keys(patch).length === 0) return ok(before);
    // Switching a key off or on is its own lifecycle event when it is the only change.
    const onOff = Object.keys(patch).length === 1 && 'disabled_at' in patch;
    patch.updated_at = this.#clock.now().toISOString();
    const after = await this.#db.transaction().execute(async (trx) => {
      await repo.updateKeyRow(trx, id, patch);
      const updated = apiKeyFromRow((await repo.findKeyById(trx, id)) as ApiKeyRow);
      const action = onOff ? (input.enabled ? 'key.enabled' : 'key.disabled') : 'key.updated';
      await this.#audit(trx, actor, action, updated, {
        before: auditSnapshot(before),
        after: auditSnapshot(updated),
      });
      if (within) await within(trx, updated);
      return updated;
    });
    await this.#bus.publish({ keyId: id });
    return ok(after);
  }

  /** Revokes at once. Revoking a revoked key changes nothing and returns it. */
  async revokeKey(actor: Actor, id: string, reason: RevocationReason): Promise<KeyResult<ApiKey>> {
    const before = await this.getKey(actor, id);
    if (before === null) return NOT_FOUND(id);
    const now = this.#clock.now();
    if (keyStatus(before, now) === 'REVOKED') return ok(before);
    const after = await this.#db.transaction().execute(async (trx) => {
      await repo.updateKeyRow(trx, id, revokedNow(before, now, reason));
      const updated = apiKeyFromRow((await repo.findKeyById(trx, id)) as ApiKeyRow);
      await this.#audit(trx, actor, 'key.revoked', updated, {
        reason,
        before: auditSnapshot(before),
        after: auditSnapshot(updated),
      });
      return updated;
    });
    await this.#bus.publish({ keyId: id });
    return ok(after);
  }

  /**
   * Issues a replacement with the same settings. The old key keeps working until
   * `graceEndsAt` (never past its own expiry), then answers KEY_REVOKED; 0 ends it at once.
   * Only an ACTIVE key can be rotated: a ROTATING key already has a replacement, which is
   * the one to rotate next.
   */
  async rotateKey(
    actor: Actor,
    id: string,
    gracePeriodSeconds: number,
  ): Promise<KeyResult<CreatedKey>> {
    const old = await this.getKey(actor, id);
    if (old === null) return NOT_FOUND(id);
    if (
      !Number.isInteger(gracePeriodSeconds) ||
      gracePeriodSeconds < 0 ||
      gracePeriodSeconds > MAX_GRACE_PERIOD_SECONDS
    ) {
      return badInput(
        `gracePeriodSeconds must be an integer from 0 to ${MAX_GRACE_PERIOD_SECONDS}`,
      );
    }
    const now = this.#clock.now();
    const status = keyStatus(old, now);
    if (status === 'ROTATING') {
      return badInput(
        `API key "${id}" is already rotating; rotate its replacement "${old.replacedById}" instead`,
      );
    }
    if (status !== 'ACTIVE')
      return badInput(`API key "${id}" is ${status.toLowerCase()} and cannot be rotated`);
    const project = old.projectId === null ? null : await this.#project(old.projectId);
    const cannot = checkGrantable(actor, project, old.kind, old.scopes);
    if (cannot) return cannot;
    let ends = new Date(now.getTime() + gracePeriodSeconds * 1000);
    if (old.expiresAt !== null && old.expiresAt < ends) ends = old.expiresAt;
    const replaced = await this.#replace(actor, old, now, 'key.rotated', {
      revoked_at: ends.toISOString(),
      revocation_reason: 'ROTATED',
      grace_ends_at: ends.toISOString(),
    });
    if (replaced === null) return changedMeanwhile(id);
    return ok(replaced.made);
  }

  /**
   * A key's secret got out: in one transaction, revoke it now (COMPROMISED) and issue a
   * replacement with the same settings (linked through rotatedFrom/replacedBy). An ACTIVE
   * or DISABLED key can be reported; a ROTATING one already has a replacement (revoke it
   * with revokeKey), a revoked or expired one can no longer be used.
   */
  async reportCompromisedKey(
    actor: Actor,
    id: string,
  ): Promise<KeyResult<{ revokedKey: ApiKey; replacement: CreatedKey }>> {
    const old = await this.getKey(actor, id);
    if (old === null) return NOT_FOUND(id);
    const now = this.#clock.now();
    const status = keyStatus(old, now);
    if (status === 'ROTATING') {
      return badInput(
        `API key "${id}" is rotating and already has a replacement ("${old.replacedById}"): revoke it with revokeKey(reason: COMPROMISED), and rotate the replacement too if its secret may have leaked`,
      );
    }
    if (status !== 'ACTIVE' && status !== 'DISABLED') {
      return badInput(`API key "${id}" is ${status.toLowerCase()}: it can no longer be used`);
    }
    const project = old.projectId === null ? null : await this.#project(old.projectId);
    const cannot = checkGrantable(actor, project, old.kind, old.scopes);
    if (cannot) return cannot;
    const replaced = await this.#replace(actor, old, now, 'key.compromised', {
      revoked_at: now.toISOString(),
      revocation_reason: 'COMPROMISED',
    });
    if (replaced === null) return changedMeanwhile(id);
    return ok({ revokedKey: replaced.after, replacement: replaced.made });
  }

  /**
   * For secret-scanning integrations (admin keys only): every string that is a live Keygate
   * key is revoked now as COMPROMISED and audited (`key.leaked`). The answer, per input
   * position, names the key and project — never the secret.
   */
  async revokeLeakedKeys(
    actor: Actor,
    secrets: readonly string[],
  ): Promise<KeyResult<LeakResult[]>> {
    if (!actor.isAdmin) return err('FORBIDDEN', 'only an admin key can revoke leaked keys');
    if (secrets.length > MAX_LEAKED_SECRETS) {
      return badInput(`at most ${MAX_LEAKED_SECRETS} secrets per call`);
    }
    const now = this.#clock.now();
    const results: LeakResult[] = [];
    const revoked: string[] = [];
    await this.#db.transaction().execute(async (trx) => {
      for (const [index, secret] of secrets.entries()) {
        const none = { index, keyId: null, projectId: null, hint: null };
        if (parseKey(secret) === null) {
          results.push({ ...none, outcome: 'NOT_A_KEY' });
          continue;
        }
        const row = await repo.findKeyByDigest(trx, hashKey(secret));
        if (row === undefined) {
          results.push({ ...none, outcome: 'UNKNOWN_KEY' });
          continue;
        }
        const key = apiKeyFromRow(row);
        const found = { index, keyId: key.id, projectId: key.projectId, hint: key.hint };
        if (keyStatus(key, now) === 'REVOKED') {
          results.push({ ...found, outcome: 'ALREADY_REVOKED' });
          continue;
        }
        await repo.updateKeyRow(trx, key.id, revokedNow(key, now, 'COMPROMISED'));
        const after = apiKeyFromRow((await repo.findKeyById(trx, key.id)) as ApiKeyRow);
        await this.#audit(trx, actor, 'key.leaked', key, {
          position: index,
          before: auditSnapshot(key),
          after: auditSnapshot(after),
        });
        revoked.push(key.id);
        results.push({ ...found, outcome: 'REVOKED' });
      }
    });
    // Every key leaves this instance's cache at once; the other instances are told in parallel.
    await Promise.all(revoked.map((keyId) => this.#bus.publish({ keyId })));
    return ok(results);
  }

  /** Up to `page.limit` keys the actor may see, newest first. */
  async listKeys(
    actor: Actor,
    filter: {
      projectId?: string | null;
      kind?: KeyKind | null;
      status?: string | null;
      dueForRotation?: boolean | null;
    },
    page: { afterId?: string; limit: number },
  ): Promise<ApiKey[]> {
    if (filter.projectId != null && !canAccessProject(actor, filter.projectId)) return [];
    const now = this.#clock.now();
    const out: ApiKey[] = [];
    const batchSize = Math.max(page.limit, 100);
    const policies = new Map<string, Project | null>();
    const isDue = async (key: ApiKey): Promise<boolean> => {
      if (key.projectId === null || keyStatus(key, now) !== 'ACTIVE') return false;
      if (!policies.has(key.projectId))
        policies.set(key.projectId, await this.#project(key.projectId));
      const maxDays = policies.get(key.projectId)?.rotationPolicy?.maxKeyAgeDays;
      return maxDays !== undefined && now.getTime() - key.createdAt.getTime() >= maxDays * DAY_MS;
    };
    let beforeId = page.afterId;
    // Status depends on the clock, so it is filtered here; scan in batches until the page fills.
    for (;;) {
      const batch = await repo.listKeys(this.#db, {
        projectId: actor.isAdmin ? null : (actor.projectId ?? ''),
        ...(filter.projectId != null ? { filterProjectId: filter.projectId } : {}),
        ...(filter.kind != null ? { kind: filter.kind } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
        limit: batchSize,
      });
      for (const row of batch) {
        const key = apiKeyFromRow(row);
        if (filter.status != null && keyStatus(key, now) !== filter.status) continue;
        if (filter.dueForRotation != null && (await isDue(key)) !== filter.dueForRotation) continue;
        out.push(key);
        if (out.length === page.limit) return out;
      }
      if (batch.length < batchSize) return out;
      beforeId = batch[batch.length - 1]?.id;
    }
  }

  /** An admin key for the CLI and the first start; holds every scope. */
  async createAdminKey(name: string, scopes: readonly Scope[]): Promise<CreatedKey> {
    const result = await this.createKey(systemActor(scopes), {
      name,
      kind: 'ADMIN',
      scopes: [...scopes],
    });
    if (!result.ok) throw new Error(`cannot create admin key: ${result.message}`);
    return result.value;
  }

  /**
   * In one transaction: a replacement with `old`'s settings (and its lifetime, counted from
   * now), linked both ways, and `end` applied to `old`; audited as `action`. Both keys'
   * changes are published once it has committed. Null, with nothing written, when `old` got
   * a replacement or was revoked meanwhile (another request, maybe on another instance):
   * a key never has two live successors.
   */
  async #replace(
    actor: Actor,
    old: ApiKey,
    now: Date,
    action: string,
    end: ApiKeyUpdate,
  ): Promise<{ made: CreatedKey; after: ApiKey } | null> {
    const done = await this.#db
      .transaction()
      .execute(async (trx) => {
        const lifetime =
          old.expiresAt === null ? null : old.expiresAt.getTime() - old.createdAt.getTime();
        const made = await insertNewKey(trx, now, actor, {
          ...old,
          expiresAt: lifetime === null ? null : new Date(now.getTime() + lifetime),
          rotatedFromId: old.id,
        });
        const claimed = await repo.replaceKeyRow(trx, old.id, {
          ...end,
          replaced_by_id: made.key.id,
          updated_at: now.toISOString(),
        });
        if (!claimed) throw new ReplacedMeanwhile();
        const after = apiKeyFromRow((await repo.findKeyById(trx, old.id)) as ApiKeyRow);
        await this.#audit(trx, actor, action, old, {
          replacementId: made.key.id,
          ...(end.grace_ends_at ? { graceEndsAt: end.grace_ends_at } : {}),
          before: auditSnapshot(old),
          after: auditSnapshot(after),
        });
        return { made, after };
      })
      .catch((error: unknown) => {
        if (error instanceof ReplacedMeanwhile) return null;
        throw error;
      });
    if (done === null) return null;
    await Promise.all([
      this.#bus.publish({ keyId: old.id }),
      this.#bus.publish({ created: hashKey(done.made.secret) }),
    ]);
    return done;
  }

  async #visibleProject(actor: Actor, projectId: string): Promise<Project | null> {
    if (!canAccessProject(actor, projectId)) return null;
    return this.#project(projectId);
  }

  async #project(projectId: string): Promise<Project | null> {
    const row = await findProjectById(this.#db, projectId);
    return row === undefined ? null : projectFromRow(row);
  }

  #checkExpiry(expiresAt: Date | null | undefined): InputError | null {
    if (expiresAt == null) return null;
    return expiresAt > this.#clock.now() ? null : badInput('expiresAt must be in the future');
  }

  /** Audits a key change and queues its webhook event, in the change's transaction `db`. */
  async #audit(
    db: Db,
    actor: Actor,
    action: string,
    key: ApiKey,
    details: Record<string, unknown>,
  ) {
    const at = this.#clock.now();
    await recordAudit(db, {
      at,
      actorKeyId: actor.keyId,
      action,
      targetId: key.id,
      projectId: key.projectId,
      ip: actor.ip,
      details,
    });
    const event = keyWebhookEvent(action, key, details, at);
    if (event !== null) await enqueueWebhookEvent(db, event);
  }
}

/** The change that revokes `key` now; a key revoked during its rotation grace stops at once. */
function revokedNow(key: ApiKey, now: Date, reason: RevocationReason): ApiKeyUpdate {
  return {
    revoked_at: now.toISOString(),
    revocation_reason: reason,
    grace_ends_at:
      key.graceEndsAt !== null && key.graceEndsAt > now
        ? now.toISOString()
        : (key.graceEndsAt?.toISOString() ?? null),
    updated_at: now.toISOString(),
  };
}

function dedupe(scopes: readonly string[]): Scope[] {
  return [...new Set(scopes)].filter(isScope).sort();
}

function checkUsageLimit(value: number | null | undefined): InputError | null {
  if (value == null) return null;
  return Number.isInteger(value) && value >= 1 && value <= 1_000_000_000
    ? null
    : badInput('usageLimit must be an integer from 1 to 1000000000');
}

/** A premium scope only on a plan that includes it (the plan can change; see verified-key). */
function checkPlanIncludes(
  project: Project | null,
  scopes: readonly string[],
  plans: Plans,
): InputError | null {
  if (project === null) return null;
  const plan = plans[project.plan];
  for (const scope of scopes) {
    if (isScope(scope) && SCOPES[scope].premium && !plan.premiumScopes.includes(scope)) {
      return badInput(
        `scope "${scope}" is premium and project "${project.id}" is on the ${plan.name} plan, which does not include it`,
      );
    }
  }
  return null;
}

function checkRateLimit(value: number | null | undefined): InputError | null {
  if (value == null) return null;
  return Number.isInteger(value) && value >= 1 && value <= 1_000_000
    ? null
    : badInput('rateLimitPerMinute must be an integer from 1 to 1000000');
}

/**
 * The grant rules: every scope exists, fits the key's kind, lies inside the project's
 * ceiling, and is held by the actor itself (with implications). The message names the scope.
 */
export function checkGrantable(
  actor: Actor,
  project: Project | null,
  kind: KeyKind,
  scopes: readonly string[],
): InputError | null {
  const ceiling = project === null ? null : expandScopes(project.allowedScopes);
  for (const scope of scopes) {
    if (!isScope(scope)) return badInput(`unknown scope "${scope}"; Query.scopes lists them`);
    if (kind === 'PUBLISHABLE' && !SCOPES[scope].publishable) {
      return badInput(
        `scope "${scope}" is not publishable: a PUBLISHABLE key can hold only browser-safe scopes`,
      );
    }
    if (ceiling !== null && !ceiling.has(scope)) {
      return badInput(`scope "${scope}" is outside project "${project?.id}"'s allowedScopes`);
    }
    if (!actor.held.has(scope)) {
      return badInput(`scope "${scope}" cannot be granted: the calling key does not hold it`);
    }
  }
  return null;
}

interface NewKeySpec {
  projectId: string | null;
  name: string;
  kind: KeyKind;
  environment: KeyEnvironment;
  scopes: readonly string[];
  expiresAt: Date | null;
  allowedIps: readonly string[];
  allowedOrigins: readonly string[];
  rateLimitPerMinute: number | null;
  usageLimit: number | null;
  /** Requests already counted against usageLimit (a replacement inherits the old key's). */
  usageCount: number;
  metadata: unknown;
  rotatedFromId: string | null;
}

async function insertNewKey(
  db: Db,
  now: Date,
  actor: Actor,
  spec: NewKeySpec,
): Promise<CreatedKey> {
  const secret = generateKey(spec.kind, spec.environment);
  const row: ApiKeyRow = {
    id: newId('key', now),
    project_id: spec.projectId,
    name: spec.name,
    kind: spec.kind,
    environment: spec.environment,
    digest: hashKey(secret),
    hint: keyHint(secret),
    scopes: JSON.stringify(spec.scopes),
    allowed_ips: JSON.stringify(spec.allowedIps),
    allowed_origins: JSON.stringify(spec.allowedOrigins),
    rate_limit_per_minute: spec.rateLimitPerMinute,
    metadata:
      spec.metadata === null || spec.metadata === undefined ? null : JSON.stringify(spec.metadata),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    expires_at: spec.expiresAt?.toISOString() ?? null,
    revoked_at: null,
    revocation_reason: null,
    grace_ends_at: null,
    rotated_from_id: spec.rotatedFromId,
    replaced_by_id: null,
    created_by_key_id: actor.keyId,
    last_used_at: null,
    usage_limit: spec.usageLimit,
    usage_count: spec.usageCount,
    disabled_at: null,
  };
  await repo.insertKey(db, row);
  return { key: apiKeyFromRow(row), secret, warnings: [] };
}

/** Rolls back a replacement whose key was replaced or revoked by a concurrent request. */
class ReplacedMeanwhile extends Error {}

function changedMeanwhile(id: string) {
  return badInput(
    `API key "${id}" was rotated or revoked by another request meanwhile; read it again (its replacement is in replacedBy)`,
  );
}
