/**
 * The keys stage's seeded choices (which stored keys are sampled, request order, client
 * addresses): the same BENCH_KEYS_SEED picks the same ones, so runs are comparable. Key
 * secrets themselves stay random (crypto.randomBytes, as Keygate makes them).
 */
export type Random = () => number;

/** mulberry32: a small, fast 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** `count` distinct integers of [0, n), in random order (count ≤ n). */
export function sampleIndexes(random: Random, n: number, count: number): number[] {
  if (count > n) throw new Error(`cannot pick ${count} distinct of ${n}`);
  if (count * 2 > n) {
    return shuffle(
      random,
      Array.from({ length: n }, (_, i) => i),
    ).slice(0, count);
  }
  const picked = new Set<number>();
  while (picked.size < count) picked.add(randomInt(random, n));
  return [...picked];
}

/** Fisher–Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
