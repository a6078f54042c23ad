import { expect } from 'vitest';
import type { MonitorPass } from '../../src/jobs/monitor-job.js';
import { newId } from '../../src/lib/ids.js';
import type { Outcome, UsageEvent } from '../../src/usage/usage-event.js';
import { writeUsageBatch } from '../../src/usage/usage-repository.js';
import { graphql } from '../gql/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** "Now" in these tests: ten minutes into an hour. */
export const NOW = '2026-11-28T12:10:00.000Z';

/**
 * A server whose monitor only runs when told (runOnce), which believes X-Forwarded-For (each
 * request picks its client ip) and reads the client's region from cf-ipcountry.
 */
export function startMonitorServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer({
    env: {
      KEYGATE_MONITOR_INTERVAL_MS: '0',
      KEYGATE_TRUST_PROXY: 'true',
      KEYGATE_REGION_HEADER: 'cf-ipcountry',
      ...env,
    },
  });
}

const CreateProject = graphql(`
  mutation MonitorCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const CreateKey = graphql(`
  mutation MonitorCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
      secret
    }
  }
`);

const Viewer = graphql(`
  query MonitorViewer {
    viewer {
      scopes
    }
  }
`);

const Customers = graphql(`
  query MonitorCustomers {
    customers(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** A PRO project (600 requests a minute) with the given alert policy. */
export async function monitoredProject(
  t: TestServer,
  alertPolicy: {
    autoSuspend: boolean;
    minSeverity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  } | null = null,
  name = 'Monitored',
): Promise<string> {
  const res = await t.gql(
    CreateProject,
    {
      input: {
        name,
        plan: 'PRO',
        allowedScopes: ['products:read', 'customers:read', 'usage:read', 'keys:read', 'keys:write'],
        ...(alertPolicy ? { alertPolicy } : {}),
      },
    },
    t.adminKey,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.createProject?.id as string;
}

export interface Key {
  id: string;
  secret: string;
}

/**
 * A key of the project, made `ageDays` before the clock's now (the clock comes back after).
 */
export async function monitoredKey(
  t: TestServer,
  projectId: string,
  {
    ageDays = 0,
    kind = 'SECRET',
    scopes = ['products:read'],
    allowedIps,
  }: {
    ageDays?: number;
    kind?: 'SECRET' | 'PUBLISHABLE';
    scopes?: string[];
    allowedIps?: string[];
  } = {},
): Promise<Key> {
  const now = t.clock.now();
  t.clock.set(new Date(now.getTime() - ageDays * DAY_MS));
  try {
    const res = await t.gql(
      CreateKey,
      {
        input: {
          projectId,
          name: `${kind.toLowerCase()} key`,
          kind,
          scopes,
          ...(allowedIps ? { allowedIps } : {}),
          ...(kind === 'PUBLISHABLE' ? { allowedOrigins: ['https://shop.example'] } : {}),
        },
      },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    return {
      id: res.body.data?.createKey?.key.id as string,
      secret: res.body.data?.createKey?.secret as string,
    };
  } finally {
    t.clock.set(now);
  }
}

/** Real requests with the key (viewer: every key may ask), from `ip` in `region`. */
export async function send(
  t: TestServer,
  secret: string,
  n: number,
  {
    ip = '192.0.2.10',
    region,
    query = 'viewer',
    origin,
  }: {
    ip?: string;
    region?: string;
    query?: 'viewer' | 'customers';
    origin?: string;
  } = {},
): Promise<number[]> {
  const headers: Record<string, string> = { 'x-forwarded-for': ip };
  if (region) headers['cf-ipcountry'] = region;
  if (origin) headers.origin = origin;
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res =
      query === 'viewer'
        ? await t.gql(Viewer, {}, secret, headers)
        : await t.gql(Customers, {}, secret, headers);
    statuses.push(res.status);
  }
  return statuses;
}

/** Writes past usage of a key as the recorder would have: `count` requests at `at`. */
export async function writeHistory(
  t: TestServer,
  rows: {
    keyId: string;
    projectId: string;
    at: Date;
    count: number;
    ip?: string;
    region?: string | null;
    outcome?: Outcome;
  }[],
): Promise<void> {
  const events: UsageEvent[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.count; i++) {
      events.push({
        id: newId('req', r.at),
        at: r.at,
        projectId: r.projectId,
        keyId: r.keyId,
        operationName: 'MonitorViewer',
        operationType: 'query',
        fields: ['Query.viewer', 'Viewer.scopes'],
        outcome: r.outcome ?? 'OK',
        httpStatus: 200,
        durationMs: 1,
        cost: 1,
        ip: r.ip ?? '192.0.2.10',
        region: r.region ?? null,
        userAgent: null,
        billable: true,
      });
    }
  }
  await writeUsageBatch(t.server.services.db, events);
}

/** `count` requests at the same hour as now on each of the past `days` days. */
export function sameHourHistory(
  t: TestServer,
  key: { keyId: string; projectId: string },
  perDay: number,
  days = 7,
) {
  const now = t.clock.now().getTime();
  return Array.from({ length: days }, (_, d) => ({
    ...key,
    at: new Date(Math.floor(now / HOUR_MS) * HOUR_MS - (d + 1) * DAY_MS + 60_000),
    count: perDay,
  }));
}

/** Writes buffered usage, then runs one monitor pass. */
export async function monitorPass(t: TestServer): Promise<MonitorPass> {
  await t.server.services.usage.flush();
  return t.server.monitor.runOnce();
}

/** The kinds (and subjects, evidence) a pass found, in a stable order, for exact assertions. */
export function found(pass: MonitorPass) {
  return pass.anomalies
    .map((a) => ({ kind: a.kind, keyId: a.keyId, subject: a.subject, severity: a.severity }))
    .sort((a, b) =>
      `${a.kind}${a.keyId}${a.subject}`.localeCompare(`${b.kind}${b.keyId}${b.subject}`),
    );
}
