/** A small seeded generator (numbers in [0, 1)), so generated test rows are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
