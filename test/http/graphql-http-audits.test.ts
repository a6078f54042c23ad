import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// graphql-http's serverAudits is the GraphQL over HTTP spec's own test suite. Every audit runs
// against a real server with a valid key in X-API-Key: whatever a key's request gets wrong
// here, Keygate's plugins got wrong, since plain Yoga passes all of them.

/**
 * SHOULD and MAY audits that Keygate fails on purpose, with the reason. None today: the cost
 * check (400 under application/graphql-response+json, 200 under application/json) follows
 * the spec's rules for request errors, and no audit exceeds a cost budget.
 */
const DELIBERATE: Record<string, string> = {};

let t: TestServer;
let secret = '';

// The audits are listed before the server starts: the URL is read when each audit runs.
const audits = serverAudits({
  url: () => t.url,
  fetchFn: (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('x-api-key', secret);
    return fetch(input, { ...init, headers });
  },
});

beforeAll(async () => {
  t = await startTestServer();
  const projectId = await createProject(t, { name: 'Audits', plan: 'ENTERPRISE' });
  ({ secret } = await createKey(t, { projectId, scopes: ['products:read'] }));
});
afterAll(() => t.close());

/** The audit's verdict, with the response that failed it when it failed. */
async function explain(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response.text().catch(() => '(body already read)');
  return `${result.status}: ${result.reason}; got ${result.response.status} ${result.response.headers.get('content-type')} ${body.slice(0, 500)}`;
}

describe('GraphQL over HTTP (graphql-http server audits) with a valid key', () => {
  test('graphql-http lists at least its 61 audits, each with its own id', () => {
    expect(audits.length).toBeGreaterThanOrEqual(61);
    expect(new Set(audits.map((a) => a.id)).size).toBe(audits.length);
  });

  for (const audit of audits) {
    const deliberate = DELIBERATE[audit.id];
    if (deliberate !== undefined) {
      test(`${audit.name} (${audit.id}) fails on purpose: ${deliberate}`, async () => {
        const result = await audit.fn();
        expect(result.status).not.toBe('ok');
        expect(result.status).not.toBe('error');
      });
    } else {
      test(`${audit.name} (${audit.id})`, async () => {
        expect(await explain(await audit.fn())).toBe('ok');
      });
    }
  }

  // Audit 6C03 sends `operationName: ["array"]`: its event must still be writable (a value
  // SQLite cannot bind would block every later flush).
  test('every audited request is metered: the usage buffer drains', async () => {
    const usage = t.server.services.usage;
    await usage.flush();
    expect(usage.stats()).toMatchObject({ buffered: 0, failedFlushes: 0 });
  });
});
