import {
  expectedPurchases,
  fitBgNbdSteps,
  predictManySteps,
  type BgNbdFit,
  type BgNbdParams,
  type Predictions,
  type PurchaseSummary,
} from '../../models/bgnbd';
import type { Cell, Row } from '../../schema/row';
import type { RunContext, RunOutput } from '../contract';
import { purchaseFactsQuery, purchaseSummaryQuery, unitDays, type BgNbdSpec } from './bgnbd-query';
import { daysBetween, isoDay, problemOutput, timeSlicer } from './run-helpers';

type FitFailure = Extract<BgNbdFit, { ok: false }>;

/** Calibration purchases at or above this are one group in the holdout check (BTYD's "7+"). */
const HOLDOUT_GROUPS = 7;

/** Fits BG/NBD in the run, giving way every ~20 ms of work and reporting progress. */
export async function fitInSlices(customers: readonly PurchaseSummary[], ctx: RunContext): Promise<BgNbdFit> {
  const slice = timeSlicer(ctx);
  const steps = fitBgNbdSteps(customers);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slice({ step: 'fit', done: step.value.iteration });
  }
}

/** A fit that gave no parameters, as the panel's problem. */
export function fitProblem(fit: FitFailure): RunOutput {
  switch (fit.code) {
    case 'too-few-customers':
      return problemOutput('churn.bgnbd.tooFewCustomers', fit.vars);
    case 'no-repeat-purchases':
      return problemOutput('churn.bgnbd.noRepeat', fit.vars);
    case 'not-converged': {
      const { atBound, ...vars } = fit.vars;
      return problemOutput('churn.bgnbd.notConverged', atBound === undefined ? vars : { ...vars, atBound });
    }
    case 'invalid-summary':
      return problemOutput('churn.bgnbd.invalidSummary', fit.vars);
    case 'cancelled':
      return problemOutput('churn.bgnbd.cancelled', fit.vars);
    default: {
      const never: never = fit;
      throw new Error(`unknown fit failure ${JSON.stringify(never)}`);
    }
  }
}

/** P(alive) and the expected purchases over `t` per summary, giving way every ~20 ms. */
export async function predictInSlices(
  params: BgNbdParams,
  summaries: readonly PurchaseSummary[],
  t: number,
  ctx: RunContext,
): Promise<Predictions> {
  const slice = timeSlicer(ctx);
  const steps = predictManySteps(params, summaries, t);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slice({ step: 'predict', done: step.value, total: summaries.length });
  }
}

/** The calibration summaries as BG/NBD needs them: distinct triples with counts, and who has which. */
export interface CalibrationSummaries {
  /** Distinct (x, t_x, T) in the spec's unit, each with its number of customers as `count`. */
  triples: (PurchaseSummary & { count: number })[];
  /** Per triple, its customers' purchase occasions after the calibration end. */
  holdoutX: number[];
  /** Per customer (ordered by id): the user id and the index of their triple. */
  userIds: Cell[];
  tripleOf: Int32Array;
}

// Whole days below 2^17 (359 years) and x below 2^19 pack into one exact number as a map key.
const DAY_BITS = 2 ** 17;

/**
 * Each customer's x, t_x and T up to `calibrationEnd`, grouped by distinct (x, t_x, T): the
 * likelihood and the predictions depend on a customer only through the triple (500,000
 * synthetic customers have 83,096; CDNOW master's 23,570 have 8,685). Grouped here rather than
 * by a second GROUP BY query, which would read the purchases twice.
 */
export async function calibrationSummaries(
  spec: Pick<BgNbdSpec, 'event' | 'unit'>,
  calibrationEnd: string,
  ctx: RunContext,
): Promise<CalibrationSummaries> {
  const rows = await ctx.query(purchaseSummaryQuery(spec, calibrationEnd));
  const per = unitDays(spec.unit);
  const triples: CalibrationSummaries['triples'] = [];
  const holdoutX: number[] = [];
  const userIds = new Array<Cell>(rows.length);
  const tripleOf = new Int32Array(rows.length);
  const index = new Map<number | string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const x = Number(r.x);
    const txDays = Number(r.t_x_days);
    const TDays = Number(r.T_days);
    const key = TDays < DAY_BITS && x < 2 ** 19 ? (x * DAY_BITS + txDays) * DAY_BITS + TDays : `${x},${txDays},${TDays}`;
    let k = index.get(key);
    if (k === undefined) {
      k = triples.length;
      index.set(key, k);
      triples.push({ x, tx: txDays / per, T: TDays / per, count: 0 });
      holdoutX.push(0);
    }
    triples[k]!.count++;
    holdoutX[k]! += Number(r.holdout_x);
    userIds[i] = r.user_id ?? null;
    tripleOf[i] = k;
  }
  return { triples, holdoutX, userIds, tripleOf };
}

/**
 * BG/NBD for purchase data (METRICS.md; Fader, Hardie & Lee 2005): one query for what the data
 * holds, one for each customer's x, t_x and T up to the calibration end, then the fit by maximum
 * likelihood in the worker over the distinct (x, t_x, T) weighted by their numbers of customers,
 * P(alive) and the expected purchases over the horizon per triple and so per customer;
 * with data after the calibration end, actual against expected repeat purchases in that holdout
 * by number of calibration purchases. Rows: user_id, x, t_x, T, p_alive, expected_purchases.
 * Tables: parameters (parameter, value), standard_errors, holdout, fit (one row of facts).
 */
export async function runBgNbd(spec: BgNbdSpec, ctx: RunContext): Promise<RunOutput> {
  ctx.progress({ step: 'query' });
  const [facts] = await ctx.query(purchaseFactsQuery(spec));
  const firstPurchase = isoDay(facts?.first_purchase_day);
  const lastDay = isoDay(facts?.data_last_day);
  if (!facts || Number(facts.purchase_rows) === 0 || firstPurchase === null || lastDay === null) {
    return problemOutput('churn.bgnbd.noPurchases');
  }
  const calibrationEnd = spec.calibrationEnd ?? lastDay;
  if (calibrationEnd < firstPurchase || calibrationEnd > lastDay) {
    return problemOutput('churn.bgnbd.calibrationOutside', { calibrationEnd, from: firstPurchase, to: lastDay });
  }
  const { triples, holdoutX, userIds, tripleOf } = await calibrationSummaries(spec, calibrationEnd, ctx);
  const started = performance.now();
  const fit = await fitInSlices(triples, ctx);
  const fitMs = performance.now() - started;
  if (!fit.ok) return fitProblem(fit);
  const { params } = fit;
  const { pAlive, expected } = await predictInSlices(params, triples, spec.horizon, ctx);
  const rows: Row[] = new Array<Row>(userIds.length);
  for (let i = 0; i < userIds.length; i++) {
    const k = tripleOf[i]!;
    const c = triples[k]!;
    rows[i] = { user_id: userIds[i]!, x: c.x, t_x: c.tx, T: c.T, p_alive: pAlive[k]!, expected_purchases: expected[k]! };
  }

  const holdoutDays = daysBetween(calibrationEnd, lastDay);
  const holdout: Row[] = [];
  if (holdoutDays > 0) {
    const length = holdoutDays / unitDays(spec.unit);
    const inHoldout = await predictInSlices(params, triples, length, ctx);
    const groups = Array.from({ length: HOLDOUT_GROUPS + 1 }, () => ({ customers: 0, actual: 0, expected: 0 }));
    triples.forEach((c, k) => {
      const g = groups[Math.min(c.x, HOLDOUT_GROUPS)]!;
      g.customers += c.count;
      g.actual += holdoutX[k]!;
      g.expected += c.count * inHoldout.expected[k]!;
    });
    groups.forEach((g, x) => {
      if (g.customers === 0) return;
      holdout.push({
        x: x === HOLDOUT_GROUPS ? `${x}+` : String(x),
        customers: g.customers,
        actual: g.actual / g.customers,
        expected: g.expected / g.customers,
      });
    });
  }

  const se = fit.standardErrors;
  const repeatCustomers = triples.reduce((sum, c) => sum + (c.x > 0 ? c.count : 0), 0);
  return {
    rows,
    tables: {
      parameters: [
        { parameter: 'r', value: params.r },
        { parameter: 'alpha', value: params.alpha },
        { parameter: 'a', value: params.a },
        { parameter: 'b', value: params.b },
        { parameter: 'log_likelihood', value: fit.logLikelihood },
      ],
      standard_errors: se
        ? (['r', 'alpha', 'a', 'b'] as const).map((name) => ({ parameter: name, standard_error: se[name] }))
        : [],
      holdout,
      fit: [
        {
          calibration_end: calibrationEnd,
          data_last_day: lastDay,
          holdout_days: holdoutDays,
          unit: spec.unit,
          horizon: spec.horizon,
          customers: userIds.length,
          distinct_summaries: triples.length,
          repeat_customers: repeatCustomers,
          iterations: fit.iterations,
          fit_ms: fitMs,
          new_customer_expected: expectedPurchases(params, spec.horizon),
          standard_error_note: fit.standardErrorNote ?? null,
        },
      ],
    },
  };
}
