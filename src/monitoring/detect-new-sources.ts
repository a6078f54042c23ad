import type { Db } from '../db/create-db.js';
import { hourOf } from '../usage/usage-repository.js';
import type { Detection } from './anomaly.js';
import { ipRangeOf } from './ip-range-of.js';
import {
  keyRequestsBetween,
  knownSources,
  type MonitoredKey,
  type ObservedSource,
  rememberSeen,
  type Seen,
} from './monitor-repository.js';
import type { MonitorThresholds } from './monitor-thresholds.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The most ips or known values an anomaly's evidence lists. */
const SAMPLE = 10;

interface Sighting {
  requests: number;
  firstAt: string;
  lastAt: string;
  ips: Set<string>;
}

/**
 * NEW_REGION and NEW_IP_RANGE, over the events read since the last pass: a region (any key)
 * or an ip range — /24 for IPv4, /48 for IPv6 — (SECRET and ADMIN keys: browsers bring new
 * ranges all day to a PUBLISHABLE key) that the key was not seen from within the past
 * historyDays. Only keys at least minKeyAgeHours old with at least minHistoryRequests
 * requests in that history are checked, so a new key does not alarm on its first requests.
 * NEW_REGION is MEDIUM (LOW for a PUBLISHABLE key), NEW_IP_RANGE LOW.
 *
 * Every sighting is remembered (monitor_seen), alarming or not: a value is new once. With
 * `learning` (the first pass, or after a long pause) it only remembers, and raises nothing.
 * SECRET keys' single ips are remembered too, for MANY_IPS.
 */
export async function detectNewSources(
  db: Db,
  {
    now,
    observed,
    keys,
    thresholds,
    learning,
  }: {
    now: Date;
    observed: readonly ObservedSource[];
    keys: ReadonlyMap<string, MonitoredKey>;
    thresholds: MonitorThresholds;
    learning: boolean;
  },
): Promise<Detection[]> {
  // Per key, what it was seen from in this span, by `kind value`.
  const byKey = new Map<string, Map<string, Sighting>>();
  const seen: Seen[] = [];
  for (const o of observed) {
    const key = keys.get(o.keyId);
    if (key === undefined) continue;
    const values: string[] = [];
    if (o.region !== null) values.push(`region ${o.region}`);
    const range = o.ip === null || key.kind === 'PUBLISHABLE' ? null : ipRangeOf(o.ip);
    if (range !== null) values.push(`ip_range ${range}`);
    if (o.ip !== null && key.kind === 'SECRET') {
      seen.push({
        keyId: o.keyId,
        kind: 'ip',
        value: o.ip,
        firstSeenAt: o.firstAt,
        lastSeenAt: o.lastAt,
      });
    }
    const sightings = byKey.get(o.keyId) ?? new Map<string, Sighting>();
    byKey.set(o.keyId, sightings);
    for (const value of values) {
      const s = sightings.get(value);
      if (s === undefined) {
        sightings.set(value, {
          requests: o.requests,
          firstAt: o.firstAt,
          lastAt: o.lastAt,
          ips: new Set(o.ip === null ? [] : [o.ip]),
        });
      } else {
        s.requests += o.requests;
        if (o.firstAt < s.firstAt) s.firstAt = o.firstAt;
        if (o.lastAt > s.lastAt) s.lastAt = o.lastAt;
        if (o.ip !== null) s.ips.add(o.ip);
      }
    }
  }
  const found: Detection[] = [];
  if (!learning) {
    const oldEnough = now.getTime() - thresholds.minKeyAgeHours * HOUR_MS;
    const checked = [...byKey.keys()].filter((id) => {
      const key = keys.get(id);
      return key?.live === true && key.createdAt.getTime() <= oldEnough;
    });
    const known = await knownSources(db, checked);
    const fresh = new Map<string, [string, Sighting][]>();
    for (const id of checked) {
      const known_ = known.get(id) ?? new Set<string>();
      const unknown = [...(byKey.get(id) ?? [])].filter(([value]) => !known_.has(value));
      if (unknown.length > 0) fresh.set(id, unknown);
    }
    const historyFrom = hourOf(new Date(now.getTime() - thresholds.historyDays * DAY_MS));
    const history = await keyRequestsBetween(db, [...fresh.keys()], historyFrom, hourOf(now));
    for (const [id, unknown] of fresh) {
      const requests = history.get(id) ?? 0;
      if (requests < thresholds.minHistoryRequests) continue;
      const key = keys.get(id) as MonitoredKey;
      const knownOf = (kind: string) =>
        [...(known.get(id) ?? [])]
          .filter((v) => v.startsWith(`${kind} `))
          .map((v) => v.slice(kind.length + 1))
          .sort();
      for (const [value, s] of unknown) {
        const [kind, subject] = value.split(' ') as [string, string];
        const region = kind === 'region';
        const knownValues = knownOf(kind);
        found.push({
          keyId: id,
          projectId: key.projectId,
          kind: region ? 'NEW_REGION' : 'NEW_IP_RANGE',
          subject,
          severity: region && key.kind !== 'PUBLISHABLE' ? 'MEDIUM' : 'LOW',
          windowStart: new Date(now.getTime() - HOUR_MS),
          evidence: {
            [region ? 'region' : 'ipRange']: subject,
            firstSeenAt: s.firstAt,
            requests: s.requests,
            ips: [...s.ips].sort().slice(0, SAMPLE),
            historyDays: thresholds.historyDays,
            historyRequests: requests,
            [region ? 'knownRegions' : 'knownIpRanges']: knownValues.length,
            [region ? 'someKnownRegions' : 'someKnownIpRanges']: knownValues.slice(0, SAMPLE),
          },
        });
      }
    }
  }
  for (const [id, sightings] of byKey) {
    for (const [value, s] of sightings) {
      const [kind, subject] = value.split(' ') as ['region' | 'ip_range', string];
      seen.push({ keyId: id, kind, value: subject, firstSeenAt: s.firstAt, lastSeenAt: s.lastAt });
    }
  }
  await rememberSeen(db, seen);
  return found;
}
