import { recordAudit } from '../audit/audit-repository.js';
import { type Actor, canAccessProject, projectScope, systemActor } from '../authz/actor.js';
import { ALL_SCOPES } from '../authz/scopes.js';
import type { Db } from '../db/create-db.js';
import { keyStatus } from '../keys/api-key.js';
import type { KeyService } from '../keys/key-service.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import { err, ok, type Result } from '../lib/result.js';
import { enqueueWebhookEvent } from '../webhooks/webhook-events.js';
import { type Anomaly, type AnomalyKind, anomalyFromRow, type Detection } from './anomaly.js';
import * as repo from './anomaly-repository.js';
import { isSeverity, type Severity, severitiesFrom, severityAtLeast } from './severity.js';

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

const HOUR_MS = 3_600_000;

/** The monitor acting on its own: it disables keys as the system, like the CLI. */
const SYSTEM = systemActor(ALL_SCOPES);

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
   * Stores each detection that does not repeat an earlier anomaly — one of the same key, kind
   * and subject detected within the detection's window at the same or a higher severity —
   * with its `anomaly.detected` webhook event in the same transaction. A finding more serious
   * than the one stored in its window is stored as a new anomaly (an escalation: its evidence
   * names the earlier one in `escalatedFrom`). Then applies the alert policy (see
   * #applyAlertPolicies). Returns the anomalies stored. `fence` runs first in every write
   * transaction (the monitor's lease: a pass that lost it writes nothing more).
   */
  async recordDetections(
    detections: readonly Detection[],
    { fence = async () => {} }: { fence?: (trx: Db) => Promise<void> } = {},
  ): Promise<Anomaly[]> {
    const stored: Anomaly[] = [];
    for (const d of detections) {
      const now = this.#clock.now();
      const anomaly = await this.#db.transaction().execute(async (trx) => {
        await fence(trx);
        const earlier = await repo.strongestAnomalySince(trx, {
          keyId: d.keyId,
          kind: d.kind,
          subject: d.subject,
          since: d.windowStart,
        });
        if (earlier !== undefined && severityAtLeast(earlier.severity as Severity, d.severity)) {
          return null;
        }
        const evidence =
          earlier === undefined
            ? d.evidence
            : {
                ...d.evidence,
                escalatedFrom: { anomalyId: earlier.id, severity: earlier.severity },
              };
        const row = {
          id: newId('anm', now),
          project_id: d.projectId,
          key_id: d.keyId,
          kind: d.kind,
          subject: d.subject,
          severity: d.severity,
          evidence: JSON.stringify(evidence),
          detected_at: now.toISOString(),
          acknowledged_at: null,
          acknowledged_by_key_id: null,
          suspended: 0,
        };
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
              evidence,
              detectedAt: row.detected_at,
            },
            at: now,
          });
        }
        return anomalyFromRow(row);
      });
      if (anomaly !== null) stored.push(anomaly);
    }
    const suspended = await this.#applyAlertPolicies(fence);
    for (const anomaly of stored) anomaly.suspended = suspended.has(anomaly.id);
    return stored;
  }

  /**
   * The alert policy, applied to every anomaly of the last hour (the longest detection window)
   * that has not suspended its key, in a project with autoSuspend, at or above its minSeverity,
   * whose key is still in use: the ones just stored, and any whose pass stopped before
   * suspending (it is healed on the next pass). Returns the ids of those that suspended a key.
   */
  async #applyAlertPolicies(fence: (trx: Db) => Promise<void>): Promise<Set<string>> {
    const now = this.#clock.now();
    const pending = await repo.unsuspendedAnomalies(
      this.#db,
      new Date(now.getTime() - HOUR_MS),
      now,
    );
    const suspended = new Set<string>();
    for (const row of pending) {
      const min = row.min_severity;
      if (!isSeverity(min) || !severityAtLeast(row.severity as Severity, min)) continue;
      if (await this.#suspend(anomalyFromRow(row), min, fence)) suspended.add(row.id);
    }
    return suspended;
  }

  /**
   * Disables the anomaly's key when it is still in use, through KeyService (audited
   * `key.disabled`, published to every instance), and in that same transaction marks the
   * anomaly and audits `key.suspended` naming it. Admin keys have no project and are never
   * suspended. True when it disabled the key.
   */
  async #suspend(
    anomaly: Anomaly,
    minSeverity: Severity,
    fence: (trx: Db) => Promise<void>,
  ): Promise<boolean> {
    const key = await this.#keys.getKey(SYSTEM, anomaly.keyId);
    if (key === null || key.kind === 'ADMIN') return false;
    const status = keyStatus(key, this.#clock.now());
    if (status !== 'ACTIVE' && status !== 'ROTATING') return false;
    let marked = false;
    const disabled = await this.#keys.updateKey(SYSTEM, key.id, { enabled: false }, async (trx) => {
      await fence(trx);
      await repo.markSuspended(trx, anomaly.id);
      await recordAudit(trx, {
        at: this.#clock.now(),
        actorKeyId: null,
        action: 'key.suspended',
        targetId: key.id,
        projectId: anomaly.projectId,
        ip: null,
        details: {
          anomalyId: anomaly.id,
          kind: anomaly.kind,
          severity: anomaly.severity,
          minSeverity,
        },
      });
      marked = true;
    });
    if (!disabled.ok) {
      this.#logger.error(`auto-suspend of key ${key.id} failed: ${disabled.message}`);
      return false;
    }
    return marked;
  }
}
