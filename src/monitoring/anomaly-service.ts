import { recordAudit } from '../audit/audit-repository.js';
import { type Actor, canAccessProject, projectScope } from '../authz/actor.js';
import { ALL_SCOPES } from '../authz/scopes.js';
import type { Db } from '../db/create-db.js';
import { keyStatus } from '../keys/api-key.js';
import type { KeyService } from '../keys/key-service.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import { err, ok, type Result } from '../lib/result.js';
import { projectFromRow } from '../projects/project.js';
import { findProjectById } from '../projects/project-repository.js';
import { enqueueWebhookEvent } from '../webhooks/webhook-events.js';
import { type Anomaly, type AnomalyKind, anomalyFromRow, type Detection } from './anomaly.js';
import * as repo from './anomaly-repository.js';
import { type Severity, severitiesFrom, severityAtLeast } from './severity.js';

export interface AnomalyFilter {
  projectId?: string | null;
  keyId?: string | null;
  kind?: AnomalyKind | null;
  minSeverity?: Severity | null;
  acknowledged?: boolean | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AnomalyServiceDeps {
  db: Db;
  clock: Clock;
  keys: KeyService;
  logger: Logger;
}

/** The monitor acting on its own: it disables keys as the system, like the CLI. */
const SYSTEM: Actor = {
  keyId: null,
  projectId: null,
  isAdmin: true,
  held: new Set(ALL_SCOPES),
  ip: null,
};

/**
 * Anomalies: storing the detectors' findings once each (with their webhook event), the
 * project's alert policy (auto-suspend), and reading and acknowledging them with project
 * isolation — another project's anomaly answers like a missing one.
 */
export class AnomalyService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #keys: KeyService;
  readonly #logger: Logger;

  constructor({ db, clock, keys, logger }: AnomalyServiceDeps) {
    this.#db = db;
    this.#clock = clock;
    this.#keys = keys;
    this.#logger = logger;
  }

  /** Up to `page.limit` anomalies the actor may see, newest first. */
  async listAnomalies(
    actor: Actor,
    filter: AnomalyFilter,
    page: { afterId?: string; limit: number },
  ): Promise<Anomaly[]> {
    const scope = projectScope(actor, filter.projectId);
    if (scope === null) return [];
    const rows = await repo.listAnomalies(this.#db, {
      ...scope,
      keyId: filter.keyId ?? null,
      kind: filter.kind ?? null,
      severities: filter.minSeverity == null ? null : severitiesFrom(filter.minSeverity),
      acknowledged: filter.acknowledged ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      ...(page.afterId !== undefined ? { beforeId: page.afterId } : {}),
      limit: page.limit,
    });
    return rows.map(anomalyFromRow);
  }

  /** An anomaly the actor may see, or null. */
  async getAnomaly(actor: Actor, id: string): Promise<Anomaly | null> {
    const row = await repo.findAnomalyById(this.#db, id);
    if (row === undefined || !canAccessProject(actor, row.project_id)) return null;
    return anomalyFromRow(row);
  }

  /** Marks it seen (audited `anomaly.acknowledged`); acknowledging it again changes nothing. */
  async acknowledgeAnomaly(actor: Actor, id: string): Promise<Result<Anomaly, 'NOT_FOUND'>> {
    const before = await this.getAnomaly(actor, id);
    if (before === null) return err('NOT_FOUND', `no anomaly with id "${id}"`);
    if (before.acknowledgedAt !== null) return ok(before);
    const now = this.#clock.now();
    const after = await this.#db.transaction().execute(async (trx) => {
      await repo.markAcknowledged(trx, id, now, actor.keyId);
      await recordAudit(trx, {
        at: now,
        actorKeyId: actor.keyId,
        action: 'anomaly.acknowledged',
        targetId: id,
        projectId: before.projectId,
        ip: actor.ip,
        details: { keyId: before.keyId, kind: before.kind, severity: before.severity },
      });
      return anomalyFromRow(
        (await repo.findAnomalyById(trx, id)) as NonNullable<
          Awaited<ReturnType<typeof repo.findAnomalyById>>
        >,
      );
    });
    return ok(after);
  }

  /**
   * Stores each detection that does not repeat an earlier anomaly (same key, kind and
   * subject, unacknowledged or detected within its window), with its `anomaly.detected`
   * webhook event in the same transaction; then applies the project's alert policy.
   * Returns the anomalies stored.
   */
  async recordDetections(detections: readonly Detection[]): Promise<Anomaly[]> {
    const stored: Anomaly[] = [];
    for (const d of detections) {
      if (
        await repo.repeatsAnomaly(this.#db, {
          keyId: d.keyId,
          kind: d.kind,
          subject: d.subject,
          since: d.windowStart,
        })
      ) {
        continue;
      }
      const now = this.#clock.now();
      const row = {
        id: newId('anm', now),
        project_id: d.projectId,
        key_id: d.keyId,
        kind: d.kind,
        subject: d.subject,
        severity: d.severity,
        evidence: JSON.stringify(d.evidence),
        detected_at: now.toISOString(),
        acknowledged_at: null,
        acknowledged_by_key_id: null,
        suspended: 0,
      };
      await this.#db.transaction().execute(async (trx) => {
        await repo.insertAnomaly(trx, row);
        if (d.projectId !== null) {
          await enqueueWebhookEvent(trx, {
            projectId: d.projectId,
            type: 'anomaly.detected',
            data: {
              anomalyId: row.id,
              keyId: d.keyId,
              kind: d.kind,
              severity: d.severity,
              evidence: d.evidence,
              detectedAt: row.detected_at,
            },
            at: now,
          });
        }
      });
      const anomaly = anomalyFromRow(row);
      anomaly.suspended = await this.#applyAlertPolicy(anomaly);
      stored.push(anomaly);
    }
    return stored;
  }

  /**
   * Disables the anomaly's key when its project's policy says so (autoSuspend, severity at or
   * above minSeverity) and the key is still in use: through KeyService, so the change is
   * audited (`key.disabled`) and published to every instance; then `key.suspended` names the
   * anomaly. Admin keys have no project and are never suspended. True when it disabled the key.
   */
  async #applyAlertPolicy(anomaly: Anomaly): Promise<boolean> {
    if (anomaly.projectId === null) return false;
    const row = await findProjectById(this.#db, anomaly.projectId);
    if (row === undefined) return false;
    const policy = projectFromRow(row).alertPolicy;
    if (!policy.autoSuspend || !severityAtLeast(anomaly.severity, policy.minSeverity)) return false;
    const key = await this.#keys.getKey(SYSTEM, anomaly.keyId);
    if (key === null || key.kind === 'ADMIN') return false;
    const status = keyStatus(key, this.#clock.now());
    if (status !== 'ACTIVE' && status !== 'ROTATING') return false;
    const disabled = await this.#keys.updateKey(SYSTEM, key.id, { enabled: false });
    if (!disabled.ok) {
      this.#logger.error(`auto-suspend of key ${key.id} failed: ${disabled.message}`);
      return false;
    }
    const now = this.#clock.now();
    await this.#db.transaction().execute(async (trx) => {
      await repo.markSuspended(trx, anomaly.id);
      await recordAudit(trx, {
        at: now,
        actorKeyId: null,
        action: 'key.suspended',
        targetId: key.id,
        projectId: anomaly.projectId,
        ip: null,
        details: {
          anomalyId: anomaly.id,
          kind: anomaly.kind,
          severity: anomaly.severity,
          minSeverity: policy.minSeverity,
        },
      });
    });
    return true;
  }
}
