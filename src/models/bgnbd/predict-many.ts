import { expectedPurchasesIfAlive } from './expected-purchases';
import { probabilityAlive } from './p-alive';
import type { BgNbdParams, PurchaseSummary } from './types';

export interface Predictions {
  pAlive: Float64Array;
  /** Expected purchases in the next t time units, per summary. */
  expected: Float64Array;
}

/**
 * P(alive) and the expected purchases over t for each summary, yielding the number done after
 * every `perStep`. The 2F1 series behind the expectation depends on x and T only, so it is
 * summed once per distinct (x, T), not once per summary.
 */
export function* predictManySteps(
  params: BgNbdParams,
  summaries: readonly PurchaseSummary[],
  t: number,
  perStep = 1000,
): Generator<number, Predictions> {
  const pAlive = new Float64Array(summaries.length);
  const expected = new Float64Array(summaries.length);
  const ifAlive = new Map<number, Map<number, number>>();
  for (let i = 0; i < summaries.length; i++) {
    if (i > 0 && i % perStep === 0) yield i;
    const s = summaries[i]!;
    let byT = ifAlive.get(s.x);
    if (byT === undefined) {
      byT = new Map();
      ifAlive.set(s.x, byT);
    }
    let growth = byT.get(s.T);
    if (growth === undefined) {
      growth = expectedPurchasesIfAlive(params, s.x, s.T, t);
      byT.set(s.T, growth);
    }
    pAlive[i] = probabilityAlive(params, s);
    expected[i] = growth * pAlive[i]!;
  }
  return { pAlive, expected };
}

/** predictManySteps run to the end. */
export function predictMany(params: BgNbdParams, summaries: readonly PurchaseSummary[], t: number): Predictions {
  const steps = predictManySteps(params, summaries, t);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
