import type { Predictions } from '../../models/bgnbd';
import { csvLine, formatCell } from '../../schema/csv-text';
import type { Row } from '../../schema/row';
import type { CalibrationSummaries } from './bgnbd-steps';
import { pAliveBounds, pAliveBucketCount, pAliveBucketOf } from './p-alive-buckets';

/** The per-customer table's columns, in order: a stable interface of the CSV (issue 10). */
export const customerColumns = ['user_id', 'x', 't_x', 'T', 'p_alive', 'expected_purchases'] as const;

/** Customers per page of the per-customer table; the first page comes with the fit. */
export const customerPageSize = 100;

/** P(alive) histogram bins: 20 of width 0.05, the last closed at 1. */
const BINS = 20;

/** Customer `i` (in user id order) as a row of the per-customer table. */
function customerRow(summaries: CalibrationSummaries, predictions: Predictions, i: number): Row {
  const k = summaries.tripleOf[i]!;
  const c = summaries.triples[k]!;
  return {
    user_id: summaries.userIds[i]!,
    x: c.x,
    t_x: c.tx,
    T: c.T,
    p_alive: predictions.pAlive[k]!,
    expected_purchases: predictions.expected[k]!,
  };
}

/** Customers `offset` to `offset + limit - 1` (in user id order) as table rows. */
export function customerPage(summaries: CalibrationSummaries, predictions: Predictions, offset: number, limit: number): Row[] {
  const end = Math.min(summaries.userIds.length, offset + limit);
  const rows: Row[] = [];
  for (let i = offset; i < end; i++) rows.push(customerRow(summaries, predictions, i));
  return rows;
}

/** Customers per P(alive) bin of width 1/20 (from, to, customers), for the chart. */
export function pAliveBins(triples: CalibrationSummaries['triples'], pAlive: Float64Array): Row[] {
  const counts = new Array<number>(BINS).fill(0);
  triples.forEach((c, k) => {
    counts[Math.min(BINS - 1, Math.floor(pAlive[k]! * BINS))]! += c.count;
  });
  return counts.map((customers, i) => ({ from: i / BINS, to: (i + 1) / BINS, customers }));
}

/** Customers per P(alive) bucket (bucket, from, to, customers), lowest first. */
export function pAliveBucketCounts(triples: CalibrationSummaries['triples'], pAlive: Float64Array): Row[] {
  const counts = new Array<number>(pAliveBucketCount).fill(0);
  triples.forEach((c, k) => {
    const b = pAliveBucketOf(pAlive[k]);
    if (b >= 0) counts[b]! += c.count;
  });
  return counts.map((customers, i) => ({ bucket: i, from: pAliveBounds[i]!, to: pAliveBounds[i + 1]!, customers }));
}

/** Whether customer `i` is in P(alive) bucket `bucket` (null = every customer). */
const inBucket = (summaries: CalibrationSummaries, pAlive: Float64Array, i: number, bucket: number | null) =>
  bucket === null || pAliveBucketOf(pAlive[summaries.tripleOf[i]!]) === bucket;

/**
 * The per-customer table (optionally one P(alive) bucket) as CSV text in chunks, cells written
 * as the page's tables write them (formatCell); `pause` runs between chunks of `chunk` rows.
 */
export async function customersCsv(
  summaries: CalibrationSummaries,
  predictions: Predictions,
  bucket: number | null,
  pause: () => Promise<void>,
  chunk = 20_000,
): Promise<string[]> {
  const parts = [csvLine(customerColumns)];
  let lines: string[] = [];
  for (let i = 0; i < summaries.userIds.length; i++) {
    if (!inBucket(summaries, predictions.pAlive, i, bucket)) continue;
    const row = customerRow(summaries, predictions, i);
    lines.push(csvLine(customerColumns.map((c) => formatCell(c, row[c] ?? null))));
    if (lines.length === chunk) {
      parts.push(lines.join(''));
      lines = [];
      await pause();
    }
  }
  parts.push(lines.join(''));
  return parts;
}

/** The user ids of one P(alive) bucket (null = every customer), in user id order. */
export function bucketIds(summaries: CalibrationSummaries, pAlive: Float64Array, bucket: number | null): string[] {
  const ids: string[] = [];
  for (let i = 0; i < summaries.userIds.length; i++) {
    if (inBucket(summaries, pAlive, i, bucket)) ids.push(String(summaries.userIds[i]));
  }
  return ids;
}
