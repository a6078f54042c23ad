import { recordAudit } from '../audit/audit-repository.js';
import { type Actor, canAccessProject } from '../authz/actor.js';
import { isScope, type Scope } from '../authz/scopes.js';
import type { Db } from '../db/create-db.js';
import type { ProjectRow, ProjectUpdate } from '../db/database.js';
import type { KeyChangeBus } from '../keys/key-change-bus.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { err, ok, type Result } from '../lib/result.js';
import { badInput, checkName, type InputError } from '../lib/validate.js';
import type { PlanName } from '../limits/plans.js';
import { isSeverity } from '../monitoring/severity.js';
import {
  type AlertPolicy,
  DEFAULT_ALERT_POLICY,
  type Project,
  projectFromRow,
  type RotationPolicy,
} from './project.js';
import * as repo from './project-repository.js';

export interface CreateProjectInput {
  name: string;
  plan?: PlanName | null;
  region?: string | null;
  allowedScopes: string[];
  rotationPolicy?: RotationPolicy | null;
  /** @default DEFAULT_ALERT_POLICY (no auto-suspend) */
  alertPolicy?: AlertPolicy | null;
}

export interface UpdateProjectInput {
  name?: string | null;
  plan?: PlanName | null;
  region?: string | null;
  allowedScopes?: string[] | null;
  rotationPolicy?: RotationPolicy | null;
  /** @default DEFAULT_ALERT_POLICY (no auto-suspend) */
  alertPolicy?: AlertPolicy | null;
}

export interface ProjectServiceDeps {
  db: Db;
  clock: Clock;
  bus: KeyChangeBus;
}

type ProjectResult<T> = Result<T, 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN'>;

const snapshot = (p: Project) => ({
  name: p.name,
  plan: p.plan,
  region: p.region,
  allowedScopes: p.allowedScopes,
  rotationPolicy: p.rotationPolicy,
  alertPolicy: p.alertPolicy,
});

export class ProjectService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #bus: KeyChangeBus;

  constructor({ db, clock, bus }: ProjectServiceDeps) {
    this.#db = db;
    this.#clock = clock;
    this.#bus = bus;
  }

  /** A project the actor may see, or null: a foreign project answers like a missing one. */
  async getProject(actor: Actor, id: string): Promise<Project | null> {
    if (!canAccessProject(actor, id)) return null;
    const row = await repo.findProjectById(this.#db, id);
    return row === undefined ? null : projectFromRow(row);
  }

  /** Up to `page.limit` projects the actor may see, newest first. */
  async listProjects(actor: Actor, page: { afterId?: string; limit: number }): Promise<Project[]> {
    const rows = await repo.listProjects(this.#db, {
      ...(actor.isAdmin ? {} : { onlyId: actor.projectId ?? '' }),
      ...(page.afterId !== undefined ? { beforeId: page.afterId } : {}),
      limit: page.limit,
    });
    return rows.map(projectFromRow);
  }

  async createProject(actor: Actor, input: CreateProjectInput): Promise<ProjectResult<Project>> {
    if (!actor.isAdmin) return err('FORBIDDEN', 'only an admin key can create projects');
    const invalid =
      checkName('name', input.name) ??
      checkRegion(input.region) ??
      checkScopes(input.allowedScopes) ??
      checkRotationPolicy(input.rotationPolicy) ??
      checkAlertPolicy(input.alertPolicy);
    if (invalid) return invalid;
    const alertPolicy = input.alertPolicy ?? DEFAULT_ALERT_POLICY;
    const now = this.#clock.now().toISOString();
    const row: ProjectRow = {
      id: newId('prj', this.#clock.now()),
      name: input.name.trim(),
      plan: input.plan ?? 'FREE',
      region: input.region ?? null,
      allowed_scopes: JSON.stringify(sortedScopes(input.allowedScopes)),
      rotation_max_key_age_days: input.rotationPolicy?.maxKeyAgeDays ?? null,
      rotation_enforce: input.rotationPolicy?.enforce ? 1 : 0,
      alert_auto_suspend: alertPolicy.autoSuspend ? 1 : 0,
      alert_min_severity: alertPolicy.minSeverity,
      created_at: now,
      updated_at: now,
    };
    const project = projectFromRow(row);
    await this.#db.transaction().execute(async (trx) => {
      await repo.insertProject(trx, row);
      await this.#audit(trx, actor, 'project.created', project, { after: snapshot(project) });
    });
    return ok(project);
  }

  /**
   * Name, region, rotation and alert policy may be changed by a key of the project holding
   * projects:write; plan and allowedScopes only by an admin key (they widen what keys may do).
   */
  async updateProject(
    actor: Actor,
    id: string,
    input: UpdateProjectInput,
  ): Promise<ProjectResult<Project>> {
    const before = await this.getProject(actor, id);
    if (before === null) return err('NOT_FOUND', `no project with id "${id}"`);
    if (!actor.isAdmin && (input.plan != null || input.allowedScopes != null)) {
      return err('FORBIDDEN', "only an admin key can change a project's plan or allowedScopes");
    }
    const patch: ProjectUpdate = {};
    if (input.name != null) {
      const bad = checkName('name', input.name);
      if (bad) return bad;
      patch.name = input.name.trim();
    }
    if (input.plan != null) patch.plan = input.plan;
    if (input.region !== undefined) {
      const bad = checkRegion(input.region);
      if (bad) return bad;
      patch.region = input.region;
    }
    if (input.allowedScopes != null) {
      const bad = checkScopes(input.allowedScopes);
      if (bad) return bad;
      patch.allowed_scopes = JSON.stringify(sortedScopes(input.allowedScopes));
    }
    if (input.rotationPolicy !== undefined) {
      const bad = checkRotationPolicy(input.rotationPolicy);
      if (bad) return bad;
      patch.rotation_max_key_age_days = input.rotationPolicy?.maxKeyAgeDays ?? null;
      patch.rotation_enforce = input.rotationPolicy?.enforce ? 1 : 0;
    }
    if (input.alertPolicy !== undefined) {
      if (input.alertPolicy === null) {
        return badInput(
          'alertPolicy cannot be cleared: send { autoSuspend: false, minSeverity: HIGH } to turn auto-suspend off',
        );
      }
      const bad = checkAlertPolicy(input.alertPolicy);
      if (bad) return bad;
      patch.alert_auto_suspend = input.alertPolicy.autoSuspend ? 1 : 0;
      patch.alert_min_severity = input.alertPolicy.minSeverity;
    }
    if (Object.keys(patch).length === 0) return ok(before);
    patch.updated_at = this.#clock.now().toISOString();
    const after = await this.#db.transaction().execute(async (trx) => {
      await repo.updateProjectRow(trx, id, patch);
      const updated = projectFromRow((await repo.findProjectById(trx, id)) as ProjectRow);
      await this.#audit(trx, actor, 'project.updated', updated, {
        before: snapshot(before),
        after: snapshot(updated),
      });
      return updated;
    });
    // Plan and ceiling decide what the project's keys may use: drop their cached verifications.
    await this.#bus.publish({ projectId: id });
    return ok(after);
  }

  async #audit(db: Db, actor: Actor, action: string, p: Project, details: Record<string, unknown>) {
    await recordAudit(db, {
      at: this.#clock.now(),
      actorKeyId: actor.keyId,
      action,
      targetId: p.id,
      projectId: p.id,
      ip: actor.ip,
      details,
    });
  }
}

function sortedScopes(scopes: readonly string[]): Scope[] {
  return [...new Set(scopes)].filter(isScope).sort();
}

function checkScopes(scopes: readonly string[]): InputError | null {
  const unknown = scopes.find((s) => !isScope(s));
  return unknown === undefined
    ? null
    : badInput(`unknown scope "${unknown}"; Query.scopes lists them`);
}

function checkRegion(region: string | null | undefined): InputError | null {
  if (region == null) return null;
  return /^[A-Za-z0-9-]{1,32}$/.test(region)
    ? null
    : badInput('region must be 1–32 letters, digits or dashes, e.g. "DE" or "eu-west"');
}

function checkRotationPolicy(policy: RotationPolicy | null | undefined): InputError | null {
  if (policy == null) return null;
  return Number.isInteger(policy.maxKeyAgeDays) &&
    policy.maxKeyAgeDays >= 1 &&
    policy.maxKeyAgeDays <= 365
    ? null
    : badInput('rotationPolicy.maxKeyAgeDays must be an integer from 1 to 365');
}

function checkAlertPolicy(policy: AlertPolicy | null | undefined): InputError | null {
  if (policy == null) return null;
  if (typeof policy.autoSuspend !== 'boolean') {
    return badInput('alertPolicy.autoSuspend must be true or false');
  }
  return isSeverity(policy.minSeverity)
    ? null
    : badInput('alertPolicy.minSeverity must be one of LOW, MEDIUM, HIGH, CRITICAL');
}
