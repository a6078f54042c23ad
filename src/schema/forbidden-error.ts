import type { AuthFailure, ForbiddenResult } from '@pothos/plugin-scope-auth';
import type { GraphQLResolveInfo } from 'graphql';
import { explainMissingScope } from '../authz/auth-scopes.js';
import type { Scope } from '../authz/scopes.js';
import type { Context } from '../context.js';
import { fieldError } from '../http/http-errors.js';
import { grantViewOf } from '../keys/verified-key.js';

function missingScopes(failure: AuthFailure, out: Set<Scope>, flags: Set<string>): void {
  switch (failure.kind) {
    case 'AuthScope':
      if (failure.scope === 'scope') out.add(failure.parameter as Scope);
      else flags.add(failure.scope);
      return;
    case 'AllAuthScopes':
    case 'AnyAuthScopes':
      for (const f of failure.failures) missingScopes(f, out, flags);
      return;
    default:
      return;
  }
}

/** A denied field: null at its path, FORBIDDEN, and the scopes it needs in `requiredScopes`. */
export function forbiddenError(
  _parent: unknown,
  ctx: Context,
  info: GraphQLResolveInfo,
  result: ForbiddenResult,
) {
  const scopes = new Set<Scope>();
  const flags = new Set<string>();
  missingScopes(result.failure, scopes, flags);
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  const view = grantViewOf(ctx.auth);
  const reasons = [...scopes].map((s) => explainMissingScope(view, s));
  if (flags.has('admin')) reasons.push('it needs an admin key');
  if (flags.has('authenticated')) reasons.push('it needs a valid API key');
  return fieldError('FORBIDDEN', `not allowed to access ${coordinate}: ${reasons.join('; ')}`, {
    requiredScopes: [...scopes],
  });
}
