import type { Scope } from '../authz/scopes.js';
import type { ApiKeyRow } from '../db/database.js';
import type { KeyEnvironment, KeyKind } from './key-format.js';

export type KeyStatus = 'ACTIVE' | 'ROTATING' | 'EXPIRED' | 'REVOKED' | 'DISABLED';
export type RevocationReason =
  | 'UNSPECIFIED'
  | 'COMPROMISED'
  | 'ROTATED'
  | 'NO_LONGER_NEEDED'
  | 'POLICY';

/** An API key as the rest of the code sees it. Never carries the secret or its digest. */
export interface ApiKey {
  id: string;
  projectId: string | null;
  name: string;
  kind: KeyKind;
  environment: KeyEnvironment;
  hint: string;
  scopes: Scope[];
  allowedIps: string[];
  allowedOrigins: string[];
  rateLimitPerMinute: number | null;
  /** Total requests the key may ever make (e.g. a trial key); null = no limit. */
  usageLimit: number | null;
  /** Requests counted against usageLimit so far (as stored when the key was read). */
  usageCount: number;
  metadata: unknown;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date | null;
  /** When the key stops (or stopped) working; for a rotated key, the end of its grace period. */
  revokedAt: Date | null;
  revocationReason: RevocationReason | null;
  graceEndsAt: Date | null;
  rotatedFromId: string | null;
  replacedById: string | null;
  /** The last metered request, updated once per recorder flush (≤ 1 s behind). */
  lastUsedAt: Date | null;
  /** Set while the key is disabled (updateKey enabled: false); it answers KEY_DISABLED. */
  disabledAt: Date | null;
}

/**
 * Where the parts many keys repeat come from: the same string for the same text, the same
 * list for the same JSON (see SharedParts). By default every key gets its own.
 */
export interface KeyParts {
  text<T extends string | null>(value: T): T;
  list(json: string): string[];
}

const OWN_PARTS: KeyParts = {
  text: (value) => value,
  list: (json) => JSON.parse(json) as string[],
};

export function apiKeyFromRow(row: ApiKeyRow, parts: KeyParts = OWN_PARTS): ApiKey {
  return {
    id: row.id,
    projectId: parts.text(row.project_id),
    name: row.name,
    kind: parts.text(row.kind) as KeyKind,
    environment: parts.text(row.environment) as KeyEnvironment,
    hint: row.hint,
    scopes: parts.list(row.scopes) as Scope[],
    allowedIps: parts.list(row.allowed_ips),
    allowedOrigins: parts.list(row.allowed_origins),
    rateLimitPerMinute: row.rate_limit_per_minute,
    usageLimit: row.usage_limit,
    usageCount: row.usage_count,
    metadata: row.metadata === null ? null : JSON.parse(row.metadata),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    revocationReason: parts.text(row.revocation_reason) as RevocationReason | null,
    graceEndsAt: row.grace_ends_at === null ? null : new Date(row.grace_ends_at),
    rotatedFromId: row.rotated_from_id,
    replacedById: row.replaced_by_id,
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
  };
}

/**
 * The key's status at `now`. Revocation wins over expiry, expiry over disabling (enabling an
 * expired key would not help); a rotated key is ROTATING until its grace ends.
 */
export function keyStatus(
  key: Pick<ApiKey, 'revokedAt' | 'expiresAt' | 'graceEndsAt' | 'disabledAt'>,
  now: Date,
): KeyStatus {
  const t = now.getTime();
  if (key.revokedAt !== null && key.revokedAt.getTime() <= t) return 'REVOKED';
  if (key.expiresAt !== null && key.expiresAt.getTime() <= t) return 'EXPIRED';
  if (key.disabledAt !== null) return 'DISABLED';
  if (key.graceEndsAt !== null && key.graceEndsAt.getTime() > t) return 'ROTATING';
  return 'ACTIVE';
}
