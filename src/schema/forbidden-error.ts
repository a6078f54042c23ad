import type { AuthFailure, ForbiddenResult } from '@pothos/plugin-scope-auth';
import type { GraphQLResolveInfo } from 'graphql';
import { explainMissingScope, type GrantView } from '../authz/auth-scopes.js';
import type { Scope } from '../authz/scopes.js';
import type { Context } from '../context.js';
import { fieldError } from '../http/http-errors.js';

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

export function grantViewOf(ctx: Context): GrantView {
  return {
    grants: ctx.grants,
    held: ctx.actor.held,
    isAdmin: ctx.actor.isAdmin,
    hasKey: ctx.auth !== null,
    projectPlan: ctx.auth?.project?.plan ?? null,
    projectId: ctx.actor.projectId,
  };
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
  const view = grantViewOf(ctx);
  const reasons = [...scopes].map((s) => explainMissingScope(view, s));
  if (flags.has('admin')) reasons.push('it needs an admin key');
  if (flags.has('authenticated')) reasons.push('it needs a valid API key');
  return fieldError('FORBIDDEN', `not allowed to access ${coordinate}: ${reasons.join('; ')}`, {
    requiredScopes: [...scopes],
  });
}
