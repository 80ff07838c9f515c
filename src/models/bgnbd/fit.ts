import { bfgsSteps, maxAbs, type MinimizeStep, type Objective } from './bfgs';
import { compressSummariesSteps, type CompressedSummaries } from './compress-summaries';
import { negativeLogLikelihood } from './log-likelihood';
import { nelderMeadSteps } from './nelder-mead';
import { standardErrorsSteps } from './standard-errors';
import type { BgNbdParams, PurchaseSummary } from './types';

export interface FitProgress {
  /** Grouping the input, maximising the likelihood, or estimating standard errors at the maximum. */
  phase: 'prepare' | 'optimise' | 'standard-errors';
  /** Optimiser iterations so far, over all starts. */
  iteration: number;
  /** At the latest iterate; NaN while preparing. */
  logLikelihood: number;
}

export interface FitOptions {
  onProgress?(progress: FitProgress): void;
  /** Asked before every iteration; true ends the fit with `cancelled`. */
  shouldStop?(): boolean;
  /** The iteration budget over all starts (default 1000; a fit usually takes 20 to 60). */
  maxIterations?: number;
  /** Fewer customers fail with `too-few-customers` (default 10). */
  minCustomers?: number;
}

export type BgNbdFit =
  | {
      ok: true;
      params: BgNbdParams;
      logLikelihood: number;
      iterations: number;
      converged: true;
      standardErrors: BgNbdParams | null;
      standardErrorNote?: 'hessian-not-finite' | 'hessian-not-positive-definite';
    }
  | { ok: false; code: 'invalid-summary'; vars: { index: number; field: 'x' | 'tx' | 'T' | 'count' } }
  | { ok: false; code: 'too-few-customers'; vars: { customers: number; minimum: number } }
  | { ok: false; code: 'no-repeat-purchases'; vars: { customers: number } }
  | { ok: false; code: 'cancelled'; vars: { iterations: number } }
  | {
      ok: false;
      code: 'not-converged';
      vars: { iterations: number; starts: number; gradientNorm: number; logLikelihood: number; atBound?: keyof BgNbdParams };
    };

const NAMES = ['r', 'alpha', 'a', 'b'] as const;
// Per customer: the mean gradient in log-parameters at which the fit counts as converged, and the
// looser one accepted when the line search can no longer make progress in double precision.
const GRADIENT_TOLERANCE = 1e-8;
const PRECISION_LIMIT = 1e-7;
const ITERATIONS_PER_START = 200;
// Log-parameters beyond ±15 (a factor of 3e6) mean the likelihood keeps rising toward the edge of
// the parameter space (e.g. no dropout at all): there is no interior maximum to report.
const BOUND = 15;

/**
 * Starting points in log-parameters. alpha carries the time unit, so it is scaled by the observed
 * repeat rate: with r = 1 the starting mean purchase rate r/alpha matches Σx / ΣT.
 */
function startingPoints(d: CompressedSummaries): Float64Array[] {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < d.weight.length; i++) {
    sx += d.weight[i]! * d.xs[d.xIndex[i]!]!;
    sT += d.weight[i]! * d.Ts[d.TIndex[i]!]!;
  }
  const scale = sT > 0 && sx > 0 ? sT / sx : 1;
  const at = (r: number, alpha: number, a: number, b: number) => Float64Array.from([r, alpha, a, b], Math.log);
  return [at(1, scale, 1, 1), at(0.25, 0.1 * scale, 0.5, 2), at(3, 10 * scale, 2, 8), at(1, 1, 1, 1)];
}

const toParams = (theta: ArrayLike<number>): BgNbdParams => ({
  r: Math.exp(theta[0]!),
  alpha: Math.exp(theta[1]!),
  a: Math.exp(theta[2]!),
  b: Math.exp(theta[3]!),
});

/**
 * Fits BG/NBD by maximum likelihood in small steps: it yields progress after every 50,000 input
 * rows while grouping them, after every optimiser iteration and after every Hessian column, so a
 * worker can cancel (options.shouldStop) or give way to the event loop between steps; it returns
 * the fit. BFGS on log-parameters with the analytic gradient from several starting points in turn;
 * if none converges, Nelder–Mead from the best point reached and BFGS again from there.
 */
export function* fitBgNbdSteps(
  customers: readonly PurchaseSummary[],
  options: FitOptions = {},
): Generator<FitProgress, BgNbdFit> {
  const compressing = compressSummariesSteps(customers);
  let compressed = compressing.next();
  while (!compressed.done) {
    if (options.shouldStop?.()) return { ok: false, code: 'cancelled', vars: { iterations: 0 } };
    const progress: FitProgress = { phase: 'prepare', iteration: 0, logLikelihood: NaN };
    options.onProgress?.(progress);
    yield progress;
    compressed = compressing.next();
  }
  if (!compressed.value.ok) return compressed.value;
  const d = compressed.value.value;
  const minimum = options.minCustomers ?? 10;
  if (d.customers < minimum) return { ok: false, code: 'too-few-customers', vars: { customers: d.customers, minimum } };
  if (d.repeatCustomers === 0) return { ok: false, code: 'no-repeat-purchases', vars: { customers: d.customers } };

  const objective: Objective = (theta, gradient) => negativeLogLikelihood(theta, d, gradient);
  const gradientTolerance = GRADIENT_TOLERANCE * d.customers;
  const budget = options.maxIterations ?? 1000;
  let iterations = 0;
  let starts = 0;
  let cancelled = false;
  // Held in an object: TypeScript does not see assignments made inside the nested generators.
  const reached: { best: { x: Float64Array; f: number; gradientNorm: number } | null } = { best: null };

  function* drive<T>(steps: Generator<MinimizeStep, T>): Generator<FitProgress, T | null> {
    for (;;) {
      if (options.shouldStop?.()) {
        cancelled = true;
        return null;
      }
      const step = steps.next();
      if (step.done) return step.value;
      iterations++;
      const progress: FitProgress = { phase: 'optimise', iteration: iterations, logLikelihood: -step.value.f };
      options.onProgress?.(progress);
      yield progress;
    }
  }

  function* bfgsFrom(start: Float64Array): Generator<FitProgress, Float64Array | null> {
    starts++;
    const outcome = yield* drive(
      bfgsSteps(objective, start, {
        maxIterations: Math.min(ITERATIONS_PER_START, budget - iterations),
        gradientTolerance,
        maxStep: 2,
      }),
    );
    if (outcome === null || !Number.isFinite(outcome.f)) return null;
    const gradientNorm = maxAbs(outcome.gradient);
    if (reached.best === null || outcome.f < reached.best.f) reached.best = { x: outcome.x, f: outcome.f, gradientNorm };
    const atPrecisionLimit = outcome.reason === 'line-search-failed' && gradientNorm <= PRECISION_LIMIT * d.customers;
    return outcome.reason === 'converged' || atPrecisionLimit ? outcome.x : null;
  }

  let theta: Float64Array | null = null;
  for (const start of startingPoints(d)) {
    if (cancelled || iterations >= budget) break;
    theta = yield* bfgsFrom(start);
    if (theta !== null) break;
  }
  if (theta === null && !cancelled && iterations < budget) {
    const from = reached.best?.x ?? startingPoints(d)[0]!;
    const simplex = yield* drive(
      nelderMeadSteps((x) => objective(x, new Float64Array(4)), from, {
        maxIterations: Math.floor((budget - iterations) / 2),
        initialStep: 0.5,
        tolerance: 1e-6,
      }),
    );
    if (simplex !== null && Number.isFinite(simplex.f) && iterations < budget) theta = yield* bfgsFrom(simplex.x);
  }
  if (cancelled) return { ok: false, code: 'cancelled', vars: { iterations } };

  const atBound = theta === null ? -1 : theta.findIndex((t) => Math.abs(t) > BOUND);
  if (theta === null || atBound >= 0) {
    const last = reached.best;
    return {
      ok: false,
      code: 'not-converged',
      vars: {
        iterations,
        starts,
        gradientNorm: last?.gradientNorm ?? NaN,
        logLikelihood: last === null ? NaN : -last.f,
        ...(atBound >= 0 ? { atBound: NAMES[atBound] } : {}),
      },
    };
  }
  const logLikelihood = -objective(theta, new Float64Array(4));
  const estimating = standardErrorsSteps(objective, theta);
  let se = estimating.next();
  while (!se.done) {
    if (options.shouldStop?.()) return { ok: false, code: 'cancelled', vars: { iterations } };
    const progress: FitProgress = { phase: 'standard-errors', iteration: iterations, logLikelihood };
    options.onProgress?.(progress);
    yield progress;
    se = estimating.next();
  }
  return {
    ok: true,
    params: toParams(theta),
    logLikelihood,
    iterations,
    converged: true,
    standardErrors: se.value.standardErrors,
    ...(se.value.note ? { standardErrorNote: se.value.note } : {}),
  };
}

/** Fits BG/NBD synchronously by running fitBgNbdSteps to the end. */
export function fitBgNbd(customers: readonly PurchaseSummary[], options: FitOptions = {}): BgNbdFit {
  const steps = fitBgNbdSteps(customers, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
