/** f(x), writing ∇f(x) into `gradient`; +Infinity where f is not defined. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeStep {
  iteration: number;
  f: number;
  gradientNorm: number;
}

export interface MinimizeOutcome {
  x: Float64Array;
  f: number;
  gradient: Float64Array;
  iterations: number;
  reason: 'converged' | 'max-iterations' | 'line-search-failed' | 'not-finite';
}

export interface BfgsOptions {
  maxIterations: number;
  /** Converged when every |∂f/∂x_i| is at most this. */
  gradientTolerance: number;
  /** The largest change of any coordinate tried first in one step. */
  maxStep: number;
}

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
}

const C1 = 1e-4;
const C2 = 0.9;
// Near a minimum, decreases of f fall below its rounding error while the gradient is still
// accurate; Hager & Zhang's approximate Wolfe conditions (2005, eq. 23) then accept a step on the
// gradient alone if f has not risen by more than this, relative.
const F_NOISE = 1e-12;
const APPROXIMATE_DELTA = 0.1;

const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
};

/** The largest |v_i| (the ∞-norm). */
export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

function evaluate(f: Objective, x0: Float64Array, p: Float64Array, step: number): Point {
  const x = x0.map((xi, i) => xi + step * p[i]!);
  const g = new Float64Array(x.length);
  const fx = f(x, g);
  return { x, f: fx, g };
}

/** The minimiser of the cubic through (a, fa, da) and (b, fb, db), kept inside the middle 80% of [a, b]. */
function interpolate(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const d2 = Math.sign(b - a) * Math.sqrt(d1 * d1 - da * db);
  let t = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  const lo = Math.min(a, b);
  const width = Math.abs(b - a);
  if (!Number.isFinite(t) || t < lo + 0.1 * width || t > lo + 0.9 * width) t = (a + b) / 2;
  return t;
}

/**
 * A step along p satisfying the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5 and 3.6),
 * or failing that any step with sufficient decrease; null when none was found.
 */
function lineSearch(f: Objective, start: Point, p: Float64Array, firstStep: number, maxStepLength: number): Point | null {
  const d0 = dot(start.g, p);
  const armijo = (step: number, fx: number) => fx <= start.f + C1 * step * d0;
  const approximateWolfe = (fx: number, d: number) =>
    fx <= start.f + F_NOISE * Math.abs(start.f) && d >= C2 * d0 && d <= (2 * APPROXIMATE_DELTA - 1) * d0;
  let best: Point | null = null;
  const consider = (pt: Point, step: number) => {
    if (armijo(step, pt.f) && pt.f < start.f && (best === null || pt.f < best.f)) best = pt;
  };
  const zoom = (lo: number, loPt: Point, hi: number, hiPt: Point | null): Point | null => {
    let dLo = dot(loPt.g, p);
    let fHi = hiPt?.f ?? Infinity;
    let dHi = hiPt ? dot(hiPt.g, p) : NaN;
    for (let i = 0; i < 30; i++) {
      const step = Number.isFinite(fHi) && Number.isFinite(dHi) ? interpolate(lo, loPt.f, dLo, hi, fHi, dHi) : (lo + hi) / 2;
      const pt = evaluate(f, start.x, p, step);
      const d = dot(pt.g, p);
      if (approximateWolfe(pt.f, d)) return pt;
      if (!Number.isFinite(pt.f) || !Number.isFinite(d) || !armijo(step, pt.f) || pt.f >= loPt.f) {
        hi = step;
        fHi = pt.f;
        dHi = d;
        continue;
      }
      consider(pt, step);
      if (Math.abs(d) <= -C2 * d0) return pt;
      if (d * (hi - lo) >= 0) {
        hi = lo;
        fHi = loPt.f;
        dHi = dLo;
      }
      lo = step;
      loPt = pt;
      dLo = d;
    }
    return best;
  };
  let prev = 0;
  let prevPt = start;
  let step = firstStep;
  for (let i = 0; i < 40; i++) {
    const pt = evaluate(f, start.x, p, step);
    const d = dot(pt.g, p);
    if (!Number.isFinite(pt.f) || !Number.isFinite(d)) {
      // Overflow is not a bracket to interpolate in: shrink toward the last finite point.
      step = prev + (step - prev) / 4;
      continue;
    }
    if (approximateWolfe(pt.f, d)) return pt;
    if (!armijo(step, pt.f) || (prev > 0 && pt.f >= prevPt.f)) return zoom(prev, prevPt, step, pt);
    consider(pt, step);
    if (Math.abs(d) <= -C2 * d0) return pt;
    if (d >= 0) return zoom(step, pt, prev, prevPt);
    if (step >= maxStepLength) return pt;
    prev = step;
    prevPt = pt;
    step = Math.min(2 * step, maxStepLength);
  }
  return best;
}

/**
 * Minimises f by BFGS with a strong-Wolfe line search, one iteration per `next()`: it yields after
 * every iteration so the caller can cancel or give way to the event loop, and returns the outcome.
 */
export function* bfgsSteps(f: Objective, x0: ArrayLike<number>, options: BfgsOptions): Generator<MinimizeStep, MinimizeOutcome> {
  const n = x0.length;
  const start = Float64Array.from(x0);
  const g0 = new Float64Array(n);
  let pt: Point = { x: start, f: f(start, g0), g: g0 };
  const outcome = (iterations: number, reason: MinimizeOutcome['reason']): MinimizeOutcome => ({
    x: pt.x,
    f: pt.f,
    gradient: pt.g,
    iterations,
    reason,
  });
  if (!Number.isFinite(pt.f) || !pt.g.every(Number.isFinite)) return outcome(0, 'not-finite');
  // The inverse Hessian estimate, row-major; `fresh` while it is still a multiple of the identity.
  const H = new Float64Array(n * n);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  let fresh = true;
  let iteration = 0;
  while (iteration < options.maxIterations) {
    if (maxAbs(pt.g) <= options.gradientTolerance) return outcome(iteration, 'converged');
    iteration++;
    let next: Point | null = null;
    for (let attempt = 0; attempt < 2 && next === null; attempt++) {
      const p = new Float64Array(n);
      for (let i = 0; i < n; i++) p[i] = -dot(H.subarray(i * n, i * n + n), pt.g);
      if (dot(p, pt.g) >= 0) {
        resetH(1);
        fresh = true;
        for (let i = 0; i < n; i++) p[i] = -pt.g[i]!;
      }
      const limit = options.maxStep / maxAbs(p);
      next = lineSearch(f, pt, p, Math.min(1, limit), Math.max(1, limit));
      if (next === null) {
        if (fresh) break;
        resetH(1);
        fresh = true;
      }
    }
    if (next === null) return outcome(iteration, 'line-search-failed');
    const s = next.x.map((v, i) => v - pt.x[i]!);
    const y = next.g.map((v, i) => v - pt.g[i]!);
    const sy = dot(s, y);
    // Skipping the update when curvature is not positive keeps H positive definite.
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) {
        resetH(sy / dot(y, y));
        fresh = false;
      }
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) Hy[i] = dot(H.subarray(i * n, i * n + n), y);
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! + rho * ((1 + rho * yHy) * s[i]! * s[j]! - Hy[i]! * s[j]! - s[i]! * Hy[j]!);
        }
      }
    }
    pt = next;
    yield { iteration, f: pt.f, gradientNorm: maxAbs(pt.g) };
  }
  return outcome(iteration, maxAbs(pt.g) <= options.gradientTolerance ? 'converged' : 'max-iterations');
}
