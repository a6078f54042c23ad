import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { BASE62_ALPHABET, numberToBase62, toBase62 } from '../lib/base62.js';

export type KeyKind = 'PUBLISHABLE' | 'SECRET' | 'ADMIN';
export type KeyEnvironment = 'LIVE' | 'TEST';

const TYPE_BY_KIND = { PUBLISHABLE: 'pk', SECRET: 'sk', ADMIN: 'ak' } as const;
const KIND_BY_TYPE = { pk: 'PUBLISHABLE', sk: 'SECRET', ak: 'ADMIN' } as const;

/** 32 random bytes (256 bits) as fixed-width base62. */
export const BODY_LENGTH = 43;
export const CHECK_LENGTH = 6;
const PREFIX_LENGTH = 'kg_sk_live_'.length;
/** Every well-formed key has this length; anything else is refused before any parsing work. */
export const KEY_LENGTH = PREFIX_LENGTH + BODY_LENGTH + CHECK_LENGTH;
const UNDERSCORE = 0x5f;

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

/** The value of a base62 digit's character code, or -1 for any other character. */
const BASE62_VALUE = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE62_ALPHABET.length; i++) values[BASE62_ALPHABET.charCodeAt(i)] = i;
  return values;
})();

/** CRC-32 (IEEE, as zlib's `crc32`) by table, one entry per byte value. */
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** A new key secret: `kg_<type>_<env>_<body><check>`. Shown once, stored only as a digest. */
export function generateKey(kind: KeyKind, environment: KeyEnvironment): string {
  const payload = keyPrefix(kind, environment) + toBase62(randomBytes(32), BODY_LENGTH);
  return payload + checkChars(payload);
}

/** parseKey's answers, one frozen object per type and environment, shared by every call. */
const PARSED = Object.fromEntries(
  Object.entries(KIND_BY_TYPE).map(([type, kind]) => [
    type,
    {
      live: Object.freeze<ParsedKey>({ kind, environment: 'LIVE' }),
      test: Object.freeze<ParsedKey>({ kind, environment: 'TEST' }),
    },
  ]),
) as Record<keyof typeof KIND_BY_TYPE, Record<'live' | 'test', ParsedKey>>;

/**
 * Checks a presented key's shape and CRC32 check characters. A typo, a truncated key or
 * noise is refused here, without touching the database. It runs on every request, so it
 * reads the characters in place in one pass — no regex match and its captures, no copy for
 * zlib, no check characters turned into a string — and returns a shared, frozen answer, in
 * about a third of the time the regex and zlib took (bench/README.md, sixth session).
 */
export function parseKey(value: string): ParsedKey | null {
  if (value.length !== KEY_LENGTH || !value.startsWith('kg_')) return null;
  // kg_<pk|sk|ak>_<live|test>_ — the type at 3-4, the environment at 6-9 — then the body
  // and the check characters: base62 all. The CRC32 of prefix and body (ASCII, so of their
  // bytes) is summed in the same pass that checks the body's characters.
  const type = value.slice(3, 5);
  if (type !== 'pk' && type !== 'sk' && type !== 'ak') return null;
  if (value.charCodeAt(5) !== UNDERSCORE || value.charCodeAt(10) !== UNDERSCORE) return null;
  const env = value.slice(6, 10);
  if (env !== 'live' && env !== 'test') return null;
  const checkStart = KEY_LENGTH - CHECK_LENGTH;
  let crc = -1;
  for (let i = 0; i < checkStart; i++) {
    const code = value.charCodeAt(i);
    if (i >= PREFIX_LENGTH && (code >= 128 || (BASE62_VALUE[code] as number) < 0)) return null;
    crc = (CRC_TABLE[(crc ^ code) & 0xff] as number) ^ (crc >>> 8);
  }
  let check = 0;
  for (let i = checkStart; i < KEY_LENGTH; i++) {
    const code = value.charCodeAt(i);
    const digit = code < 128 ? (BASE62_VALUE[code] as number) : -1;
    if (digit < 0) return null;
    check = check * 62 + digit;
  }
  return (crc ^ -1) >>> 0 === check ? PARSED[type][env] : null;
}

/** What a person may see of a key: its prefix and last four characters, e.g. `kg_sk_live_…Qx9a`. */
export function keyHint(secret: string): string {
  const parsed = /^(kg_[a-z]{2}_[a-z]{4}_)/.exec(secret);
  return `${parsed ? parsed[1] : ''}…${secret.slice(-4)}`;
}
