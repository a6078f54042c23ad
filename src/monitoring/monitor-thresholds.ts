/** The detectors' thresholds (KEYGATE_MONITOR_* in config.ts; the README lists the rules). */
export interface MonitorThresholds {
  /** REQUEST_SPIKE: this hour's requests ≥ factor × the same hour's mean of the past 7 days. */
  spikeFactor: number;
  /** REQUEST_SPIKE: … and at least this many requests this hour. */
  spikeMinRequests: number;
  /** REFUSAL_SURGE: at least this many refused requests this hour … */
  refusalMin: number;
  /** … making at least this share (0–1) of the key's requests this hour. */
  refusalShare: number;
  /** NEW_REGION / NEW_IP_RANGE: how far back "seen before" looks, in days. */
  historyDays: number;
  /** NEW_REGION / NEW_IP_RANGE: only keys at least this old (hours) … */
  minKeyAgeHours: number;
  /** … with at least this many requests in their history. */
  minHistoryRequests: number;
  /** MANY_IPS: a SECRET key used from more than this many distinct ips in the last hour. */
  manyIps: number;
}

export const DEFAULT_THRESHOLDS: Readonly<MonitorThresholds> = Object.freeze({
  spikeFactor: 10,
  spikeMinRequests: 100,
  refusalMin: 50,
  refusalShare: 0.5,
  historyDays: 30,
  minKeyAgeHours: 24,
  minHistoryRequests: 100,
  manyIps: 20,
});
