import autocannon from 'autocannon';
import { benchRequest } from './query.js';

export interface LoadOptions {
  url: string;
  key: string;
  connections: number;
  durationSeconds: number;
  /** Every response body must equal this (the body checked before measuring). */
  expectBody: string;
}

export interface LoadResult {
  reqPerSec: number;
  p99Ms: number;
  requests: number;
}

/**
 * One autocannon run. Throws when any response was not 2xx, did not equal the expected
 * body, or any request errored or timed out: a run with failures measures nothing.
 */
export async function runLoad(label: string, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    ...benchRequest(options.key),
    connections: options.connections,
    duration: options.durationSeconds,
    expectBody: options.expectBody,
    timeout: 10,
  });
  const problems = [
    result.non2xx > 0 && `${result.non2xx} non-2xx responses`,
    result.errors > 0 && `${result.errors} errors`,
    result.timeouts > 0 && `${result.timeouts} timeouts`,
    result.mismatches > 0 && `${result.mismatches} responses with an unexpected body`,
    result['2xx'] === 0 && 'no 2xx responses at all',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    throw new Error(`${label}: autocannon saw ${problems.join(', ')}`);
  }
  return {
    reqPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
