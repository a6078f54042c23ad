import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const SchemaName = graphql(`
  query EdgeSchemaName {
    __schema {
      queryType {
        name
      }
    }
  }
`);

const TypeName = graphql(`
  query EdgeTypeName {
    __type(name: "Viewer") {
      name
    }
  }
`);

const SchemaAndViewer = graphql(`
  query EdgeSchemaAndViewer {
    __schema {
      queryType {
        name
      }
    }
    viewer {
      scopes
    }
  }
`);

const Viewer = graphql(`
  query EdgeViewer {
    viewer {
      key {
        kind
      }
    }
  }
`);

const WWW_AUTHENTICATE = 'ApiKey realm="keygate", header="X-API-Key"';

/** Any line of a JavaScript stack trace ("    at fn (file.ts:1:2)") or a stack property. */
const STACK = /\bat\s+(\S+\s+\()?\S+:\d+:\d+\)?|\\n\s+at\s|"stack"\s*:/;

interface Raw {
  status: number;
  headers: Headers;
  text: string;
}

async function raw(url: string, init: RequestInit = {}): Promise<Raw> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const rootOf = (t: TestServer) => t.url.replace(/\/graphql$/, '');

/** POSTs a raw body to /graphql with the JSON content type. */
function postRaw(t: TestServer, body: string, headers: Record<string, string> = {}) {
  return raw(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body,
  });
}

function preflight(t: TestServer, origin: string): Promise<Raw> {
  return raw(t.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-api-key,content-type',
    },
  });
}

const headerList = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('introspection', () => {
  test('an introspection query without a key is refused with 401 UNAUTHENTICATED', async () => {
    const res = await t.gql(SchemaName, {}, null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(WWW_AUTHENTICATE);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // refused before parsing: never priced
    expect(res.body.extensions).toBeUndefined();
  });

  test('an introspection query with a key is answered 200', async () => {
    const res = await t.gql(SchemaName, {}, t.adminKey);
    expect(res.status).toBe(200);
    // an introspection field at the root costs 1, whatever it selects; admin keys get 50000
    expect(res.body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
      extensions: { cost: { requestedQueryCost: 1, maxCost: 50000 } },
    });
  });

  test('a project key with a single ledger scope may introspect too', async () => {
    const projectId = await createProject(t);
    const { secret } = await createKey(t, { projectId, scopes: ['products:read'] });
    const res = await t.gql(TypeName, {}, secret);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { __type: { name: 'Viewer' } },
      extensions: { cost: { requestedQueryCost: 1, maxCost: 500 } },
    });
  });

  describe('with KEYGATE_PUBLIC_INTROSPECTION=true', () => {
    let pub: TestServer;
    beforeAll(async () => {
      pub = await startTestServer({ env: { KEYGATE_PUBLIC_INTROSPECTION: 'true' } });
    });
    afterAll(() => pub.close());

    test('an introspection query without a key is answered 200', async () => {
      const schema = await pub.gql(SchemaName, {}, null);
      expect(schema.status).toBe(200);
      // without a key, the budget is the FREE plan's
      expect(schema.body).toEqual({
        data: { __schema: { queryType: { name: 'Query' } } },
        extensions: { cost: { requestedQueryCost: 1, maxCost: 500 } },
      });
      const type = await pub.gql(TypeName, {}, null);
      expect(type.status).toBe(200);
      expect(type.body).toEqual({
        data: { __type: { name: 'Viewer' } },
        extensions: { cost: { requestedQueryCost: 1, maxCost: 500 } },
      });
    });

    test('introspection mixed with a real field is still refused without a key', async () => {
      const res = await pub.gql(SchemaAndViewer, {}, null);
      expect(res.status).toBe(401);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    test('real fields hidden behind a fragment, an inline fragment or an alias are refused without a key', async () => {
      const documents = [
        '{ ...F } fragment F on Query { viewer { scopes } }',
        '{ __schema { queryType { name } } ... on Query { viewer { scopes } } }',
        '{ __schema: viewer { scopes } }',
        'query Intro { __typename } query Real { viewer { scopes } }',
        'mutation { __typename }',
      ];
      for (const document of documents) {
        const res = await pub.gql(document, {}, null);
        expect(res.status, document).toBe(401);
        expect(res.body.data, document).toBeUndefined();
        expect(res.body.errors?.[0]?.extensions?.code, document).toBe('UNAUTHENTICATED');
      }
    });

    test('the operation picked by operationName decides: a real one is refused without a key', async () => {
      const query = 'query Intro { __typename } query Real { viewer { scopes } }';
      const real = await postRaw(pub, JSON.stringify({ query, operationName: 'Real' }));
      expect(real.status).toBe(401);
      const intro = await postRaw(pub, JSON.stringify({ query, operationName: 'Intro' }));
      expect(intro.status).toBe(200);
      expect(JSON.parse(intro.text)).toEqual({
        data: { __typename: 'Query' },
        extensions: { cost: { requestedQueryCost: 1, maxCost: 500 } },
      });
    });

    test('a GET introspection without a key is answered, a GET of a real field is refused', async () => {
      const intro = await raw(`${pub.url}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(intro.status).toBe(200);
      const real = await raw(`${pub.url}?query=${encodeURIComponent('{ viewer { scopes } }')}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(real.status).toBe(401);
    });
  });
});

describe('GraphiQL', () => {
  test('GET /graphql from a browser without a key serves GraphiQL with the X-API-Key placeholder', async () => {
    const res = await raw(t.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/graphiql/i);
    expect(res.text).toContain('X-API-Key');
    expect(res.text).toContain('kg_sk_live_paste-your-key-here');
  });

  test('with KEYGATE_GRAPHIQL=false, GET /graphql from a browser is not the GraphiQL page', async () => {
    const off = await startTestServer({ env: { KEYGATE_GRAPHIQL: 'false' } });
    try {
      const res = await raw(off.url, { headers: { accept: 'text/html' } });
      expect(res.text).not.toMatch(/graphiql/i);
      expect(res.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
      expect(res.status).not.toBe(200);
    } finally {
      await off.close();
    }
  });
});

describe('CORS', () => {
  test('a preflight for x-api-key and content-type is answered 2xx, allowing X-API-Key and Authorization', async () => {
    const res = await preflight(t, 'https://app.example.com');
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    const allowed = headerList(res.headers.get('access-control-allow-headers'));
    expect(allowed).toContain('x-api-key');
    expect(allowed).toContain('authorization');
    expect(allowed).toContain('content-type');
    expect(headerList(res.headers.get('access-control-allow-methods'))).toContain('post');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  test('a cross-origin POST may read the request id and WWW-Authenticate headers', async () => {
    const res = await t.gql(Viewer, {}, null, { origin: 'https://app.example.com' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const exposed = headerList(res.headers.get('access-control-expose-headers'));
    expect(exposed).toContain('keygate-request-id');
    expect(exposed).toContain('www-authenticate');
  });

  describe('with KEYGATE_CORS_ORIGINS=https://good.example', () => {
    let strict: TestServer;
    beforeAll(async () => {
      strict = await startTestServer({ env: { KEYGATE_CORS_ORIGINS: 'https://good.example' } });
    });
    afterAll(() => strict.close());

    test('the allowed origin gets Access-Control-Allow-Origin for itself', async () => {
      const res = await preflight(strict, 'https://good.example');
      expect(res.headers.get('access-control-allow-origin')).toBe('https://good.example');
    });

    test('an evil origin gets no Access-Control-Allow-Origin of its own', async () => {
      const pre = await preflight(strict, 'https://evil.example');
      expect(pre.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
      expect(pre.headers.get('access-control-allow-origin')).not.toBe('*');
      const post = await strict.gql(Viewer, {}, strict.adminKey, {
        origin: 'https://evil.example',
      });
      expect(post.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
      expect(post.headers.get('access-control-allow-origin')).not.toBe('*');
    });
  });

  describe('with two allowed origins', () => {
    let strict: TestServer;
    beforeAll(async () => {
      strict = await startTestServer({
        env: { KEYGATE_CORS_ORIGINS: 'https://good.example, https://also-good.example' },
      });
    });
    afterAll(() => strict.close());

    test('each allowed origin gets Access-Control-Allow-Origin for itself', async () => {
      for (const origin of ['https://good.example', 'https://also-good.example']) {
        const res = await preflight(strict, origin);
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      }
    });

    test('neither an evil origin nor a sandboxed page (Origin: null) gets an Access-Control-Allow-Origin of its own', async () => {
      for (const origin of ['https://evil.example', 'null']) {
        const pre = await preflight(strict, origin);
        expect(pre.headers.get('access-control-allow-origin'), origin).not.toBe(origin);
        expect(pre.headers.get('access-control-allow-origin'), origin).not.toBe('*');
        const post = await strict.gql(Viewer, {}, strict.adminKey, { origin });
        expect(post.headers.get('access-control-allow-origin'), origin).not.toBe(origin);
        expect(post.headers.get('access-control-allow-origin'), origin).not.toBe('*');
      }
    });
  });
});

describe('errors never leak internals', () => {
  test('a syntax error is answered 400 with a GraphQL error and no stack', async () => {
    const res = await postRaw(t, JSON.stringify({ query: '{ viewer { ' }), {
      'x-api-key': t.adminKey,
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toMatch(/^Syntax Error/);
    expect(res.text).not.toMatch(STACK);
  });

  test('a syntax error without a key is refused 401 before it is parsed', async () => {
    const res = await postRaw(t, JSON.stringify({ query: '{ viewer { ' }));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.text).not.toMatch(STACK);
  });

  test('malformed JSON, a non-string query, an unknown field and a bad variable get 4xx and no stack', async () => {
    const bodies = [
      '{"query": "{ viewer { scopes } }"',
      '{"query": 42}',
      '[]',
      JSON.stringify({ query: '{ noSuchField }' }),
      JSON.stringify({
        query: 'query EdgeBadVar($id: ID!) { key(id: $id) { id } }',
        variables: { id: { nested: true } },
      }),
    ];
    for (const body of bodies) {
      const res = await postRaw(t, body, { 'x-api-key': t.adminKey });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
      expect(JSON.parse(res.text).errors?.length, body).toBeGreaterThan(0);
      expect(res.text, body).not.toMatch(STACK);
    }
  });

  test('an unsupported method is refused without a stack', async () => {
    const res = await raw(t.url, { method: 'PUT', headers: { 'x-api-key': t.adminKey } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(STACK);
  });
});

describe('odd credentials', () => {
  test('Authorization: Basic is refused with 401 UNAUTHENTICATED', async () => {
    const res = await t.gql(Viewer, {}, null, { authorization: 'Basic xxx' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(WWW_AUTHENTICATE);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('Authorization: Basic carrying a real key is refused too', async () => {
    const basic = Buffer.from(`user:${t.adminKey}`).toString('base64');
    for (const value of [`Basic ${t.adminKey}`, `Basic ${basic}`]) {
      const res = await t.gql(Viewer, {}, null, { authorization: value });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('a key header of 10,000 characters is refused with 401, not a server error', async () => {
    const long = 'a'.repeat(10_000);
    const direct = await t.gql(Viewer, {}, long);
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bearer = await t.gql(Viewer, {}, null, { authorization: `Bearer ${long}` });
    expect(bearer.status).toBe(401);
    expect(bearer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('an empty key header and a bare "Bearer" are refused with 401 UNAUTHENTICATED', async () => {
    const cases: Record<string, string>[] = [
      { 'x-api-key': '' },
      { authorization: 'Bearer' },
      { authorization: '' },
    ];
    for (const headers of cases) {
      const res = await t.gql(Viewer, {}, null, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('a valid key with a trailing character is refused like any unknown key', async () => {
    const res = await t.gql(Viewer, {}, `${t.adminKey}x`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      errors: [{ message: 'invalid API key', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
});

describe('health', () => {
  test('/health answers 200 without a key', async () => {
    const res = await raw(`${rootOf(t)}/health`);
    expect(res.status).toBe(200);
  });

  test('/health answers 200 even with a garbage key', async () => {
    const res = await raw(`${rootOf(t)}/health`, { headers: { 'x-api-key': 'garbage' } });
    expect(res.status).toBe(200);
  });
});
