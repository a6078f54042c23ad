import type { Db } from '../db/create-db.js';
import type { Clock } from '../lib/clock.js';
import type { Plans } from '../limits/plans.js';
import { findProjectById } from '../projects/project-repository.js';
import { apiKeyFromRow, keyStatus } from './api-key.js';
import { hashKey } from './hash-key.js';
import type { KeyCache } from './key-cache.js';
import { parseKey } from './key-format.js';
import { findKeyByDigest } from './key-repository.js';
import { restrictionViolation } from './restrictions.js';
import { toVerifiedKey, type VerifiedKey } from './verified-key.js';

export type VerifyFailureCode =
  | 'UNAUTHENTICATED'
  | 'KEY_REVOKED'
  | 'KEY_EXPIRED'
  | 'KEY_DISABLED'
  | 'ORIGIN_NOT_ALLOWED';

/** Where a request comes from, for a key's allowedIps and allowedOrigins. */
export interface RequestSource {
  ip: string | null;
  origin: string | null;
  referer: string | null;
}
export type VerifyResult =
  | { ok: true; key: VerifiedKey }
  | { ok: false; code: VerifyFailureCode; message: string; key?: VerifiedKey };

export interface VerifyDeps {
  db: Db;
  cache: KeyCache;
  clock: Clock;
  plans: Plans;
}

/**
 * A presented key, parsed and digested once per request: the digest of a well-formed key
 * (shape and checksum), or null for anything else.
 */
export interface PresentedKey {
  digest: string | null;
}

export function presentKey(secret: string): PresentedKey {
  return { digest: parseKey(secret) === null ? null : hashKey(secret) };
}

const UNKNOWN = {
  ok: false,
  code: 'UNAUTHENTICATED',
  message: 'invalid API key',
} as const satisfies VerifyResult;

/**
 * Verifies a presented key: shape and checksum (no database), digest, cache (verified keys,
 * and digests recently looked up and not found) or database, then status against the clock
 * (revoked, expired, disabled, too old for an enforced rotation policy), then — when `from`
 * is given — the key's allowedIps and allowedOrigins. Unknown, malformed and foreign-looking
 * keys get one answer.
 */
export async function verifyKey(
  deps: VerifyDeps,
  presented: string | PresentedKey,
  from?: RequestSource,
): Promise<VerifyResult> {
  const digest = (typeof presented === 'string' ? presentKey(presented) : presented).digest;
  if (digest === null) return UNKNOWN;
  const now = deps.clock.now();
  let verified = deps.cache.get(digest, now.getTime());
  if (verified === undefined) {
    if (deps.cache.isMissing(digest, now.getTime())) return UNKNOWN;
    const generation = deps.cache.generation;
    const row = await findKeyByDigest(deps.db, digest);
    if (row === undefined) {
      deps.cache.setMissing(digest, now.getTime(), generation);
      return UNKNOWN;
    }
    const projectRow =
      row.project_id === null ? undefined : await findProjectById(deps.db, row.project_id);
    const shared = deps.cache.shared;
    const project = projectRow === undefined ? null : shared.project(projectRow);
    const plan = project === null ? null : deps.plans[project.plan];
    verified = toVerifiedKey(apiKeyFromRow(row, shared), project, plan, shared);
    deps.cache.set(digest, verified, now.getTime(), generation);
  }
  return checkVerified(verified, now, from);
}

/**
 * The checks a known key passes on every request, cached or not: its status against the
 * clock (revoked, expired, disabled), its project's rotation policy, and — when `from` is
 * given — its allowedIps and allowedOrigins. Synchronous: for a cached key the request path
 * answers without a promise of its own (see createAuthenticate).
 */
export function checkVerified(
  verified: VerifiedKey,
  now: Date,
  from?: RequestSource,
): VerifyResult {
  switch (keyStatus(verified.key, now)) {
    case 'REVOKED':
      return {
        ok: false,
        key: verified,
        code: 'KEY_REVOKED',
        message:
          verified.key.revocationReason === 'ROTATED'
            ? 'this API key was rotated and its grace period has ended'
            : 'this API key has been revoked',
      };
    case 'EXPIRED':
      return { ok: false, key: verified, code: 'KEY_EXPIRED', message: 'this API key has expired' };
    case 'DISABLED':
      return {
        ok: false,
        key: verified,
        code: 'KEY_DISABLED',
        message: 'this API key is disabled; an admin can enable it again',
      };
  }
  if (verified.policyExpiresAt !== null && verified.policyExpiresAt <= now) {
    return {
      ok: false,
      key: verified,
      code: 'KEY_EXPIRED',
      message: `this API key is older than the ${verified.project?.rotationPolicy?.maxKeyAgeDays} days project "${verified.project?.id}"'s rotation policy allows; rotate it (rotateKey) and use the replacement`,
    };
  }
  if (from !== undefined) {
    const violation = restrictionViolation(verified.restrictions, from);
    if (violation !== null) {
      return { ok: false, key: verified, code: 'ORIGIN_NOT_ALLOWED', message: violation };
    }
  }
  return { ok: true, key: verified };
}
