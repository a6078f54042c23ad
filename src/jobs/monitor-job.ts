import type { Db } from '../db/create-db.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Anomaly } from '../monitoring/anomaly.js';
import type { AnomalyService } from '../monitoring/anomaly-service.js';
import type { MonitorThresholds } from '../monitoring/monitor-thresholds.js';
import { runDetectors } from '../monitoring/run-detectors.js';
import { LeasedJob } from './leased-job.js';

/** What one monitor pass found. */
export interface MonitorPass {
  /** False when another instance holds the monitor's lease (it runs the detectors). */
  ran: boolean;
  holder: string | null;
  /** The anomalies this pass stored (repeats of earlier ones are not stored again). */
  anomalies: Anomaly[];
}

/** The detectors on a schedule, in one instance at a time. */
export interface Monitor {
  readonly instanceId: string;
  /** Passes this instance ran since it started. */
  readonly passes: number;
  /** Runs one pass now (after the one in progress); for tests and operators. */
  runOnce(): Promise<MonitorPass>;
  /** Stops the timer, waits for a pass in progress, lets the lease go. */
  close(): Promise<void>;
}

export const MONITOR_LEASE = 'monitor';

export function createMonitor({
  db,
  clock,
  logger,
  anomalies,
  thresholds,
  intervalMs,
}: {
  db: Db;
  clock: Clock;
  logger: Logger;
  anomalies: AnomalyService;
  thresholds: MonitorThresholds;
  /** 0: no timer (runOnce only). */
  intervalMs: number;
}): Monitor {
  const job = new LeasedJob<Anomaly[]>({
    db,
    clock,
    logger,
    name: MONITOR_LEASE,
    intervalMs,
    async run(now, since, lease) {
      const pass = await runDetectors(db, { now, since, thresholds, renew: lease.renew });
      for (const f of pass.failures) {
        logger.error({
          msg: `monitor: the ${f.detector} detector failed: ${f.message}`,
          detector: f.detector,
        });
      }
      const found = await anomalies.recordDetections(pass.detections, { fence: lease.fence });
      for (const a of found) {
        logger.warn({
          msg: `anomaly ${a.kind} (${a.severity}) on key ${a.keyId}${a.suspended ? ': key suspended' : ''}`,
          anomalyId: a.id,
        });
      }
      return { result: found, checkedUntil: pass.checkedUntil };
    },
  });
  job.start();
  return {
    instanceId: job.instanceId,
    get passes() {
      return job.passes;
    },
    async runOnce() {
      const pass = await job.runOnce();
      return { ran: pass.ran, holder: pass.holder, anomalies: pass.result ?? [] };
    },
    close: () => job.close(),
  };
}
