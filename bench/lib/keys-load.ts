/**
 * The keys stage's HTTP traffic (autocannon): valid-key requests cycling over many keys,
 * and the flood of well-formed unknown keys from many client addresses.
 */
import autocannon from 'autocannon';

/** The cheapest request a key can make: it needs no scope and reads no ledger data. */
export const VIEWER_QUERY = 'query Viewer { viewer { key { id } } }';
const BODY = JSON.stringify({ query: VIEWER_QUERY, operationName: 'Viewer' });

export interface KeyLoadOptions {
  url: string;
  /** Presented in this order, cycling. */
  keys: readonly string[];
  connections: number;
  /** Either a duration … */
  durationSeconds?: number;
  /** … or a number of requests. */
  amount?: number;
  /** Requests per second over all connections (open loop); none: as fast as answered. */
  rate?: number;
  /**
   * Client addresses, cycling independently of the keys: sent as X-Forwarded-For (the
   * server trusts one proxy) with X-Forwarded-Proto: https, as a TLS-terminating proxy does.
   */
  clientIps?: readonly string[];
  /** The status every response must have. */
  expectStatus: number;
  /** Where in `keys` and `clientIps` to start (to go on where an earlier run stopped). */
  offset?: number;
}

export interface KeyLoadResult {
  requests: number;
  seconds: number;
  /** Responses with the expected status, per second. */
  perSecond: number;
  statuses: Record<string, number>;
  /** Where the next run should start to go on with the keys where this one stopped. */
  next: number;
}

/**
 * One autocannon run. Throws when a response had another status, a 200 carried GraphQL
 * errors, or a request errored or timed out: a run with failures measures nothing.
 */
export async function runKeyLoad(label: string, options: KeyLoadOptions): Promise<KeyLoadResult> {
  const { keys, clientIps } = options;
  let next = options.offset ?? 0;
  let badBodies = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined
      ? { duration: options.durationSeconds ?? 10 }
      : { amount: options.amount }),
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = next++;
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json',
            'x-api-key': keys[i % keys.length] as string,
          };
          if (clientIps !== undefined) {
            headers['x-forwarded-for'] = clientIps[i % clientIps.length] as string;
            headers['x-forwarded-proto'] = 'https';
          }
          return { ...request, headers, body: BODY };
        },
        onResponse: (status, body) => {
          if (status === 200 && (body.includes('"errors"') || !body.includes('"key":{"id"'))) {
            badBodies++;
          }
        },
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = Number(count);
  }
  const expected = statuses[String(options.expectStatus)] ?? 0;
  const other = Object.entries(statuses).filter(([code]) => code !== String(options.expectStatus));
  const problems = [
    other.length > 0 &&
      `unexpected statuses ${other.map(([code, n]) => `${n}× ${code}`).join(', ')}`,
    badBodies > 0 && `${badBodies} 200 responses without the viewer's key or with errors`,
    result.errors > 0 && `${result.errors} errors`,
    result.timeouts > 0 && `${result.timeouts} timeouts`,
    expected === 0 && `no ${options.expectStatus} response at all`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`${label}: ${problems.join(', ')}`);
  return {
    requests: expected,
    seconds: result.duration,
    perSecond: expected / result.duration,
    statuses,
    next,
  };
}

/** `count` distinct private addresses (10.0.0.1 onwards), the n-th always the same. */
export function clientAddresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  });
}
