import type { ApiKey } from '../keys/api-key.js';
import type { WebhookEvent } from './webhook-events.js';

/** What an event says about a key: ids and settings, never its secret or digest. */
export function keyEventData(
  key: Pick<
    ApiKey,
    'id' | 'projectId' | 'name' | 'kind' | 'environment' | 'hint' | 'scopes' | 'expiresAt'
  >,
) {
  return {
    id: key.id,
    projectId: key.projectId,
    name: key.name,
    kind: key.kind,
    environment: key.environment,
    hint: key.hint,
    scopes: key.scopes,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}

/**
 * The webhook event behind an audited key change, or null when there is none: key.created;
 * key.revoked for revokeKey, reportCompromisedKey (`key.compromised`) and revokeLeakedKeys
 * (`key.leaked`), both with reason COMPROMISED; key.rotated. Admin keys belong to no
 * project and have no webhooks.
 */
export function keyWebhookEvent(
  action: string,
  key: ApiKey,
  details: Record<string, unknown>,
  at: Date,
): WebhookEvent | null {
  if (key.projectId === null) return null;
  const event = (type: WebhookEvent['type'], data: Record<string, unknown>): WebhookEvent => ({
    projectId: key.projectId as string,
    type,
    at,
    data: { key: keyEventData(key), ...data },
  });
  const replacementId = typeof details.replacementId === 'string' ? details.replacementId : null;
  switch (action) {
    case 'key.created':
      return event('key.created', {});
    case 'key.revoked':
      return event('key.revoked', {
        reason: details.reason ?? 'UNSPECIFIED',
        revokedAt: at.toISOString(),
        replacementId: null,
      });
    case 'key.compromised':
    case 'key.leaked':
      return event('key.revoked', {
        reason: 'COMPROMISED',
        revokedAt: at.toISOString(),
        replacementId,
      });
    case 'key.rotated':
      return event('key.rotated', {
        replacementId,
        graceEndsAt: typeof details.graceEndsAt === 'string' ? details.graceEndsAt : null,
      });
    default:
      return null;
  }
}
