import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateKey } from '../../src/keys/key-format.js';
import { type Exited, killLeftovers, postGraphql, startServe } from '../cli/keygate-process.js';
import { graphql } from '../gql/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

const CreateProject = graphql(`
  mutation SecretsOutCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const CreateKey = graphql(`
  mutation SecretsOutCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
      secret
    }
  }
`);

const RotateKey = graphql(`
  mutation SecretsOutRotate($id: ID!) {
    rotateKey(id: $id, gracePeriodSeconds: 0) {
      key {
        id
      }
      secret
    }
  }
`);

const RevokeKey = graphql(`
  mutation SecretsOutRevoke($id: ID!) {
    revokeKey(id: $id) {
      status
    }
  }
`);

const Viewer = graphql(`
  query SecretsOutViewer {
    viewer {
      key {
        id
      }
    }
  }
`);

const ADMIN_KEY = /kg_ak_live_[0-9A-Za-z]{49}/;
const afterPrefix = (secret: string) => secret.replace(/^kg_[a-z]{2}_[a-z]{4}_/, '');
const occurrences = (text: string, part: string) => text.split(part).length - 1;

let database: TestDatabase;
let exited: Exited;
let bootstrapKey: string;
/** Secrets created through the API or presented to it; none may reach stdout or stderr. */
const secrets: string[] = [];
/** HTTP status of each request made, by what was presented. */
const statuses: Record<string, number> = {};

/**
 * One real `keygate serve` at debug level: creates, rotates and revokes keys, is called
 * with valid, revoked, unknown and garbage keys, then gets SIGTERM.
 */
beforeAll(async () => {
  database = await createTestDatabase();
  const serve = await startServe(database, { KEYGATE_LOG_LEVEL: 'debug' });
  bootstrapKey = await serve.waitFor('stdout', ADMIN_KEY);
  const admin = { 'x-api-key': bootstrapKey };
  const gql = postGraphql;

  const project = await gql(
    serve.origin,
    CreateProject,
    { input: { name: 'Logs', allowedScopes: ['keys:read', 'keys:write', 'products:read'] } },
    admin,
  );
  const projectId = project.body.data?.createProject?.id as string;

  const create = async (name: string, scopes: string[], as = admin) => {
    const res = await gql(serve.origin, CreateKey, { input: { projectId, name, scopes } }, as);
    const secret = res.body.data?.createKey?.secret as string;
    secrets.push(secret);
    return { id: res.body.data?.createKey?.key.id as string, secret };
  };
  const manager = await create('manager', ['keys:read', 'keys:write', 'products:read']);
  const worker = await create('worker', ['products:read'], { 'x-api-key': manager.secret });
  const doomed = await create('doomed', ['products:read']);
  const rotated = await create('rotated', ['products:read']);
  const rotation = await gql(serve.origin, RotateKey, { id: rotated.id }, admin);
  const replacement = rotation.body.data?.rotateKey?.secret as string;
  secrets.push(replacement);
  const revocation = await gql(serve.origin, RevokeKey, { id: doomed.id }, admin);
  statuses.revokeKey = revocation.status;

  const unknown = generateKey('SECRET', 'LIVE');
  const typo = `${manager.secret.slice(0, -1)}${manager.secret.endsWith('a') ? 'b' : 'a'}`;
  secrets.push(unknown, typo);
  const presented: [string, Record<string, string>][] = [
    ['manager', { 'x-api-key': manager.secret }],
    ['worker', { 'x-api-key': worker.secret }],
    ['replacement', { 'x-api-key': replacement }],
    ['bearer worker', { authorization: `Bearer ${worker.secret}` }],
    ['revoked', { 'x-api-key': doomed.secret }],
    ['rotated away', { 'x-api-key': rotated.secret }],
    ['unknown', { 'x-api-key': unknown }],
    ['typo', { 'x-api-key': typo }],
    ['garbage', { 'x-api-key': 'garbage' }],
    ['long garbage', { 'x-api-key': 'a'.repeat(500) }],
    ['basic worker', { authorization: `Basic ${worker.secret}` }],
  ];
  for (const [label, headers] of presented) {
    statuses[label] = (await gql(serve.origin, Viewer, {}, headers)).status;
  }
  // A failing query with a valid key, so error paths get logged too.
  statuses['syntax error'] = (
    await gql(serve.origin, '{ viewer { ', {}, { 'x-api-key': worker.secret })
  ).status;

  exited = await serve.stop('SIGTERM');
}, 120_000);

afterAll(async () => {
  killLeftovers();
  await database.drop();
});

describe('what a running server writes', () => {
  test('valid keys are answered 200; revoked, rotated-away, unknown and garbage keys 401', () => {
    expect(secrets).toHaveLength(7);
    for (const secret of secrets) expect(secret).toMatch(/^kg_sk_live_[0-9A-Za-z]{49}$/);
    expect(statuses).toEqual({
      revokeKey: 200,
      manager: 200,
      worker: 200,
      replacement: 200,
      'bearer worker': 200,
      revoked: 401,
      'rotated away': 401,
      unknown: 401,
      typo: 401,
      garbage: 401,
      'long garbage': 401,
      'basic worker': 401,
      'syntax error': 400,
    });
  });

  test('SIGTERM ends the server with exit code 0', () => {
    expect(exited.signal).toBeNull();
    expect(exited.code).toBe(0);
  });

  test('stdout and stderr hold no secret but the one-time bootstrap admin key, printed exactly once', () => {
    const output = `${exited.stdout}\n${exited.stderr}`;
    for (const secret of secrets) {
      const body = afterPrefix(secret);
      // On failure, show where it was written (with the secret itself masked).
      const where = output
        .split('\n')
        .filter((line) => line.includes(body))
        .map((line) => line.split(body).join('<SECRET>').slice(0, 2000));
      expect(
        occurrences(output, body),
        `${secret.slice(0, 14)}… was written in: ${where.join('\n')}`,
      ).toBe(0);
    }
    expect(occurrences(output, bootstrapKey)).toBe(1);
    expect(occurrences(output, afterPrefix(bootstrapKey))).toBe(1);
    expect(occurrences(exited.stdout, bootstrapKey)).toBe(1);
  });

  test('debug logging was on, so the absence of secrets means something', () => {
    expect(exited.stderr).toContain('Keygate is serving');
    // Log lines go to stderr; stdout carries only the one-time admin key.
    expect(
      exited.stderr.split('\n').filter((line) => /"level":"debug"/.test(line)).length,
    ).toBeGreaterThan(10);
    expect(exited.stdout).not.toMatch(/"level"/);
  });
});
