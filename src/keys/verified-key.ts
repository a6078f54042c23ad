import type { Actor } from '../authz/actor.js';
import type { GrantView } from '../authz/auth-scopes.js';
import { expandScopes, SCOPES, type Scope } from '../authz/scopes.js';
import type { Plan } from '../limits/plans.js';
import type { Project } from '../projects/project.js';
import type { ApiKey } from './api-key.js';

/** A key found by its digest, with its project and the scopes it may use, computed once. */
export interface VerifiedKey {
  key: ApiKey;
  project: Project | null;
  plan: Plan | null;
  /** The key's own scopes with implications (`x:write` → `x:read`): what it may grant. */
  held: ReadonlySet<Scope>;
  /** What it may use now: held ∩ project ceiling ∩ plan; ledger scopes only with a project. */
  grants: ReadonlySet<Scope>;
}

export function toVerifiedKey(
  key: ApiKey,
  project: Project | null,
  plan: Plan | null,
): VerifiedKey {
  const held = expandScopes(key.scopes);
  const grants = new Set<Scope>();
  const ceiling = project === null ? null : expandScopes(project.allowedScopes);
  for (const scope of held) {
    const info = SCOPES[scope];
    if (project === null) {
      // Admin keys act on management objects; ledger data always belongs to a project.
      if (info.management) grants.add(scope);
      continue;
    }
    if (ceiling !== null && !ceiling.has(scope)) continue;
    if (key.kind === 'PUBLISHABLE' && !info.publishable) continue;
    if (info.premium && !plan?.premiumScopes.includes(scope)) continue;
    grants.add(scope);
  }
  return { key, project, plan, held, grants };
}

const NO_SCOPES: ReadonlySet<Scope> = new Set();

/** Who acts when a request carries `key` (null: a keyless introspection request). */
export function actorOf(key: VerifiedKey | null, ip: string | null): Actor {
  return {
    keyId: key?.key.id ?? null,
    projectId: key?.project?.id ?? null,
    isAdmin: key?.key.kind === 'ADMIN',
    held: key?.held ?? NO_SCOPES,
    ip,
  };
}

/** What a request with `key` may do, as scope checks and their error messages need it. */
export function grantViewOf(key: VerifiedKey | null): GrantView {
  return {
    grants: key?.grants ?? NO_SCOPES,
    held: key?.held ?? NO_SCOPES,
    isAdmin: key?.key.kind === 'ADMIN',
    hasKey: key !== null,
    projectPlan: key?.project?.plan ?? null,
    projectId: key?.project?.id ?? null,
  };
}
