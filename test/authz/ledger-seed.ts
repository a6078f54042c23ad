import { expect } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey } from '../helpers/fixtures.js';
import type { TestServer } from '../helpers/test-server.js';

/** Helpers of the authz tests: ledger rows created through the API with a writer key. */

const CreateCustomer = graphql(`
  mutation AuthzSeedCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
    }
  }
`);

const CreateInvoice = graphql(`
  mutation AuthzSeedInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      id
      number
    }
  }
`);

const RecordPayment = graphql(`
  mutation AuthzSeedPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
    }
  }
`);

const UpdateProject = graphql(`
  mutation AuthzSeedUpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      plan
      allowedScopes
    }
  }
`);

export const WRITER_SCOPES = [
  'products:write',
  'customers:write',
  'invoices:write',
  'payments:write',
];

/** A SECRET key of the project that can create every ledger row. */
export async function ledgerWriter(t: TestServer, projectId: string): Promise<string> {
  const { secret } = await createKey(t, { projectId, scopes: WRITER_SCOPES, name: 'writer' });
  return secret;
}

export async function seedCustomer(
  t: TestServer,
  writer: string,
  input: { name: string; email?: string; country?: string },
): Promise<string> {
  const res = await t.gql(CreateCustomer, { input }, writer);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.createCustomer?.id as string;
}

export async function seedInvoice(
  t: TestServer,
  writer: string,
  input: { customerId: string; amountCents: number; currency?: string; dueAt?: string },
): Promise<{ id: string; number: string }> {
  const res = await t.gql(CreateInvoice, { input: { currency: 'EUR', ...input } }, writer);
  expect(res.body.errors).toBeUndefined();
  const invoice = res.body.data?.createInvoice;
  return { id: invoice?.id as string, number: invoice?.number as string };
}

export async function seedPayment(
  t: TestServer,
  writer: string,
  input: { invoiceId: string; amountCents: number; method?: string },
): Promise<string> {
  const res = await t.gql(RecordPayment, { input }, writer);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.recordPayment?.id as string;
}

/** Changes a project's plan and/or ceiling with the admin key. */
export async function adminUpdateProject(
  t: TestServer,
  id: string,
  input: { plan?: 'FREE' | 'PRO' | 'ENTERPRISE'; allowedScopes?: string[] },
): Promise<void> {
  const res = await t.gql(UpdateProject, { id, input }, t.adminKey);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data?.updateProject?.id).toBe(id);
}

/** The errors of a response, ordered by path, reduced to what the tests assert. */
export function forbiddenAt(
  errors: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[] = [],
) {
  return errors
    .map((e) => ({
      path: e.path,
      code: e.extensions?.code,
      requiredScopes: e.extensions?.requiredScopes,
    }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}
