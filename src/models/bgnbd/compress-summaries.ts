import type { PurchaseSummary } from './types';

/**
 * Summaries grouped by distinct (x, tx, T), with the distinct values of each coordinate kept
 * apart so the likelihood computes every Γ and log once per distinct value, not once per customer.
 */
export interface CompressedSummaries {
  xs: Float64Array;
  /** Number of customers per distinct x. */
  xWeight: Float64Array;
  txs: Float64Array;
  Ts: Float64Array;
  /** Per distinct triple: indices into xs, txs, Ts, and its number of customers. */
  xIndex: Uint32Array;
  txIndex: Uint32Array;
  TIndex: Uint32Array;
  weight: Float64Array;
  customers: number;
  repeatCustomers: number;
}

export type CompressResult =
  | { ok: true; value: CompressedSummaries }
  | { ok: false; code: 'invalid-summary'; vars: { index: number; field: 'x' | 'tx' | 'T' | 'count' } };

function indexOf(map: Map<number, number>, values: number[], v: number): number {
  let i = map.get(v);
  if (i === undefined) {
    i = values.length;
    map.set(v, i);
    values.push(v);
  }
  return i;
}

/**
 * Validates summaries (x a whole number ≥ 0, 0 ≤ tx ≤ T, count > 0) and groups them by distinct
 * (x, tx, T). Fails with the index and field of the first invalid row.
 */
export function compressSummaries(rows: readonly PurchaseSummary[]): CompressResult {
  const steps = compressSummariesSteps(rows);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** compressSummaries, yielding the number of rows done after every `rowsPerStep` rows. */
export function* compressSummariesSteps(
  rows: readonly PurchaseSummary[],
  rowsPerStep = 50_000,
): Generator<number, CompressResult> {
  const xMap = new Map<number, number>();
  const txMap = new Map<number, number>();
  const TMap = new Map<number, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const rowIndices: number[] = [];
  const weights: number[] = [];
  const keyMap = new Map<number | string, number>();
  let customers = 0;
  let repeatCustomers = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % rowsPerStep === 0) yield i;
    const { x, tx, T, count = 1 } = rows[i]!;
    const fail = (field: 'x' | 'tx' | 'T' | 'count') =>
      ({ ok: false, code: 'invalid-summary', vars: { index: i, field } }) as const;
    if (!Number.isInteger(x) || x < 0) return fail('x');
    if (!Number.isFinite(tx) || tx < 0) return fail('tx');
    if (!Number.isFinite(T) || T < tx) return fail('T');
    if (!Number.isFinite(count) || !(count > 0)) return fail('count');
    const xi = indexOf(xMap, xs, x);
    const ti = indexOf(txMap, txs, tx);
    const Ti = indexOf(TMap, Ts, T);
    // Packing three indices into one exact number keeps the grouping to one cheap Map lookup per row.
    const key = xi < 2 ** 12 && ti < 2 ** 20 && Ti < 2 ** 20 ? (xi * 2 ** 20 + ti) * 2 ** 20 + Ti : `${xi},${ti},${Ti}`;
    const k = keyMap.get(key);
    if (k === undefined) {
      keyMap.set(key, weights.length);
      rowIndices.push(xi, ti, Ti);
      weights.push(count);
    } else {
      weights[k]! += count;
    }
    customers += count;
    if (x > 0) repeatCustomers += count;
  }
  const n = weights.length;
  const value: CompressedSummaries = {
    xs: Float64Array.from(xs),
    xWeight: new Float64Array(xs.length),
    txs: Float64Array.from(txs),
    Ts: Float64Array.from(Ts),
    xIndex: new Uint32Array(n),
    txIndex: new Uint32Array(n),
    TIndex: new Uint32Array(n),
    weight: Float64Array.from(weights),
    customers,
    repeatCustomers,
  };
  for (let k = 0; k < n; k++) {
    value.xIndex[k] = rowIndices[3 * k]!;
    value.txIndex[k] = rowIndices[3 * k + 1]!;
    value.TIndex[k] = rowIndices[3 * k + 2]!;
    value.xWeight[rowIndices[3 * k]!]! += weights[k]!;
  }
  return { ok: true, value };
}
