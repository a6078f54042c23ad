import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { numberToBase62, toBase62 } from '../lib/base62.js';

export type KeyKind = 'PUBLISHABLE' | 'SECRET' | 'ADMIN';
export type KeyEnvironment = 'LIVE' | 'TEST';

const TYPE_BY_KIND = { PUBLISHABLE: 'pk', SECRET: 'sk', ADMIN: 'ak' } as const;
const KIND_BY_TYPE = { pk: 'PUBLISHABLE', sk: 'SECRET', ak: 'ADMIN' } as const;

/** 32 random bytes (256 bits) as fixed-width base62. */
export const BODY_LENGTH = 43;
export const CHECK_LENGTH = 6;
const KEY_PATTERN = /^kg_(pk|sk|ak)_(live|test)_([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;
/** Every well-formed key has this length; anything else is refused before any parsing work. */
export const KEY_LENGTH = 'kg_sk_live_'.length + BODY_LENGTH + CHECK_LENGTH;

export interface ParsedKey {
  kind: KeyKind;
  environment: KeyEnvironment;
}

export function keyPrefix(kind: KeyKind, environment: KeyEnvironment): string {
  return `kg_${TYPE_BY_KIND[kind]}_${environment.toLowerCase()}_`;
}

function checkChars(payload: string): string {
  return numberToBase62(crc32(payload), CHECK_LENGTH);
}

/** A new key secret: `kg_<type>_<env>_<body><check>`. Shown once, stored only as a digest. */
export function generateKey(kind: KeyKind, environment: KeyEnvironment): string {
  const payload = keyPrefix(kind, environment) + toBase62(randomBytes(32), BODY_LENGTH);
  return payload + checkChars(payload);
}

/**
 * Checks a presented key's shape and CRC32 check characters. A typo, a truncated key or
 * noise is refused here, without touching the database.
 */
export function parseKey(value: string): ParsedKey | null {
  if (value.length !== KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(value);
  if (!match) return null;
  const [, type, env, , check] = match as unknown as [
    string,
    'pk' | 'sk' | 'ak',
    string,
    string,
    string,
  ];
  if (checkChars(value.slice(0, -CHECK_LENGTH)) !== check) return null;
  return { kind: KIND_BY_TYPE[type], environment: env === 'live' ? 'LIVE' : 'TEST' };
}

/** What a person may see of a key: its prefix and last four characters, e.g. `kg_sk_live_…Qx9a`. */
export function keyHint(secret: string): string {
  const parsed = /^(kg_[a-z]{2}_[a-z]{4}_)/.exec(secret);
  return `${parsed ? parsed[1] : ''}…${secret.slice(-4)}`;
}
