import type { Row } from '../../schema/row';

/** The P(alive) buckets a customer list is cut into: [from, to), the last one closed at 1. */
export const pAliveBounds = [0, 0.25, 0.5, 0.75, 1] as const;

export interface PAliveBucket {
  from: number;
  to: number;
  /** The customers (user ids) whose P(alive) is in [from, to), or [from, 1] for the last bucket. */
  ids: string[];
}

/** Cuts the BG/NBD per-customer rows (user_id, p_alive) into the P(alive) buckets, lowest first. */
export function pAliveBuckets(rows: readonly Row[]): PAliveBucket[] {
  const buckets: PAliveBucket[] = pAliveBounds.slice(1).map((to, i) => ({ from: pAliveBounds[i]!, to, ids: [] }));
  for (const r of rows) {
    const p = r.p_alive;
    if (typeof p !== 'number' || !Number.isFinite(p)) continue;
    const i = buckets.findIndex((b, k) => p < b.to || k === buckets.length - 1);
    buckets[i]!.ids.push(String(r.user_id));
  }
  return buckets;
}
