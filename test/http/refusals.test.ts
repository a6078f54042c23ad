import { afterAll, beforeAll, expect, test } from 'vitest';
import { requestRejection } from '../../src/http/http-errors.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// Refusals (401, 403, 429, 503 before execution) are made once and shared between requests,
// without a stack, and written from a prepared body: what a client receives must not change.

test('a refusal is made once: the same code, wait and message give the same error, others their own', () => {
  const a = requestRejection('RATE_LIMITED', 'rate limit exceeded', 12);
  expect(requestRejection('RATE_LIMITED', 'rate limit exceeded', 12)).toBe(a);
  const b = requestRejection('RATE_LIMITED', 'rate limit exceeded', 13);
  expect(b).not.toBe(a);
  expect(a.extensions).toEqual({
    code: 'RATE_LIMITED',
    http: { status: 429, headers: { 'Retry-After': '12' } },
  });
  expect(b.extensions).toEqual({
    code: 'RATE_LIMITED',
    http: { status: 429, headers: { 'Retry-After': '13' } },
  });
});

test('a refusal has no stack frames, and the stack trace limit is left as it was', () => {
  const limit = Error.stackTraceLimit;
  const error = requestRejection('UNAUTHENTICATED', 'a message no other test uses');
  expect(error.stack ?? '').not.toMatch(/\n\s+at /);
  expect(Error.stackTraceLimit).toBe(limit);
  expect(new Error('x').stack ?? '').toMatch(/\n\s+at /);
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

test('refused requests in a row each get their own status, headers and exact body, under either media type', async () => {
  const unknown = `kg_sk_live_${'A'.repeat(43)}000000`;
  for (const accept of ['application/graphql-response+json', 'application/json']) {
    for (const [key, body] of [
      [
        null,
        '{"errors":[{"message":"missing API key: send it in the X-API-Key header or as Authorization: Bearer <key>","extensions":{"code":"UNAUTHENTICATED"}}]}',
      ],
      [unknown, null],
      [null, null],
    ] as const) {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept,
          ...(key ? { 'x-api-key': key } : {}),
        },
        body: JSON.stringify({ query: '{ viewer { scopes } }' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
      expect(response.headers.get('www-authenticate')).toBe(
        'ApiKey realm="keygate", header="X-API-Key"',
      );
      const text = await response.text();
      if (body !== null) expect(text).toBe(body);
      else {
        const parsed = JSON.parse(text) as { errors: { extensions: { code: string } }[] };
        expect(parsed.errors).toHaveLength(1);
        expect(parsed.errors[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
        expect(Object.keys(parsed)).toEqual(['errors']);
      }
    }
  }
  // A valid key is still answered with data after all those refusals.
  const ok = await t.gql('{ viewer { scopes } }', {}, t.adminKey);
  expect(ok.status).toBe(200);
  expect(ok.body.errors).toBeUndefined();
});
