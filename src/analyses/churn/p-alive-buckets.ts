/** The P(alive) buckets a customer list is cut into: [from, to), the last one closed at 1. */
export const pAliveBounds = [0, 0.25, 0.5, 0.75, 1] as const;

/** How many buckets there are. */
export const pAliveBucketCount = pAliveBounds.length - 1;

/** The bucket (0 = lowest) of a P(alive), or -1 for a missing value. */
export function pAliveBucketOf(p: unknown): number {
  if (typeof p !== 'number' || !Number.isFinite(p)) return -1;
  for (let i = 1; i < pAliveBounds.length - 1; i++) if (p < pAliveBounds[i]!) return i - 1;
  return pAliveBounds.length - 2;
}
