import type { MinimizeStep } from './bfgs';

export interface NelderMeadOptions {
  maxIterations: number;
  /** The edge of the starting simplex along each axis. */
  initialStep: number;
  /** Stop when the simplex spans at most this in every coordinate and in f (relative to |f| + 1). */
  tolerance: number;
}

export interface NelderMeadOutcome {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimises f without derivatives (Nelder & Mead 1965, standard coefficients), one iteration per
 * `next()`. Non-finite values count as +Infinity, so it walks away from overflow. Slow but hard to
 * derail: the fit uses it to get somewhere BFGS can finish from.
 */
export function* nelderMeadSteps(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions,
): Generator<MinimizeStep, NelderMeadOutcome> {
  const n = x0.length;
  const value = (x: Float64Array) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const simplex: { x: Float64Array; f: number }[] = [];
  for (let i = 0; i <= n; i++) {
    const x = Float64Array.from(x0);
    if (i > 0) x[i - 1] = x[i - 1]! + options.initialStep;
    simplex.push({ x, f: value(x) });
  }
  const along = (centroid: Float64Array, worst: Float64Array, t: number) => centroid.map((c, i) => c + t * (worst[i]! - c));
  let iteration = 0;
  let converged = false;
  while (iteration < options.maxIterations) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    const flat = Math.abs(worst.f - best.f) <= options.tolerance * (Math.abs(best.f) + 1);
    let size = 0;
    for (const p of simplex) for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(p.x[i]! - best.x[i]!));
    if (flat && size <= options.tolerance) {
      converged = true;
      break;
    }
    iteration++;
    const centroid = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + simplex[k]!.x[i]! / n;
    const reflected = along(centroid, worst.x, -1);
    const fr = value(reflected);
    if (fr < best.f) {
      const expanded = along(centroid, worst.x, -2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
    } else if (fr < simplex[n - 1]!.f) {
      simplex[n] = { x: reflected, f: fr };
    } else {
      const contracted = fr < worst.f ? along(centroid, worst.x, -0.5) : along(centroid, worst.x, 0.5);
      const fc = value(contracted);
      if (fc < Math.min(fr, worst.f)) {
        simplex[n] = { x: contracted, f: fc };
      } else {
        for (let k = 1; k <= n; k++) {
          const x = simplex[k]!.x.map((v, i) => best.x[i]! + 0.5 * (v - best.x[i]!));
          simplex[k] = { x, f: value(x) };
        }
      }
    }
    yield { iteration, f: Math.min(...simplex.map((p) => p.f)), gradientNorm: NaN };
  }
  simplex.sort((p, q) => p.f - q.f);
  return { x: simplex[0]!.x, f: simplex[0]!.f, iterations: iteration, converged };
}
