import { expect } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestServer } from './test-server.js';

const CreateProject = graphql(`
  mutation FixtureCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const CreateKey = graphql(`
  mutation FixtureCreateKey($input: CreateKeyInput!) {
    createKey(input: $input) {
      key {
        id
      }
      secret
    }
  }
`);

export const LEDGER_SCOPES = [
  'products:read',
  'products:write',
  'customers:read',
  'customers:write',
  'customers:pii',
  'invoices:read',
  'invoices:write',
  'payments:read',
  'payments:write',
  'reports:read',
];

/** Creates a project with the admin key; every ledger and management scope allowed by default. */
export async function createProject(
  t: TestServer,
  input: { name?: string; plan?: 'FREE' | 'PRO' | 'ENTERPRISE'; allowedScopes?: string[] } = {},
): Promise<string> {
  const res = await t.gql(
    CreateProject,
    {
      input: {
        name: input.name ?? 'Acme',
        plan: input.plan ?? 'FREE',
        allowedScopes: input.allowedScopes ?? [
          ...LEDGER_SCOPES,
          'keys:read',
          'keys:write',
          'projects:read',
          'projects:write',
          'audit:read',
        ],
      },
    },
    t.adminKey,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.createProject?.id as string;
}

/** Creates a key (with the admin key unless `as` is given) and returns its id and secret. */
export async function createKey(
  t: TestServer,
  input: {
    projectId?: string;
    scopes: string[];
    kind?: 'PUBLISHABLE' | 'SECRET' | 'ADMIN';
    name?: string;
    expiresAt?: string;
  },
  as: string = t.adminKey,
): Promise<{ id: string; secret: string }> {
  const res = await t.gql(CreateKey, { input: { name: input.name ?? 'test key', ...input } }, as);
  expect(res.body.errors).toBeUndefined();
  const payload = res.body.data?.createKey;
  return { id: payload?.key.id as string, secret: payload?.secret as string };
}
