import { hash } from 'node:crypto';

/**
 * The only form in which a key is stored: its SHA-256 digest, hex. One-shot `crypto.hash`
 * (no Hash object per call): ~4× faster than createHash().update().digest() here, and it runs
 * on every request.
 */
export function hashKey(secret: string): string {
  return hash('sha256', secret, 'hex');
}
