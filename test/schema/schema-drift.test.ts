import { readFileSync } from 'node:fs';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { expect, test } from 'vitest';
import { schema } from '../../src/schema/index.js';

test('schema/schema.graphql is exactly the SDL printed from the Pothos schema', () => {
  const checkedIn = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
  // When this fails: npm run schema:print, review the diff, commit it.
  expect(checkedIn).toBe(`${printSchemaWithDirectives(schema)}\n`);
});

test('every name of the public contract in API.md is in the schema', () => {
  const query = schema.getQueryType()?.getFields() ?? {};
  const mutation = schema.getMutationType()?.getFields() ?? {};
  for (const name of [
    'viewer',
    'scopes',
    'projects',
    'project',
    'keys',
    'key',
    'auditLog',
    'products',
    'customers',
    'customer',
    'invoices',
    'invoice',
    'agedReceivables',
  ]) {
    expect(query[name], `Query.${name}`).toBeDefined();
  }
  for (const name of [
    'createProject',
    'updateProject',
    'createKey',
    'updateKey',
    'revokeKey',
    'rotateKey',
    'createProduct',
    'createCustomer',
    'createInvoice',
    'recordPayment',
  ]) {
    expect(mutation[name], `Mutation.${name}`).toBeDefined();
  }
});
