/** The digits of base62, by value. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of an unsigned big-endian number, left-padded with '0' to `width` characters. */
export function toBase62(bytes: Uint8Array, width: number): string {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return bigintToBase62(n, width);
}

export function bigintToBase62(value: bigint, width: number): string {
  let n = value;
  let out = '';
  while (n > 0n) {
    out = BASE62_ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  if (out.length > width) throw new RangeError(`value needs more than ${width} base62 digits`);
  return out.padStart(width, '0');
}

/**
 * bigintToBase62 for a safe integer (below 2^53): plain number arithmetic, no BigInt, for the
 * hot paths (a key's check characters on every request, the time part of every id).
 */
export function numberToBase62(value: number, width: number): string {
  let n = value;
  let out = '';
  while (n > 0) {
    const digit = n % 62;
    out = BASE62_ALPHABET[digit] + out;
    n = (n - digit) / 62;
  }
  if (out.length > width) throw new RangeError(`value needs more than ${width} base62 digits`);
  return out.padStart(width, '0');
}

export const BASE62_PATTERN = '[0-9A-Za-z]';
