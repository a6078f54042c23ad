import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { AuthScopes } from '../authz/auth-scopes.js';
import { scopeLoaders } from '../authz/auth-scopes.js';
import type { Context } from '../context.js';
import { grantViewOf } from '../keys/verified-key.js';
import { fieldCost } from './field-cost.js';
import { forbiddenError } from './forbidden-error.js';

export interface SchemaTypes {
  Context: Context;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin],
  // Fields are non-null unless declared nullable. Every scope-gated field is nullable, so a
  // denial nulls just that field and its siblings still resolve.
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => scopeLoaders(grantViewOf(ctx.auth)),
    unauthorizedError: forbiddenError,
  },
  // Fields declare their cost (`complexity`), or fieldCost prices them; the plan's budget
  // is checked by useQueryCost before execution, so the plugin's own resolver check is off.
  complexity: { fieldComplexity: fieldCost, disabled: true },
});

builder.queryType({});
builder.mutationType({});
