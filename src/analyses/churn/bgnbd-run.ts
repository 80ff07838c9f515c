import {
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbdSteps,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdParams,
  type PurchaseSummary,
} from '../../models/bgnbd';
import type { Row } from '../../schema/row';
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

/**
 * P(alive) and conditional expected purchases over `t` for each customer, computed once per
 * distinct (x, t_x, T): customers share them often, and each 2F1 series costs.
 */
export async function predictInSlices(
  params: BgNbdParams,
  customers: readonly PurchaseSummary[],
  t: number,
  ctx: RunContext,
): Promise<{ pAlive: Float64Array; expected: Float64Array }> {
  const slice = timeSlicer(ctx);
  const cache = new Map<string, [number, number]>();
  const pAlive = new Float64Array(customers.length);
  const expected = new Float64Array(customers.length);
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i]!;
    const key = `${c.x}|${c.tx}|${c.T}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = [probabilityAlive(params, c), conditionalExpectedPurchases(params, c, t)];
      cache.set(key, hit);
    }
    pAlive[i] = hit[0];
    expected[i] = hit[1];
    if (i % 1000 === 0) await slice({ step: 'predict', done: i, total: customers.length });
  }
  return { pAlive, expected };
}

/**
 * BG/NBD for purchase data (METRICS.md; Fader, Hardie & Lee 2005): one query for what the data
 * holds, one for each customer's x, t_x and T up to the calibration end, then the fit by maximum
 * likelihood in the worker, P(alive) and the expected purchases over the horizon per customer;
 * with data after the calibration end, actual against expected repeat purchases in that holdout
 * by number of calibration purchases. Rows: user_id, x, t_x, T, p_alive, expected_purchases.
 * Tables: parameters (parameter, value), standard_errors, holdout, fit (one row of facts).
 */
export async function runBgNbd(spec: BgNbdSpec, ctx: RunContext): Promise<RunOutput> {
  ctx.progress({ step: 'query' });
  const [facts] = await ctx.query(purchaseFactsQuery(spec));
  const firstPurchase = isoDay(facts?.first_purchase_day);
  const lastDay = isoDay(facts?.data_last_day);
  if (!facts || Number(facts.occasions) === 0 || firstPurchase === null || lastDay === null) {
    return problemOutput('churn.bgnbd.noPurchases');
  }
  const calibrationEnd = spec.calibrationEnd ?? lastDay;
  if (calibrationEnd < firstPurchase || calibrationEnd > lastDay) {
    return problemOutput('churn.bgnbd.calibrationOutside', { calibrationEnd, from: firstPurchase, to: lastDay });
  }
  const summaryRows = await ctx.query(purchaseSummaryQuery(spec, calibrationEnd));
  const customers: PurchaseSummary[] = summaryRows.map((r) => ({ x: Number(r.x), tx: Number(r.t_x), T: Number(r.T) }));
  const started = performance.now();
  const fit = await fitInSlices(customers, ctx);
  const fitMs = performance.now() - started;
  if (!fit.ok) return fitProblem(fit);
  const { params } = fit;
  const { pAlive, expected } = await predictInSlices(params, customers, spec.horizon, ctx);
  const rows: Row[] = summaryRows.map((r, i) => ({
    user_id: r.user_id ?? null,
    x: customers[i]!.x,
    t_x: customers[i]!.tx,
    T: customers[i]!.T,
    p_alive: pAlive[i]!,
    expected_purchases: expected[i]!,
  }));

  const holdoutDays = daysBetween(calibrationEnd, lastDay);
  const holdout: Row[] = [];
  if (holdoutDays > 0) {
    const length = holdoutDays / unitDays(spec.unit);
    const inHoldout = await predictInSlices(params, customers, length, ctx);
    const groups = Array.from({ length: HOLDOUT_GROUPS + 1 }, () => ({ customers: 0, actual: 0, expected: 0 }));
    customers.forEach((c, i) => {
      const g = groups[Math.min(c.x, HOLDOUT_GROUPS)]!;
      g.customers++;
      g.actual += Number(summaryRows[i]!.holdout_x);
      g.expected += inHoldout.expected[i]!;
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
  const repeatCustomers = customers.filter((c) => c.x > 0).length;
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
          customers: customers.length,
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
