import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestServer } from '../helpers/test-server.js';
import {
  type Key,
  monitoredKey,
  monitoredProject,
  monitorPass,
  NOW,
  send,
  startMonitorServer,
} from './monitor-helpers.js';

// Query.anomalies (filters, pagination, project isolation), acknowledgeAnomaly, and the
// projects' alertPolicy. The anomalies come from real traffic: with MANY_IPS at 1, a secret
// key used from 2 ips is MEDIUM, from 6 ips (more than 5 × 1) HIGH.

const Anomalies = graphql(`
  query ApiAnomalies($filter: AnomalyFilter, $first: Int, $after: String) {
    anomalies(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          kind
          severity
          keyId
          projectId
          acknowledgedAt
          acknowledgedByKeyId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Acknowledge = graphql(`
  mutation ApiAcknowledge($id: ID!) {
    acknowledgeAnomaly(id: $id) {
      id
      acknowledgedAt
      acknowledgedByKeyId
    }
  }
`);

const CreateKey = graphql(`
  mutation ApiMonitorCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
      secret
    }
  }
`);

const CreateProject = graphql(`
  mutation ApiAlertCreate($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      alertPolicy {
        autoSuspend
        minSeverity
      }
    }
  }
`);

const UpdateProject = graphql(`
  mutation ApiAlertUpdate($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      alertPolicy {
        autoSuspend
        minSeverity
      }
    }
  }
`);

const Audit = graphql(`
  query ApiMonitorAudit($filter: AuditFilter) {
    auditLog(filter: $filter) {
      edges {
        node {
          action
          actorKeyId
          targetId
          projectId
          details
        }
      }
    }
  }
`);

let t: TestServer;
let projectA: string;
let projectB: string;
/** Project A's manager: usage:read, keys:read, keys:write. */
let managerA: Key;
/** Project A's reader: usage:read only. */
let readerA: Key;
let managerB: Key;
const ids: Record<string, string> = {};
const keysUsed: Record<string, Key> = {};

async function managementKey(projectId: string, scopes: string[]): Promise<Key> {
  const res = await t.gql(CreateKey, { input: { projectId, name: 'manager', scopes } }, t.adminKey);
  expect(res.body.errors).toBeUndefined();
  return {
    id: res.body.data?.createKey?.key.id as string,
    secret: res.body.data?.createKey?.secret as string,
  };
}

async function fromIps(key: Key, n: number, prefix: string) {
  for (let i = 1; i <= n; i++) await send(t, key.secret, 1, { ip: `${prefix}.${i}` });
}

beforeAll(async () => {
  t = await startMonitorServer({
    KEYGATE_MONITOR_MANY_IPS: '1',
    KEYGATE_MONITOR_SPIKE_MIN_REQUESTS: '100000',
    KEYGATE_MONITOR_REFUSALS_MIN: '100000',
  });
  t.clock.set(NOW);
  projectA = await monitoredProject(t, null, 'A');
  projectB = await monitoredProject(t, null, 'B');
  managerA = await managementKey(projectA, ['usage:read', 'keys:read', 'keys:write']);
  readerA = await managementKey(projectA, ['usage:read']);
  managerB = await managementKey(projectB, ['usage:read', 'keys:read', 'keys:write']);
  // Detected one minute apart, in this order: a1 (HIGH), a2 (MEDIUM), b1 (MEDIUM).
  const a1 = await monitoredKey(t, projectA);
  await fromIps(a1, 6, '10.1.0');
  ids.a1 = (await monitorPass(t)).anomalies[0]?.id as string;
  t.clock.advance(60_000);
  const a2 = await monitoredKey(t, projectA);
  await fromIps(a2, 2, '10.2.0');
  ids.a2 = (await monitorPass(t)).anomalies[0]?.id as string;
  t.clock.advance(60_000);
  const b1 = await monitoredKey(t, projectB);
  await fromIps(b1, 2, '10.3.0');
  ids.b1 = (await monitorPass(t)).anomalies[0]?.id as string;
  keysUsed.a1 = a1;
  keysUsed.a2 = a2;
  ids.keyA1 = a1.id;
  ids.keyA2 = a2.id;
  ids.keyB1 = b1.id;
});

afterAll(async () => {
  await t?.close();
});

async function list(filter: Record<string, unknown> | null, key = t.adminKey, first?: number) {
  const res = await t.gql(Anomalies, { filter, ...(first ? { first } : {}) }, key);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.anomalies?.edges.map((e) => e.node.id) ?? [];
}

describe('Query.anomalies', () => {
  test('an admin key sees every project, newest first', async () => {
    expect(await list(null)).toEqual([ids.b1, ids.a2, ids.a1]);
  });

  test('filters by project, key, kind, severity, acknowledgement and time', async () => {
    expect(await list({ projectId: projectA })).toEqual([ids.a2, ids.a1]);
    expect(await list({ keyId: ids.keyA2 })).toEqual([ids.a2]);
    expect(await list({ kind: 'MANY_IPS' })).toEqual([ids.b1, ids.a2, ids.a1]);
    expect(await list({ kind: 'REQUEST_SPIKE' })).toEqual([]);
    expect(await list({ minSeverity: 'HIGH' })).toEqual([ids.a1]);
    expect(await list({ minSeverity: 'MEDIUM' })).toEqual([ids.b1, ids.a2, ids.a1]);
    expect(await list({ minSeverity: 'CRITICAL' })).toEqual([]);
    expect(await list({ acknowledged: true })).toEqual([]);
    expect(await list({ from: '2026-11-28T12:11:00.000Z' })).toEqual([ids.b1, ids.a2]);
    expect(await list({ to: '2026-11-28T12:11:00.000Z' })).toEqual([ids.a1]);
  });

  test('pages with first and after', async () => {
    const page = await t.gql(Anomalies, { first: 2 }, t.adminKey);
    expect(page.body.data?.anomalies?.edges.map((e) => e.node.id)).toEqual([ids.b1, ids.a2]);
    expect(page.body.data?.anomalies?.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql(
      Anomalies,
      { first: 2, after: page.body.data?.anomalies?.pageInfo.endCursor },
      t.adminKey,
    );
    expect(next.body.data?.anomalies?.edges.map((e) => e.node.id)).toEqual([ids.a1]);
    expect(next.body.data?.anomalies?.pageInfo.hasNextPage).toBe(false);
    const bad = await t.gql(Anomalies, { after: 'bm90LWEtY3Vyc29y' }, t.adminKey);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test("a project key sees only its project's anomalies; another projectId answers empty", async () => {
    expect(await list(null, managerA.secret)).toEqual([ids.a2, ids.a1]);
    expect(await list(null, readerA.secret)).toEqual([ids.a2, ids.a1]);
    expect(await list(null, managerB.secret)).toEqual([ids.b1]);
    expect(await list({ projectId: projectA }, managerB.secret)).toEqual([]);
    expect(await list({ keyId: ids.keyA1 }, managerB.secret)).toEqual([]);
  });

  test('needs usage:read', async () => {
    const keysOnly = await managementKey(projectA, ['keys:read']);
    const res = await t.gql(Anomalies, {}, keysOnly.secret);
    expect(res.body.data?.anomalies).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('acknowledgeAnomaly', () => {
  test("another project's anomaly answers NOT_FOUND, like a missing one", async () => {
    const foreign = await t.gql(Acknowledge, { id: ids.a2 as string }, managerB.secret);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.body.errors?.[0]?.message).toBe(`no anomaly with id "${ids.a2}"`);
    const missing = await t.gql(Acknowledge, { id: 'anm_0000000000000000000000' }, managerB.secret);
    expect(missing.body.errors?.[0]?.message).toBe(
      'no anomaly with id "anm_0000000000000000000000"',
    );
  });

  test('needs keys:write: usage:read only reads', async () => {
    const res = await t.gql(Acknowledge, { id: ids.a2 as string }, readerA.secret);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await list({ acknowledged: true })).toEqual([]);
  });

  test('marks it acknowledged, by whom, audited once; acknowledging again changes nothing', async () => {
    const res = await t.gql(Acknowledge, { id: ids.a2 as string }, managerA.secret);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.acknowledgeAnomaly).toEqual({
      id: ids.a2,
      acknowledgedAt: '2026-11-28T12:12:00.000Z',
      acknowledgedByKeyId: managerA.id,
    });
    t.clock.advance(60_000);
    const again = await t.gql(Acknowledge, { id: ids.a2 as string }, managerA.secret);
    expect(again.body.data?.acknowledgeAnomaly?.acknowledgedAt).toBe('2026-11-28T12:12:00.000Z');
    expect(await list({ acknowledged: true })).toEqual([ids.a2]);
    expect(await list({ acknowledged: false })).toEqual([ids.b1, ids.a1]);

    const audit = await t.gql(Audit, { filter: { action: 'anomaly.acknowledged' } }, t.adminKey);
    expect(audit.body.data?.auditLog?.edges.map((e) => e.node)).toEqual([
      {
        action: 'anomaly.acknowledged',
        actorKeyId: managerA.id,
        targetId: ids.a2,
        projectId: projectA,
        details: { keyId: ids.keyA2, kind: 'MANY_IPS', severity: 'MEDIUM' },
      },
    ]);
  });

  test('an anomaly, acknowledged or not, is raised again only in a later window', async () => {
    const a2 = keysUsed.a2 as Key;
    await fromIps(a2, 2, '10.4.0');
    expect((await monitorPass(t)).anomalies.filter((a) => a.keyId === a2.id)).toEqual([]);
    t.clock.advance(61 * 60_000);
    await fromIps(a2, 2, '10.5.0');
    const later = await monitorPass(t);
    expect(later.anomalies.map((a) => [a.keyId, a.kind])).toEqual([[a2.id, 'MANY_IPS']]);
    // a1 is unacknowledged, but of an earlier window: it does not hide the new finding.
    t.clock.advance(60_000);
    await fromIps(keysUsed.a1 as Key, 3, '10.6.0');
    expect((await monitorPass(t)).anomalies.map((a) => [a.keyId, a.kind])).toEqual([
      [keysUsed.a1?.id, 'MANY_IPS'],
    ]);
  });
});

describe('alertPolicy', () => {
  test('a project starts with autoSuspend off at HIGH, or with the policy given', async () => {
    const plain = await t.gql(
      CreateProject,
      { input: { name: 'Plain', allowedScopes: ['products:read'] } },
      t.adminKey,
    );
    expect(plain.body.data?.createProject?.alertPolicy).toEqual({
      autoSuspend: false,
      minSeverity: 'HIGH',
    });
    const strict = await t.gql(
      CreateProject,
      {
        input: {
          name: 'Strict',
          allowedScopes: ['products:read'],
          alertPolicy: { autoSuspend: true, minSeverity: 'CRITICAL' },
        },
      },
      t.adminKey,
    );
    expect(strict.body.data?.createProject?.alertPolicy).toEqual({
      autoSuspend: true,
      minSeverity: 'CRITICAL',
    });
  });

  test('updateProject replaces it, audited with before and after', async () => {
    const res = await t.gql(
      UpdateProject,
      { id: projectA, input: { alertPolicy: { autoSuspend: true, minSeverity: 'MEDIUM' } } },
      t.adminKey,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateProject?.alertPolicy).toEqual({
      autoSuspend: true,
      minSeverity: 'MEDIUM',
    });
    const audit = await t.gql(
      Audit,
      { filter: { action: 'project.updated', targetId: projectA } },
      t.adminKey,
    );
    const details = audit.body.data?.auditLog?.edges[0]?.node.details as {
      before: { alertPolicy: unknown };
      after: { alertPolicy: unknown };
    };
    expect(details.before.alertPolicy).toEqual({ autoSuspend: false, minSeverity: 'HIGH' });
    expect(details.after.alertPolicy).toEqual({ autoSuspend: true, minSeverity: 'MEDIUM' });
  });

  test('null, or a severity that does not exist, is refused and changes nothing', async () => {
    const cleared = await t.gql(
      UpdateProject,
      { id: projectB, input: { alertPolicy: null } },
      t.adminKey,
    );
    expect(cleared.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cleared.body.errors?.[0]?.message).toBe(
      'alertPolicy cannot be cleared: send { autoSuspend: false, minSeverity: HIGH } to turn auto-suspend off',
    );
    const unknown = await t.gql(
      UpdateProject,
      {
        id: projectB,
        input: { alertPolicy: { autoSuspend: true, minSeverity: 'SEVERE' as 'HIGH' } },
      },
      t.adminKey,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toContain(
      'Value "SEVERE" does not exist in "Severity" enum',
    );
    const missing = await t.gql(
      UpdateProject,
      { id: projectB, input: { alertPolicy: { autoSuspend: true } as never } },
      t.adminKey,
    );
    expect(missing.status).toBe(400);
    const after = await t.gql(UpdateProject, { id: projectB, input: {} }, t.adminKey);
    expect(after.body.data?.updateProject?.alertPolicy).toEqual({
      autoSuspend: false,
      minSeverity: 'HIGH',
    });
  });
});
