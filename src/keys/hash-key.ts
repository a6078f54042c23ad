import { createHash } from 'node:crypto';

/** The only form in which a key is stored: its SHA-256 digest, hex. */
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
