import { expect, test } from 'vitest';
import { SlidingWindowLimiter } from '../../src/limits/sliding-window-limiter.js';

const T0 = Date.UTC(2026, 10, 28, 12);

test('peek counts nothing and take counts up to the limit', () => {
  const limiter = new SlidingWindowLimiter();
  expect(limiter.peek('k', 2, T0)).toEqual({
    allowed: true,
    limit: 2,
    remaining: 2,
    resetSeconds: 0,
  });
  expect(limiter.take('k', 2, T0 + 500)).toEqual({
    allowed: true,
    limit: 2,
    remaining: 1,
    resetSeconds: 60,
  });
  expect(limiter.take('k', 2, T0 + 1500)).toEqual({
    allowed: true,
    limit: 2,
    remaining: 0,
    resetSeconds: 59,
  });
  expect(limiter.take('k', 2, T0 + 2000)).toEqual({
    allowed: false,
    limit: 2,
    remaining: 0,
    resetSeconds: 58,
  });
  expect(limiter.peek('k', 2, T0 + 2000).remaining).toBe(0);
  // The request of second 0 leaves at second 60, the one of second 1 at second 61.
  expect(limiter.take('k', 2, T0 + 60_000)).toEqual({
    allowed: true,
    limit: 2,
    remaining: 0,
    resetSeconds: 1,
  });
  expect(limiter.take('k', 2, T0 + 60_999).allowed).toBe(false);
  expect(limiter.take('k', 2, T0 + 61_000).allowed).toBe(true);
});

test('a window idle for longer than its length starts empty', () => {
  const limiter = new SlidingWindowLimiter();
  for (let i = 0; i < 5; i++) limiter.take('k', 5, T0);
  expect(limiter.take('k', 5, T0 + 10 * 60_000)).toMatchObject({ allowed: true, remaining: 4 });
});

test('a clock that steps back counts into the latest second instead of rewriting it', () => {
  const limiter = new SlidingWindowLimiter();
  limiter.take('k', 3, T0 + 5_000);
  expect(limiter.take('k', 3, T0)).toMatchObject({ allowed: true, remaining: 1 });
});

test('beyond maxKeys, idle windows are dropped first and the size stays bounded', () => {
  const limiter = new SlidingWindowLimiter({ maxKeys: 10 });
  for (let i = 0; i < 10; i++) limiter.take(`idle${i}`, 5, T0);
  for (let i = 0; i < 5; i++) limiter.take(`busy${i}`, 5, T0 + 120_000);
  expect(limiter.size).toBe(5);
  for (let i = 0; i < 100; i++) limiter.take(`new${i}`, 5, T0 + 120_000);
  expect(limiter.size).toBeLessThanOrEqual(10);
});

test('windows share chunks of slots without touching each other, and a dropped window’s place comes back empty', () => {
  const limiter = new SlidingWindowLimiter({ maxKeys: 3_000 });
  // 2,500 keys span three chunks of 1,024 windows; key i takes i % 7 + 1 requests.
  for (let i = 0; i < 2_500; i++) {
    for (let n = 0; n <= i % 7; n++) limiter.take(`k${i}`, 10, T0 + (n % 3) * 1000);
  }
  for (let i = 0; i < 2_500; i++) {
    expect(limiter.peek(`k${i}`, 10, T0 + 3_000).remaining).toBe(10 - ((i % 7) + 1));
  }
  // Two minutes on, every window is idle: the next new keys past maxKeys drop them and reuse
  // their places, which must start at zero.
  const later = T0 + 120_000;
  for (let i = 0; i < 1_000; i++) limiter.take(`fresh${i}`, 10, later);
  expect(limiter.size).toBeLessThanOrEqual(3_000);
  for (let i = 0; i < 1_000; i++) {
    expect(limiter.peek(`fresh${i}`, 10, later)).toMatchObject({ remaining: 9, resetSeconds: 60 });
  }
});
