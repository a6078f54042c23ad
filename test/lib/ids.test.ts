import { describe, expect, test } from 'vitest';
import { numberToBase62 } from '../../src/lib/base62.js';
import { isId, newId } from '../../src/lib/ids.js';

describe('newId', () => {
  test('is the prefix, 8 base62 characters of milliseconds and 14 of random part', () => {
    const at = new Date('2026-11-29T03:00:00.000Z');
    const id = newId('req', at);
    expect(id).toMatch(/^req_[0-9A-Za-z]{22}$/);
    expect(id.slice(4, 12)).toBe(numberToBase62(at.getTime(), 8));
    expect(isId('req', id)).toBe(true);
    expect(isId('key', id)).toBe(false);
  });

  test('ids of one millisecond count up: each sorts after the one before', () => {
    const at = new Date('2026-11-29T03:00:01.000Z');
    const ids = Array.from({ length: 10_000 }, () => newId('req', at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test('a clock that goes back never makes an id that sorts before an earlier one', () => {
    const first = newId('aud', new Date('2026-11-29T03:00:05.000Z'));
    const second = newId('aud', new Date('2026-11-29T03:00:04.000Z'));
    expect(second > first).toBe(true);
  });

  test('the random part differs between milliseconds (83 bits, not a counter)', () => {
    const parts = new Set<string>();
    for (let ms = 0; ms < 1000; ms++) {
      parts.add(newId('req', new Date(Date.UTC(2026, 10, 29, 4, 0, 0, ms))).slice(12));
    }
    expect(parts.size).toBe(1000);
  });
});
