import type { Row } from '../../schema/row';

/** The P(alive) buckets a customer list is cut into: [from, to), the last one closed at 1. */
export const pAliveBounds = [0, 0.25, 0.5, 0.75, 1] as const;

export interface PAliveBucket {
  from: number;
  to: number;
  /** How many customers have P(alive) in [from, to), or [from, 1] for the last bucket. */
  customers: number;
  /** Those customers' user ids, listed only when asked: 500,000 ids are not built for a count. */
  ids: () => string[];
}

/** The bucket of a P(alive), or -1 for a missing value. */
function bucketOf(p: unknown): number {
  if (typeof p !== 'number' || !Number.isFinite(p)) return -1;
  for (let i = 1; i < pAliveBounds.length - 1; i++) if (p < pAliveBounds[i]!) return i - 1;
  return pAliveBounds.length - 2;
}

/** Cuts the BG/NBD per-customer rows (user_id, p_alive) into the P(alive) buckets, lowest first. */
export function pAliveBuckets(rows: readonly Row[]): PAliveBucket[] {
  const counts = new Array<number>(pAliveBounds.length - 1).fill(0);
  for (const r of rows) {
    const i = bucketOf(r.p_alive);
    if (i >= 0) counts[i]!++;
  }
  return counts.map((customers, i) => ({
    from: pAliveBounds[i]!,
    to: pAliveBounds[i + 1]!,
    customers,
    ids: () => rows.filter((r) => bucketOf(r.p_alive) === i).map((r) => String(r.user_id)),
  }));
}
