import type { Detection } from './anomaly.js';
import type { KeyHourCounts, MonitoredKey } from './monitor-repository.js';
import type { MonitorThresholds } from './monitor-thresholds.js';

const HOUR_MS = 3_600_000;

/**
 * Refusals that point at someone probing with a key: fields its scopes do not cover, and
 * calls from an ip or origin outside its allow-list. UNAUTHENTICATED counts when a request
 * carries the key's id; the edge attributes no unknown key to one (see the README).
 */
export const REFUSAL_OUTCOMES = ['FORBIDDEN', 'UNAUTHENTICATED', 'ORIGIN_NOT_ALLOWED'] as const;

/**
 * REFUSAL_SURGE: in the current UTC hour (so far, from the hourly rollup) a key's refused
 * requests (REFUSAL_OUTCOMES) are ≥ refusalMin and ≥ refusalShare of its requests. MEDIUM;
 * HIGH from 10 × refusalMin. Keys of any age.
 */
export function detectRefusalSurges({
  now,
  counts,
  keys,
  thresholds,
}: {
  now: Date;
  counts: readonly KeyHourCounts[];
  keys: ReadonlyMap<string, MonitoredKey>;
  thresholds: MonitorThresholds;
}): Detection[] {
  const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const found: Detection[] = [];
  for (const c of counts) {
    const key = keys.get(c.keyId);
    if (key === undefined || !key.live) continue;
    const byOutcome = Object.fromEntries(
      REFUSAL_OUTCOMES.map((o) => [o, c.byOutcome.get(o) ?? 0] as const).filter(([, n]) => n > 0),
    );
    const refused = Object.values(byOutcome).reduce((a, b) => a + b, 0);
    const share = c.total === 0 ? 0 : refused / c.total;
    if (refused < thresholds.refusalMin || share < thresholds.refusalShare) continue;
    found.push({
      keyId: c.keyId,
      projectId: key.projectId,
      kind: 'REFUSAL_SURGE',
      subject: '',
      severity: refused >= 10 * thresholds.refusalMin ? 'HIGH' : 'MEDIUM',
      windowStart: hourStart,
      evidence: {
        window: { from: hourStart.toISOString(), to: now.toISOString() },
        requests: c.total,
        refused,
        byOutcome,
        share: Math.round(share * 1000) / 1000,
        threshold: { minRefused: thresholds.refusalMin, share: thresholds.refusalShare },
      },
    });
  }
  return found;
}
