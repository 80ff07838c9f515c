import { expectedPurchases, type BgNbdFit } from '../../models/bgnbd';
import type { Row } from '../../schema/row';
import type { RunContext, RunOutput } from '../contract';
import { customerPage, customerPageSize, pAliveBins, pAliveBucketCounts } from './bgnbd-customers';
import { fittedModel, modelPredictions, purchaseWindow, type PurchaseWindow } from './bgnbd-model';
import { unitDays, type BgNbdSpec } from './bgnbd-query';
import { predictInSlices } from './bgnbd-steps';
import { daysBetween, problemOutput } from './run-helpers';

type FitFailure = Extract<BgNbdFit, { ok: false }>;

/** Calibration purchases at or above this are one group in the holdout check (BTYD's "7+"). */
const HOLDOUT_GROUPS = 7;

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

/** Why there is nothing to fit, as the panel's problem. */
export function windowProblem(window: Exclude<PurchaseWindow, { ok: true }>): RunOutput {
  return window.code === 'no-purchases'
    ? problemOutput('churn.bgnbd.noPurchases')
    : problemOutput('churn.bgnbd.calibrationOutside', window.vars);
}

/**
 * BG/NBD for purchase data (METRICS.md; Fader, Hardie & Lee 2005): one query for what the data
 * holds, one for each customer's x, t_x and T up to the calibration end, then the fit by maximum
 * likelihood in the worker over the distinct (x, t_x, T) weighted by their numbers of customers,
 * P(alive) and the expected purchases over the horizon per triple and so per customer;
 * with data after the calibration end, actual against expected repeat purchases in that holdout
 * by number of calibration purchases.
 * No rows: 500,000 customers' rows held the page for 2.9 s on arrival (issue 10), so the table
 * `customers` holds the first page only (user_id, x, t_x, T, p_alive, expected_purchases, in
 * user id order); further pages and the whole list come from `churn-bgnbd-customers` and
 * `churn-bgnbd-export`, which reuse this fit. Tables: parameters (parameter, value),
 * standard_errors, holdout, fit (one row of facts), p_alive_bins (20 bins of customers),
 * p_alive_buckets (the buckets a segment can be saved from).
 */
export async function runBgNbd(spec: BgNbdSpec, ctx: RunContext): Promise<RunOutput> {
  ctx.progress({ step: 'query' });
  const window = await purchaseWindow(spec.event, spec.calibrationEnd, ctx);
  if (!window.ok) return windowProblem(window);
  const { calibrationEnd, lastDay } = window;
  const model = await fittedModel(spec, calibrationEnd, ctx);
  const { fit, fitMs, summaries } = model;
  if (!fit.ok) return fitProblem(fit);
  const { params } = fit;
  const { triples, holdoutX, userIds } = summaries;
  const predictions = await modelPredictions(spec, calibrationEnd, model, ctx);

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
    rows: [],
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
      p_alive_bins: pAliveBins(triples, predictions.pAlive),
      p_alive_buckets: pAliveBucketCounts(triples, predictions.pAlive),
      customers: customerPage(summaries, predictions, 0, customerPageSize),
    },
  };
}
