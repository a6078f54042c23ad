import type { Db } from '../db/create-db.js';
import type { Detection } from './anomaly.js';
import { type MonitoredKey, recentIpCounts, recentIps } from './monitor-repository.js';
import type { MonitorThresholds } from './monitor-thresholds.js';

const HOUR_MS = 3_600_000;
const SAMPLE = 20;

/**
 * MANY_IPS: a SECRET key (server-side: a few backends call it) used from more than manyIps
 * distinct ips in the last hour (the ips remembered by detectNewSources). MEDIUM; HIGH above
 * 5 × manyIps. Checked for the keys seen since the last pass.
 */
export async function detectManyIps(
  db: Db,
  {
    now,
    keyIds,
    keys,
    thresholds,
  }: {
    now: Date;
    keyIds: readonly string[];
    keys: ReadonlyMap<string, MonitoredKey>;
    thresholds: MonitorThresholds;
  },
): Promise<Detection[]> {
  const secret = keyIds.filter((id) => {
    const key = keys.get(id);
    return key?.kind === 'SECRET' && key.live;
  });
  if (secret.length === 0) return [];
  const since = new Date(now.getTime() - HOUR_MS);
  const counts = await recentIpCounts(db, secret, since);
  const found: Detection[] = [];
  for (const [id, distinctIps] of counts) {
    if (distinctIps <= thresholds.manyIps) continue;
    const key = keys.get(id) as MonitoredKey;
    found.push({
      keyId: id,
      projectId: key.projectId,
      kind: 'MANY_IPS',
      subject: '',
      severity: distinctIps > 5 * thresholds.manyIps ? 'HIGH' : 'MEDIUM',
      windowStart: since,
      evidence: {
        window: { from: since.toISOString(), to: now.toISOString() },
        distinctIps,
        threshold: thresholds.manyIps,
        ips: await recentIps(db, id, since, SAMPLE),
      },
    });
  }
  return found;
}
