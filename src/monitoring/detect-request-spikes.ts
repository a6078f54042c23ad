import type { Db } from '../db/create-db.js';
import { hourOf } from '../usage/usage-repository.js';
import type { Detection } from './anomaly.js';
import type { KeyHourCounts, MonitoredKey } from './monitor-repository.js';
import { keyRequestsInHours } from './monitor-repository.js';
import type { MonitorThresholds } from './monitor-thresholds.js';
import type { Severity } from './severity.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BASELINE_DAYS = 7;

/**
 * REQUEST_SPIKE: a key's requests in the current UTC hour (so far, from the hourly rollup)
 * against its baseline, the mean of the same hour on each of the past 7 days on which the key
 * already existed (hours without requests count as 0). Fires when requests ≥ spikeMinRequests
 * and ≥ spikeFactor × max(baseline, 1). A key younger than a day has no baseline and is not
 * checked. Severity by requests ÷ max(baseline, 1): MEDIUM from the factor, HIGH from 5×,
 * CRITICAL from 25× the factor.
 */
export async function detectRequestSpikes(
  db: Db,
  {
    now,
    counts,
    keys,
    thresholds,
  }: {
    now: Date;
    counts: readonly KeyHourCounts[];
    keys: ReadonlyMap<string, MonitoredKey>;
    thresholds: MonitorThresholds;
  },
): Promise<Detection[]> {
  const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const candidates = counts.filter(
    (c) => c.total >= thresholds.spikeMinRequests && keys.get(c.keyId)?.live === true,
  );
  if (candidates.length === 0) return [];
  const hours = Array.from({ length: BASELINE_DAYS }, (_, i) =>
    hourOf(new Date(hourStart.getTime() - (i + 1) * DAY_MS)),
  );
  const past = await keyRequestsInHours(
    db,
    candidates.map((c) => c.keyId),
    hours,
  );
  const found: Detection[] = [];
  for (const c of candidates) {
    const key = keys.get(c.keyId) as MonitoredKey;
    // Only the days on which the key existed for the whole of that hour.
    const days = hours.filter((h) => key.createdAt.getTime() <= Date.parse(h));
    if (days.length === 0) continue;
    const history = days.map((h) => past.get(c.keyId)?.get(h) ?? 0);
    const baseline = history.reduce((a, b) => a + b, 0) / days.length;
    const ratio = c.total / Math.max(baseline, 1);
    if (ratio < thresholds.spikeFactor) continue;
    const severity: Severity =
      ratio >= 25 * thresholds.spikeFactor
        ? 'CRITICAL'
        : ratio >= 5 * thresholds.spikeFactor
          ? 'HIGH'
          : 'MEDIUM';
    found.push({
      keyId: c.keyId,
      projectId: key.projectId,
      kind: 'REQUEST_SPIKE',
      subject: '',
      severity,
      windowStart: hourStart,
      evidence: {
        window: { from: hourStart.toISOString(), to: now.toISOString() },
        requests: c.total,
        baseline: round(baseline),
        baselineHours: Object.fromEntries(days.map((h, i) => [h, history[i]])),
        ratio: round(ratio),
        threshold: { factor: thresholds.spikeFactor, minRequests: thresholds.spikeMinRequests },
      },
    });
  }
  return found;
}

const round = (n: number) => Math.round(n * 100) / 100;
