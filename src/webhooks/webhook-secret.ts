import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const SEALED = 'enc:v1:';

/** A new signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`
 * per secret, space-separated (several while a rotated secret still signs). The key is the
 * base64-decoded part after `whsec_`.
 */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
      const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
      return `v1,${mac}`;
    })
    .join(' ');
}

/**
 * How a webhook secret is kept at rest. Keygate must read it back to sign (unlike an API
 * key, which it only compares), so it cannot be a digest: with a key configured it is sealed
 * with AES-256-GCM (`enc:v1:<base64 iv|tag|ciphertext>`), without one it is stored as it is.
 */
export class SecretBox {
  readonly #key: Buffer | null;

  constructor(key: Buffer | null) {
    this.#key = key;
  }

  seal(secret: string): string {
    if (this.#key === null) return secret;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  /** The secret; throws (naming no secret) when it is sealed and cannot be opened. */
  open(stored: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    if (this.#key === null) {
      throw new Error(
        'the webhook secret is encrypted and KEYGATE_WEBHOOK_ENCRYPTION_KEY is not set',
      );
    }
    const bytes = Buffer.from(stored.slice(SEALED.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new Error(
        'the webhook secret cannot be decrypted: KEYGATE_WEBHOOK_ENCRYPTION_KEY is not the key it was encrypted with',
      );
    }
  }
}
