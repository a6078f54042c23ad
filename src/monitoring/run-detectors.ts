import type { Db } from '../db/create-db.js';
import { hourOf } from '../usage/usage-repository.js';
import type { Detection } from './anomaly.js';
import { detectManyIps } from './detect-many-ips.js';
import { detectNewSources } from './detect-new-sources.js';
import { detectRefusalSurges } from './detect-refusal-surges.js';
import { detectRequestSpikes } from './detect-request-spikes.js';
import {
  forgetSeen,
  keyCountsOfHour,
  monitoredKeys,
  observedSources,
} from './monitor-repository.js';
import type { MonitorThresholds } from './monitor-thresholds.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Raw events are read again this far before the last pass's end: an event reaches the
 * database up to a flush (and its retries) after its time. Reading one twice changes
 * nothing (what it shows is known by then).
 */
export const OVERLAP_MS = 5 * 60_000;

/**
 * The longest span of raw events read at once: the first pass (which learns the whole
 * history) and a pass after a pause read span after span, oldest first, renewing the lease
 * in between, so no single query or group grows with the history.
 */
export const SPAN_MS = 6 * HOUR_MS;

/** The detectors, by the name a failure is logged under. */
export type DetectorName = 'REQUEST_SPIKE' | 'REFUSAL_SURGE' | 'NEW_SOURCES' | 'MANY_IPS';

export interface DetectorsPass {
  detections: Detection[];
  /** The detectors that failed in this pass, with their error; the others ran. */
  failures: { detector: DetectorName; message: string }[];
  /**
   * How far the raw events were read: `now`, or the end of the last span read whole when
   * NEW_SOURCES failed on a later one (null: on the first, or while learning: read again).
   */
  checkedUntil: Date | null;
}

/**
 * One pass of every detector at `now`. The rollup-based detectors (REQUEST_SPIKE,
 * REFUSAL_SURGE) read the current hour's rollup rows; the source-based ones (NEW_REGION,
 * NEW_IP_RANGE, MANY_IPS) read the raw events since `since` (the previous pass) grouped by
 * key, ip and region, in spans of at most SPAN_MS. With no `since`, or one older than the
 * history, the pass learns the history's sources first and raises no NEW_* anomaly.
 *
 * A detector that fails does not stop the others: its error is returned in `failures`.
 * `renew` (the lease) is called between steps; what it throws stops the pass.
 */
export async function runDetectors(
  db: Db,
  {
    now,
    since,
    thresholds,
    renew = async () => {},
  }: {
    now: Date;
    since: Date | null;
    thresholds: MonitorThresholds;
    renew?: () => Promise<void>;
  },
): Promise<DetectorsPass> {
  const historyStart = new Date(now.getTime() - thresholds.historyDays * DAY_MS);
  const learning = since === null || since < historyStart;
  // A clock set back (tests, a corrected system clock) reads from now, not from the future.
  const from = learning
    ? historyStart
    : new Date(Math.min(since.getTime(), now.getTime()) - OVERLAP_MS);
  const failures: DetectorsPass['failures'] = [];
  const detections: Detection[] = [];
  const attempt = async (detector: DetectorName, run: () => Promise<Detection[]> | Detection[]) => {
    try {
      detections.push(...(await run()));
      return true;
    } catch (error) {
      failures.push({ detector, message: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  const counts = await keyCountsOfHour(db, hourOf(now));
  const countKeys = await monitoredKeys(
    db,
    counts.map((c) => c.keyId),
    now,
  );
  const hourly = { now, keys: countKeys, thresholds, counts };
  await attempt('REQUEST_SPIKE', () => detectRequestSpikes(db, hourly));
  await attempt('REFUSAL_SURGE', () => detectRefusalSurges(hourly));

  let checkedUntil: Date | null = now;
  let sourcesOk = true;
  const observedIds = new Set<string>();
  const observedKeys = new Map(countKeys);
  for (let start = from; start < now; ) {
    await renew();
    const end = new Date(Math.min(start.getTime() + SPAN_MS, now.getTime()));
    const observed = await observedSources(db, start, end);
    const unknown = observed.map((o) => o.keyId).filter((id) => !observedKeys.has(id));
    for (const [id, key] of await monitoredKeys(db, unknown, now)) observedKeys.set(id, key);
    for (const o of observed) observedIds.add(o.keyId);
    const read = await attempt('NEW_SOURCES', () =>
      detectNewSources(db, { now, observed, keys: observedKeys, thresholds, learning }),
    );
    if (!read) {
      sourcesOk = false;
      // Read again from here next pass (a learning pass learns again from the start).
      checkedUntil = learning || start.getTime() === from.getTime() ? null : start;
      break;
    }
    start = end;
  }

  await renew();
  await attempt('MANY_IPS', () =>
    detectManyIps(db, { now, keys: observedKeys, thresholds, keyIds: [...observedIds] }),
  );
  // Forgetting is NEW_SOURCES' housekeeping: left for a pass in which it worked.
  if (sourcesOk) {
    await forgetSeen(db, {
      ip: new Date(now.getTime() - 2 * HOUR_MS),
      region: historyStart,
      ip_range: historyStart,
    });
  }
  return { detections, failures, checkedUntil };
}
