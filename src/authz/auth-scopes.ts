import type { Scope } from './scopes.js';
import { SCOPES } from './scopes.js';

/** The scope loaders Pothos' scope-auth asks, per request. */
export interface AuthScopes {
  /** Any valid key. */
  authenticated: boolean;
  /** An admin key (not bound to a project). */
  admin: boolean;
  /** The request may use this scope. */
  scope: Scope;
}

/** What a request may do, as the scope checks and their error messages need it. */
export interface GrantView {
  grants: ReadonlySet<Scope>;
  held: ReadonlySet<Scope>;
  isAdmin: boolean;
  hasKey: boolean;
  projectPlan: string | null;
  projectId: string | null;
}

export function scopeLoaders(view: GrantView) {
  return {
    authenticated: view.hasKey,
    admin: view.isAdmin,
    scope: (scope: Scope) => view.grants.has(scope),
  };
}

/** Why a request may not use `scope`, in words a developer can act on. */
export function explainMissingScope(view: GrantView, scope: Scope): string {
  if (!view.held.has(scope)) return `the key does not hold "${scope}"`;
  const info = SCOPES[scope];
  if (view.projectId === null && !info.management) {
    return `"${scope}" reads a project's data: use a key of that project, not an admin key`;
  }
  if (info.premium)
    return `"${scope}" is a premium scope that the ${view.projectPlan} plan does not include`;
  return `"${scope}" is outside the allowedScopes of project "${view.projectId}"`;
}
