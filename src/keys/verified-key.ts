import type { Actor } from '../authz/actor.js';
import type { GrantView } from '../authz/auth-scopes.js';
import { expandScopes, SCOPES, type Scope } from '../authz/scopes.js';
import type { Plan } from '../limits/plans.js';
import type { Project } from '../projects/project.js';
import type { ApiKey } from './api-key.js';
import { compileRestrictions, type Restrictions } from './restrictions.js';
import type { SharedParts } from './shared-parts.js';

/** A key found by its digest, with its project and the scopes it may use, computed once. */
export interface VerifiedKey {
  key: ApiKey;
  project: Project | null;
  plan: Plan | null;
  /** The key's own scopes with implications (`x:write` → `x:read`): what it may grant. */
  held: ReadonlySet<Scope>;
  /** What it may use now: held ∩ project ceiling ∩ plan; ledger scopes only with a project. */
  grants: ReadonlySet<Scope>;
  /** Its allowedIps and allowedOrigins, compiled. */
  restrictions: Restrictions;
  /** When an enforced rotation policy makes it too old (KEY_EXPIRED); null without one. */
  policyExpiresAt: Date | null;
  /** When it stops working by itself: expiry, end of a rotation grace, or policyExpiresAt. */
  endsAt: Date | null;
}

export function toVerifiedKey(
  key: ApiKey,
  project: Project | null,
  plan: Plan | null,
  /** Where equal scope sets of other keys are shared from (the key cache's). */
  shared: SharedParts,
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
  const restrictions = compileRestrictions(key.allowedIps, key.allowedOrigins);
  const policy = project?.rotationPolicy;
  const policyExpiresAt = policy?.enforce
    ? new Date(key.createdAt.getTime() + policy.maxKeyAgeDays * 86_400_000)
    : null;
  const ends = [key.expiresAt, key.graceEndsAt, policyExpiresAt].filter((d) => d !== null);
  const endsAt = ends.length === 0 ? null : new Date(Math.min(...ends.map((d) => d.getTime())));
  return {
    key,
    project,
    plan,
    held: shared.scopeSet(held),
    grants: shared.scopeSet(grants),
    restrictions,
    policyExpiresAt,
    endsAt,
  };
}

/** Announced in `Sunset` this long before a key stops working. */
export const SUNSET_NOTICE_MS = 7 * 86_400_000;

/** The RFC 8594 `Sunset` date to announce at `now`: within 7 days of the key's end. */
export function sunsetOf({ endsAt }: VerifiedKey, now: Date): Date | null {
  if (endsAt === null || endsAt.getTime() - now.getTime() > SUNSET_NOTICE_MS) return null;
  return endsAt;
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
