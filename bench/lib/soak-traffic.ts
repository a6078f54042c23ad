/**
 * The soak's traffic (`npm run soak`, bench/soak.ts): the kinds of request it mixes, each
 * with the outcomes (`<HTTP status> <code>`) it may end with, and a keep-alive HTTP client
 * with a fixed number of connections.
 */
import { Agent, request } from 'node:http';
import { generateKey } from '../../src/keys/key-format.js';
import type { SoakKeys } from './soak-seed.js';

// ---------------------------------------------------------------------------------------
// HTTP

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * POSTs over at most `connections` keep-alive sockets, used in turn (`fifo`), so the
 * server holds the same number of client sockets for the whole run while the rate keeps
 * every socket busier than the server's 5 s keep-alive timeout. Requests beyond that wait
 * in the agent's queue.
 */
export class HttpClient {
  readonly #url: URL;
  readonly #agent: Agent;

  constructor(url: string, connections: number) {
    this.#url = new URL(url);
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
      scheduling: 'fifo',
    });
  }

  post(headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.#url.hostname,
          port: this.#url.port,
          path: this.#url.pathname,
          method: 'POST',
          agent: this.#agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new TimeoutError()));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes every socket. */
  destroy(): void {
    this.#agent.destroy();
  }
}

export class TimeoutError extends Error {
  constructor() {
    super('timeout');
  }
}

// ---------------------------------------------------------------------------------------
// Requests and outcomes

export interface SoakRequest {
  /** The class it is counted under (management requests may stand in for one another). */
  label: string;
  /** null: no key header at all. */
  key: string | null;
  /** `authorization` sends `Bearer <key>`. @default 'x-api-key' */
  header?: 'x-api-key' | 'authorization';
  query: string;
  operationName: string;
  variables?: Record<string, unknown>;
  /** For a 200 without errors: null when `data` is right, else what is wrong. */
  check?: (data: Record<string, unknown>) => string | null;
  /** Called with `data` of a 200 without errors. */
  onData?: (data: Record<string, unknown>) => void;
}

export function requestParts(r: SoakRequest): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json',
  };
  if (r.key !== null) {
    if (r.header === 'authorization') headers.authorization = `Bearer ${r.key}`;
    else headers['x-api-key'] = r.key;
  }
  const body = JSON.stringify({
    query: r.query,
    operationName: r.operationName,
    ...(r.variables ? { variables: r.variables } : {}),
  });
  return { headers, body };
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/**
 * `<status> <code>`: the code is `OK` for an answer without errors, else the first error's
 * `extensions.code` (`ERROR` without one). `BAD_ANSWER` when an OK answer fails its check,
 * `NOT_JSON` when the body is not JSON.
 */
export function outcomeOf(r: SoakRequest, answer: HttpAnswer): string {
  let json: GraphQLBody;
  try {
    json = JSON.parse(answer.body) as GraphQLBody;
  } catch {
    return `${answer.status} NOT_JSON`;
  }
  const first = json.errors?.[0];
  if (first !== undefined) {
    const code = first.extensions?.code;
    return `${answer.status} ${typeof code === 'string' ? code : 'ERROR'}`;
  }
  if (answer.status === 200) {
    const data = json.data;
    if (data == null) return '200 BAD_ANSWER';
    if (r.check?.(data) != null) return '200 BAD_ANSWER';
    r.onData?.(data);
  }
  return `${answer.status} OK`;
}

// ---------------------------------------------------------------------------------------
// The classes

export interface TrafficClass {
  name: string;
  /** Share of the traffic, per mille. */
  weight: number;
  what: string;
  /** Outcomes this class may end with; anything else is unexpected. */
  expected: readonly string[];
  next(): SoakRequest;
}

/** Shares of the traffic, per mille (they add up to 1000). */
export const WEIGHTS = {
  'ent-invoices': 300,
  'pro-ledger': 340,
  'pro-usage': 10,
  'pro-budget': 10,
  'free-ok': 5,
  'free-cost': 5,
  invalid: 150,
  denied: 100,
  limited: 60,
  'mgmt-create': 5,
  'mgmt-use': 5,
  'mgmt-revoke': 5,
  'mgmt-use-revoked': 5,
} as const;

/** Share of the traffic sent with FREE keys (their plan allows 60 requests a minute). */
export const FREE_SHARE = (WEIGHTS['free-ok'] + WEIGHTS['free-cost']) / 1000;
/** Share of the traffic sent with the low-limit key. */
export const LIMITED_SHARE = WEIGHTS.limited / 1000;
/** Share of the traffic that fails authentication (counts against the brute-force limiter). */
export const AUTH_FAILURE_SHARE = (WEIGHTS.invalid + WEIGHTS['mgmt-use-revoked']) / 1000;

const BENCH_QUERY =
  'query Bench { invoices(first: 10) { edges { node { id number amountCents currency status issuedAt dueAt customer { id name email country } } } } }';

const PRO_LEDGER = [
  {
    operationName: 'Customers',
    query:
      'query Customers { customers(first: 20) { edges { node { id name email country } } pageInfo { hasNextPage endCursor } } }',
  },
  {
    operationName: 'OpenInvoices',
    query:
      'query OpenInvoices { invoices(first: 10, filter: { status: OPEN }) { edges { node { id number amountCents status dueAt customer { id name } payments(first: 5) { edges { node { amountCents method receivedAt } } } } } } }',
  },
  {
    operationName: 'Invoice',
    query:
      'query Invoice($id: ID!) { invoice(id: $id) { id number amountCents status customer { name email } payments { edges { node { amountCents } } } } }',
  },
  {
    operationName: 'Products',
    query:
      'query Products { products(first: 10) { edges { node { id name priceCents currency } } } }',
  },
  {
    operationName: 'Viewer',
    query: 'query Viewer { viewer { key { id name status } project { id name plan } scopes } }',
  },
  {
    operationName: 'CustomerInvoices',
    query:
      'query CustomerInvoices { customers(first: 5) { edges { node { name invoices(first: 5) { edges { node { number amountCents status } } } } } } }',
  },
] as const;

/** Over 10,000 on FREE's 500 (100 invoices × their customer's 100 invoices); depth 8 of 8. */
const EXPENSIVE_QUERY =
  'query Expensive { invoices(first: 100) { edges { node { id customer { invoices(first: 100) { edges { node { id } } } } } } } }';

const SMALL_QUERY = 'query Latest { invoices(first: 1) { edges { node { id number } } } }';

const HOUR_MS = 3_600_000;

export interface TrafficOptions {
  /** Whether the brute-force limiter may answer failing authentications with 429. */
  authFailures429: boolean;
}

const hasEdges = (field: string) => (data: Record<string, unknown>) => {
  const connection = data[field] as { edges?: unknown[] } | null | undefined;
  return Array.isArray(connection?.edges) && connection.edges.length > 0 ? null : `no ${field}`;
};

/** The traffic classes over the seeded keys; management classes share their keys' state. */
export function trafficClasses(keys: SoakKeys, options: TrafficOptions): TrafficClass[] {
  const turn = (n: number) => {
    let i = 0;
    return () => i++ % n;
  };
  const proTurn = turn(PRO_LEDGER.length);
  const invoiceTurn = turn(keys.proInvoiceIds.length);
  const freeTurn = turn(keys.free.length);
  const invalidTurn = turn(5);
  const deniedTurn = turn(2);
  const authFailed = options.authFailures429
    ? ['401 UNAUTHENTICATED', '429 RATE_LIMITED']
    : ['401 UNAUTHENTICATED'];

  // Management: create a key, use it once, revoke it, then present the revoked key.
  const fresh: { id: string; secret: string }[] = [];
  const used: { id: string; secret: string }[] = [];
  const revoked: string[] = [];
  let created = 0;
  let revokedTurn = 0;
  const create = (): SoakRequest => ({
    label: 'mgmt-create',
    key: keys.proManager,
    query:
      'mutation Create($input: CreateKeyInput!) { createKey(input: $input) { secret key { id status } } }',
    operationName: 'Create',
    variables: { input: { name: `soak churn ${++created}`, scopes: ['invoices:read'] } },
    check: (data) => {
      const payload = data.createKey as { secret?: unknown; key?: { id?: unknown } } | null;
      return typeof payload?.secret === 'string' && typeof payload.key?.id === 'string'
        ? null
        : 'no key created';
    },
    onData: (data) => {
      const payload = data.createKey as { secret: string; key: { id: string } };
      fresh.push({ id: payload.key.id, secret: payload.secret });
    },
  });

  const classes: Omit<TrafficClass, 'weight'>[] = [
    {
      name: 'ent-invoices',
      what: 'ENTERPRISE key: 10 invoices with customers and emails (the bench query)',
      expected: ['200 OK'],
      next: () => ({
        label: 'ent-invoices',
        key: keys.enterprise,
        query: BENCH_QUERY,
        operationName: 'Bench',
        check: hasEdges('invoices'),
      }),
    },
    {
      name: 'pro-ledger',
      what: 'PRO key: customers, invoices with payments, one invoice, products, viewer (in turn)',
      expected: ['200 OK'],
      next: () => {
        const op = PRO_LEDGER[proTurn()] ?? PRO_LEDGER[0];
        const invoiceId = keys.proInvoiceIds[invoiceTurn()];
        return {
          label: 'pro-ledger',
          key: keys.proReader,
          query: op.query,
          operationName: op.operationName,
          ...(op.operationName === 'Invoice' ? { variables: { id: invoiceId } } : {}),
          check: (data) => (Object.values(data).every((v) => v != null) ? null : 'null field'),
        };
      },
    },
    {
      name: 'pro-usage',
      what: 'PRO key: usage of the last 2 hours by outcome (rollups)',
      expected: ['200 OK'],
      next: () => {
        const now = Date.now();
        return {
          label: 'pro-usage',
          key: keys.proReader,
          query:
            'query Usage($filter: UsageFilter!) { usage(filter: $filter, granularity: HOUR) { total byOutcome { outcome count } series { bucket requests denied } } }',
          operationName: 'Usage',
          variables: {
            filter: {
              from: new Date(now - 2 * HOUR_MS).toISOString(),
              to: new Date(now + HOUR_MS).toISOString(),
            },
          },
          check: (data) => (data.usage != null ? null : 'no usage'),
        };
      },
    },
    {
      name: 'pro-budget',
      what: 'PRO key: Query.rateLimit alone (spends nothing)',
      expected: ['200 OK'],
      next: () => ({
        label: 'pro-budget',
        key: keys.proReader,
        query: 'query Budget { rateLimit { remaining limitPerMinute quotaRemaining resetAt } }',
        operationName: 'Budget',
      }),
    },
    {
      name: 'free-ok',
      what: `FREE keys (${keys.free.length}, each under 60/min): a few invoices`,
      expected: ['200 OK'],
      next: () => ({
        label: 'free-ok',
        key: keys.free[freeTurn()] ?? null,
        query: 'query FreeInvoices { invoices(first: 5) { edges { node { id number status } } } }',
        operationName: 'FreeInvoices',
        check: hasEdges('invoices'),
      }),
    },
    {
      name: 'free-cost',
      what: 'FREE keys: a query costing over 10,000 on a 500 budget',
      expected: ['400 COST_LIMIT_EXCEEDED'],
      next: () => ({
        label: 'free-cost',
        key: keys.free[freeTurn()] ?? null,
        query: EXPENSIVE_QUERY,
        operationName: 'Expensive',
      }),
    },
    {
      name: 'invalid',
      what: 'no key, garbage, a bad checksum, an unknown well-formed key, garbage as Bearer',
      expected: authFailed,
      next: () => {
        const base = { label: 'invalid', query: SMALL_QUERY, operationName: 'Latest' };
        switch (invalidTurn()) {
          case 0:
            return { ...base, key: null };
          case 1:
            return { ...base, key: `garbage-${Math.random().toString(36).slice(2)}` };
          case 2: {
            const key = generateKey('SECRET', 'LIVE');
            const last = key.endsWith('A') ? 'B' : 'A';
            return { ...base, key: key.slice(0, -1) + last };
          }
          case 3:
            return { ...base, key: generateKey('SECRET', 'LIVE') };
          default:
            return { ...base, key: 'not a key at all', header: 'authorization' };
        }
      },
    },
    {
      name: 'denied',
      what: 'PRO key without customers:pii and payments:read asks for emails or payments',
      expected: ['200 FORBIDDEN'],
      next: () =>
        deniedTurn() === 0
          ? {
              label: 'denied',
              key: keys.proNoPii,
              query: 'query Emails { customers(first: 10) { edges { node { id name email } } } }',
              operationName: 'Emails',
            }
          : {
              label: 'denied',
              key: keys.proNoPii,
              query:
                'query Payments { invoices(first: 5) { edges { node { id payments { edges { node { amountCents } } } } } } }',
              operationName: 'Payments',
            },
    },
    {
      name: 'limited',
      what: 'PRO key with a low rateLimitPerMinute, sent ~4× its limit',
      expected: ['200 OK', '429 RATE_LIMITED'],
      next: () => ({
        label: 'limited',
        key: keys.proLimited,
        query: SMALL_QUERY,
        operationName: 'Latest',
      }),
    },
    {
      name: 'mgmt-create',
      what: 'PRO manager key: createKey',
      expected: ['200 OK'],
      next: create,
    },
    {
      name: 'mgmt-use',
      what: 'a key just created: one query',
      expected: ['200 OK'],
      next: () => {
        const key = fresh.shift();
        if (key === undefined) return create();
        used.push(key);
        return {
          label: 'mgmt-use',
          key: key.secret,
          query: SMALL_QUERY,
          operationName: 'Latest',
          check: hasEdges('invoices'),
        };
      },
    },
    {
      name: 'mgmt-revoke',
      what: 'PRO manager key: revokeKey of a used key',
      expected: ['200 OK'],
      next: () => {
        const key = used.shift() ?? fresh.shift();
        if (key === undefined) return create();
        return {
          label: 'mgmt-revoke',
          key: keys.proManager,
          query:
            'mutation Revoke($id: ID!) { revokeKey(id: $id, reason: NO_LONGER_NEEDED) { id status } }',
          operationName: 'Revoke',
          variables: { id: key.id },
          check: (data) =>
            (data.revokeKey as { status?: unknown } | null)?.status === 'REVOKED'
              ? null
              : 'not revoked',
          onData: () => {
            revoked.push(key.secret);
            if (revoked.length > 20) revoked.shift();
          },
        };
      },
    },
    {
      name: 'mgmt-use-revoked',
      what: 'a revoked key (one of the last 20)',
      expected: options.authFailures429
        ? ['401 KEY_REVOKED', '429 RATE_LIMITED']
        : ['401 KEY_REVOKED'],
      next: () => {
        const secret = revoked[revokedTurn++ % Math.max(1, revoked.length)];
        if (secret === undefined) return create();
        return {
          label: 'mgmt-use-revoked',
          key: secret,
          query: SMALL_QUERY,
          operationName: 'Latest',
        };
      },
    },
  ];
  return classes.map((c) => ({ ...c, weight: WEIGHTS[c.name as keyof typeof WEIGHTS] }));
}

/** A deterministic order of 1000 slots in which each class holds `weight` slots. */
export function slotSchedule(classes: readonly TrafficClass[], seed = 42): TrafficClass[] {
  const slots = classes.flatMap((c) => Array.from({ length: c.weight }, () => c));
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j] as TrafficClass, slots[i] as TrafficClass];
  }
  return slots;
}
