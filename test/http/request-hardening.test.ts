import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
let key: string;
beforeAll(async () => {
  t = await startTestServer();
  const projectId = await createProject(t, { plan: 'PRO' });
  key = (await createKey(t, { projectId, scopes: ['invoices:read', 'customers:read'] })).secret;
});
afterAll(() => t.close());

interface Answer {
  status: number;
  body: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
}

async function post(body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'x-api-key': key,
      ...headers,
    },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const query = (q: string) => post(JSON.stringify({ query: q }));

/**
 * Writes `head` and then `body` on a raw connection and returns what the server answers first
 * (status line, headers and body as text), for framings fetch will not send.
 */
function rawExchange(head: string, body: string, endAfterBody = false): Promise<string> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      socket.write(body);
      if (endAfterBody) socket.end();
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const end = answer.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(answer)?.[1];
      if (end !== -1 && length !== undefined && answer.length >= end + 4 + Number(length)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

const rawHead = (lines: string[]) =>
  `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-API-Key: ${key}\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;

describe('GraphQL limits (graphql-armor)', () => {
  test('16 aliases are refused with ALIAS_LIMIT_EXCEEDED, __typename aliases included; 15 pass', async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ');
    expect((await query(`{ ${aliases(15)} }`)).status).toBe(200);
    const refused = await query(`{ ${aliases(16)} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        message: 'Aliases limit of 15 exceeded, found 16.',
        extensions: { code: 'ALIAS_LIMIT_EXCEEDED' },
      },
    ]);
  });

  test('more than 50 directives are refused with DIRECTIVE_LIMIT_EXCEEDED', async () => {
    const refused = await query(`{ __typename ${'@include(if: true) '.repeat(51)} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('DIRECTIVE_LIMIT_EXCEEDED');
  });

  test('validation errors never suggest field names', async () => {
    const res = await query('{ invoicez { id } customerz { nam } }');
    expect(res.status).toBe(400);
    for (const error of res.body.errors ?? []) {
      expect(error.message).not.toMatch(/Did you mean/);
      expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(res.body.errors?.[0]?.message).toBe('Cannot query field "invoicez" on type "Query".');
  });
});

describe('the transport of a request', () => {
  test('a body over 100 KB is refused with 413 before it is read', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(102_400) }));
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  // Keygate bounds a body by its Content-Length, which it requires, and node's parser never
  // reads past it: Yoga's per-chunk counting stream is off (maxRequestBodySize: false).
  test('a chunked POST without Content-Length is refused with 411 before its body is read', async () => {
    const chunk = 'x'.repeat(200_000);
    const answer = await rawExchange(
      rawHead(['Transfer-Encoding: chunked', 'Connection: close']),
      `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 411 Length Required');
    expect(answer).toContain('"code":"LENGTH_REQUIRED"');
  });

  test('bytes past Content-Length are not part of the body: they are the next request', async () => {
    const declared = JSON.stringify({ query: '{ __typename }' });
    const answer = await rawExchange(
      rawHead([`Content-Length: ${declared.length}`]),
      `${declared}GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(answer).toContain('{"data":{"__typename":"Query"}');
  });

  test('a body cut short of its Content-Length is not a 500, and the server goes on', async () => {
    const declared = JSON.stringify({ query: '{ __typename }' });
    const answer = await rawExchange(
      rawHead([`Content-Length: ${declared.length}`]),
      declared.slice(0, 10),
      true,
    );
    // The client stopped sending: at most a 400 for the cut JSON, never a 500 or a hang.
    expect(['', 'HTTP/1.1 400 Bad Request']).toContain(answer.split('\r\n')[0]);
    const after = await query('{ __typename }');
    expect(after.status).toBe(200);
  });

  test('Content-Length and Transfer-Encoding together are refused by the HTTP parser (400)', async () => {
    const answer = await rawExchange(
      rawHead(['Content-Length: 5', 'Transfer-Encoding: chunked', 'Connection: close']),
      '5\r\nhello\r\n0\r\n\r\n',
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  });

  test('form and multipart POSTs are refused with 415 (no CSRF through a form)', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
    ]) {
      const res = await post('query=%7B__typename%7D', { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  test('headers over 16 KB are refused with 431', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key,
        'x-pad': 'a'.repeat(17_000),
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(431);
  });

  test('batching is off: an array of operations is a 400', async () => {
    const res = await post(
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toBe('Batching is not supported.');
  });

  test('a mutation over GET is a 405', async () => {
    const url = new URL(t.url);
    url.searchParams.set('query', 'mutation { createCustomer(input: { name: "x" }) { id } }');
    const res = await fetch(url, { headers: { 'x-api-key': key, accept: 'application/json' } });
    expect(res.status).toBe(405);
  });
});
