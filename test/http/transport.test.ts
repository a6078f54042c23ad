import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { graphql } from '../gql/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const Ping = graphql(`
  query TransportPing {
    __typename
  }
`);

const dir = mkdtempSync(join(tmpdir(), 'keygate-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HTTPS served by Keygate itself', () => {
  let t: TestServer;
  let cert: string;
  beforeAll(async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      notAfterDate: new Date(Date.now() + 86_400_000),
      keyType: 'ec',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    cert = pems.cert;
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    t = await startTestServer({
      env: {
        KEYGATE_TLS_CERT: join(dir, 'cert.pem'),
        KEYGATE_TLS_KEY: join(dir, 'key.pem'),
        NODE_ENV: 'production',
      },
    });
  });
  afterAll(() => t.close());

  test('answers over TLS with Strict-Transport-Security', async () => {
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const { status, headers, body } = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
    }>((resolve, reject) => {
      const req = httpsRequest(
        t.url,
        {
          method: 'POST',
          ca: cert,
          headers: { 'content-type': 'application/json', 'x-api-key': t.adminKey },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ __typename }' }));
    });
    expect(status).toBe(200);
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(JSON.parse(body).data).toEqual({ __typename: 'Query' });
  });

  test('a certificate without its key (or an unreadable file) stops the start with a clear error', () => {
    expect(() => loadConfig({ KEYGATE_TLS_CERT: join(dir, 'cert.pem') })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        KEYGATE_TLS_CERT: join(dir, 'nope.pem'),
        KEYGATE_TLS_KEY: join(dir, 'key.pem'),
      }),
    ).toThrow(/^KEYGATE_TLS_CERT: cannot read /);
  });
});

describe('plain HTTP in production', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { NODE_ENV: 'production', KEYGATE_TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  test('a key over plain HTTP from a remote client is refused with 403 HTTPS_REQUIRED', async () => {
    const res = await t.gql(Ping, {}, t.adminKey, { 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([
      {
        message:
          'API keys must be sent over HTTPS; this one travelled in plain text, so consider rotating it',
        extensions: { code: 'HTTPS_REQUIRED' },
      },
    ]);
  });

  test('loopback clients and a trusted proxy that terminated HTTPS are let through', async () => {
    expect((await t.gql(Ping, {}, t.adminKey)).status).toBe(200);
    const proxied = await t.gql(Ping, {}, t.adminKey, {
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'https',
    });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('strict-transport-security')).toBeNull();
  });

  test('outside production plain HTTP is allowed (development)', async () => {
    const dev = await startTestServer({ env: { KEYGATE_TRUST_PROXY: 'true' } });
    try {
      const res = await dev.gql(Ping, {}, dev.adminKey, { 'x-forwarded-for': '203.0.113.9' });
      expect(res.status).toBe(200);
    } finally {
      await dev.close();
    }
  });
});
