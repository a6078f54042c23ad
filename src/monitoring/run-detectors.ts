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
 * One pass of every detector at `now`. The rollup-based detectors (REQUEST_SPIKE,
 * REFUSAL_SURGE) read the current hour's rollup rows; the source-based ones (NEW_REGION,
 * NEW_IP_RANGE, MANY_IPS) read the raw events since `since` (the previous pass) grouped by
 * key, ip and region. With no `since`, or one older than the history, the pass learns the
 * history's sources first and raises no NEW_* anomaly.
 */
export async function runDetectors(
  db: Db,
  { now, since, thresholds }: { now: Date; since: Date | null; thresholds: MonitorThresholds },
): Promise<Detection[]> {
  const historyStart = new Date(now.getTime() - thresholds.historyDays * DAY_MS);
  const learning = since === null || since < historyStart;
  // A clock set back (tests, a corrected system clock) reads from now, not from the future.
  const from = learning
    ? historyStart
    : new Date(Math.min(since.getTime(), now.getTime()) - OVERLAP_MS);
  const [observed, counts] = await Promise.all([
    observedSources(db, from, now),
    keyCountsOfHour(db, hourOf(now)),
  ]);
  const observedIds = [...new Set(observed.map((o) => o.keyId))];
  const keys = await monitoredKeys(db, [...observedIds, ...counts.map((c) => c.keyId)], now);
  const context = { now, keys, thresholds };
  const found = [
    ...(await detectRequestSpikes(db, { ...context, counts })),
    ...detectRefusalSurges({ ...context, counts }),
    ...(await detectNewSources(db, { ...context, observed, learning })),
    ...(await detectManyIps(db, { ...context, keyIds: observedIds })),
  ];
  await forgetSeen(db, {
    ip: new Date(now.getTime() - 2 * HOUR_MS),
    region: historyStart,
    ip_range: historyStart,
  });
  return found;
}
