import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hashKey } from '../../src/keys/hash-key.js';
import { generateKey, KEY_LENGTH, keyHint, parseKey } from '../../src/keys/key-format.js';
import { bigintToBase62, numberToBase62 } from '../../src/lib/base62.js';

describe('key format', () => {
  test('a generated key has the kg_<type>_<env>_ prefix, a 256-bit body and 6 check characters', () => {
    const key = generateKey('SECRET', 'LIVE');
    expect(key).toMatch(/^kg_sk_live_[0-9A-Za-z]{43}[0-9A-Za-z]{6}$/);
    expect(key).toHaveLength(KEY_LENGTH);
    expect(generateKey('PUBLISHABLE', 'TEST')).toMatch(/^kg_pk_test_/);
    expect(generateKey('ADMIN', 'LIVE')).toMatch(/^kg_ak_live_/);
  });

  test('a generated key parses back to its kind and environment', () => {
    expect(parseKey(generateKey('PUBLISHABLE', 'TEST'))).toEqual({
      kind: 'PUBLISHABLE',
      environment: 'TEST',
    });
    expect(parseKey(generateKey('ADMIN', 'LIVE'))).toEqual({ kind: 'ADMIN', environment: 'LIVE' });
  });

  test('every single-character typo is caught by the checksum', () => {
    const key = generateKey('SECRET', 'LIVE');
    for (let i = 'kg_sk_live_'.length; i < key.length; i++) {
      const c = key[i] === 'a' ? 'b' : 'a';
      expect(parseKey(key.slice(0, i) + c + key.slice(i + 1))).toBeNull();
    }
  });

  test('truncated, extended, wrongly prefixed and non-ASCII keys are refused', () => {
    const key = generateKey('SECRET', 'LIVE');
    expect(parseKey(key.slice(0, -1))).toBeNull();
    expect(parseKey(`${key}x`)).toBeNull();
    expect(parseKey(key.replace('kg_sk_', 'kg_xk_'))).toBeNull();
    expect(parseKey(key.replace('_live_', '_prod_'))).toBeNull();
    expect(parseKey(key.replace('kg_', 'gk_'))).toBeNull();
    expect(parseKey('')).toBeNull();
    expect(parseKey(`${key.slice(0, -2)}é1`)).toBeNull();
  });

  test('parseKey answers as the regex and zlib reference does, for keys and near-keys', () => {
    // The reference: the key's shape as one regex, and zlib's CRC32 of all but the last six
    // characters in base62.
    const SHAPE = /^kg_(pk|sk|ak)_(live|test)_[0-9A-Za-z]{43}([0-9A-Za-z]{6})$/;
    const KINDS = { pk: 'PUBLISHABLE', sk: 'SECRET', ak: 'ADMIN' } as const;
    const reference = (value: string) => {
      const match = SHAPE.exec(value);
      if (!match || bigintToBase62(BigInt(crc32(value.slice(0, -6))), 6) !== match[3]) {
        return null;
      }
      const [, type, env] = match as unknown as [string, 'pk' | 'sk' | 'ak', string];
      return { kind: KINDS[type], environment: env === 'live' ? 'LIVE' : 'TEST' };
    };
    const kinds = ['PUBLISHABLE', 'SECRET', 'ADMIN'] as const;
    const environments = ['LIVE', 'TEST'] as const;
    // A key, then one character replaced by anything (ASCII, base62 or not, or beyond).
    const nearKey = fc
      .tuple(
        fc.constantFrom(...kinds),
        fc.constantFrom(...environments),
        fc.nat(KEY_LENGTH - 1),
        fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('_', 'é', '\u{1F511}')),
        fc.boolean(),
      )
      .map(([kind, env, at, c, mutate]) => {
        const key = generateKey(kind, env);
        return mutate ? key.slice(0, at) + c + key.slice(at + 1) : key;
      });
    fc.assert(
      fc.property(nearKey, (value) => {
        expect(parseKey(value)).toEqual(reference(value));
      }),
      { numRuns: 2000 },
    );
    // Every answer is one of six shared, frozen objects.
    const a = parseKey(generateKey('SECRET', 'LIVE'));
    expect(a).toBe(parseKey(generateKey('SECRET', 'LIVE')));
    expect(Object.isFrozen(a)).toBe(true);
  });

  test('two keys never repeat', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateKey('SECRET', 'LIVE')));
    expect(keys.size).toBe(1000);
  });

  test('the hint shows the prefix and last four characters only', () => {
    const key = generateKey('SECRET', 'LIVE');
    expect(keyHint(key)).toBe(`kg_sk_live_…${key.slice(-4)}`);
  });

  test('the digest is the hex SHA-256 of the key', () => {
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('base62', () => {
  test('numberToBase62 (the hot path: check characters, id times) equals bigintToBase62', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
        expect(numberToBase62(n, 6)).toBe(bigintToBase62(BigInt(n), 6));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 62 ** 8 - 1 }), (n) => {
        expect(numberToBase62(n, 8)).toBe(bigintToBase62(BigInt(n), 8));
      }),
    );
    expect(numberToBase62(0, 6)).toBe('000000');
    expect(numberToBase62(2 ** 32 - 1, 6)).toBe('4gfFC3');
    expect(() => numberToBase62(62 ** 6, 6)).toThrow(RangeError);
  });

  test('a key made with the old check characters still parses (same CRC32 in base62)', () => {
    const key = generateKey('SECRET', 'LIVE');
    const payload = key.slice(0, -6);
    expect(key.slice(-6)).toBe(bigintToBase62(BigInt(crc32(payload)), 6));
    expect(parseKey(key)).toEqual({ kind: 'SECRET', environment: 'LIVE' });
  });
});
