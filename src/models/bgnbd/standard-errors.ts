import type { Objective } from './bfgs';
import type { BgNbdParams } from './types';

export type StandardErrors =
  | { standardErrors: BgNbdParams; note?: undefined }
  | { standardErrors: null; note: 'hessian-not-finite' | 'hessian-not-positive-definite' };

// Central differences of an analytic gradient: truncation error ~h², rounding ~1e-16/h.
const H = 1e-4;

/** The inverse of a symmetric matrix by Cholesky, or null when it is not positive definite. */
function choleskyInverse(m: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = m[j * n + j]!;
    for (let k = 0; k < j; k++) d -= L[j * n + k]! ** 2;
    if (!(d > 0)) return null;
    L[j * n + j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = s / L[j * n + j]!;
    }
  }
  const inv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
      y[i] = s / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * inv[k * n + c]!;
      inv[i * n + c] = s / L[i * n + i]!;
    }
  }
  return inv;
}

/**
 * Asymptotic standard errors of (r, alpha, a, b) at a maximum of the likelihood: the square roots
 * of the diagonal of the inverse Hessian of the negative log-likelihood in the natural parameters.
 * `negLogLikelihood` is in θ = ln(parameters); with p = e^θ, ∂²f/∂p_i∂p_j = (∂²f/∂θ_i∂θ_j −
 * δ_ij ∂f/∂θ_i) / (p_i p_j), so the covariance of p is D (H_θ − diag g_θ)⁻¹ D with D = diag(p).
 * Yields after each column of the Hessian (two gradient evaluations).
 */
export function* standardErrorsSteps(negLogLikelihood: Objective, theta: Float64Array): Generator<void, StandardErrors> {
  const n = theta.length;
  const g = new Float64Array(n);
  negLogLikelihood(theta, g);
  const hessian = new Float64Array(n * n);
  const gPlus = new Float64Array(n);
  const gMinus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const plus = theta.map((t, i) => (i === j ? t + H : t));
    const minus = theta.map((t, i) => (i === j ? t - H : t));
    negLogLikelihood(plus, gPlus);
    negLogLikelihood(minus, gMinus);
    for (let i = 0; i < n; i++) hessian[i * n + j] = (gPlus[i]! - gMinus[i]!) / (2 * H);
    yield;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = (hessian[i * n + j]! + hessian[j * n + i]!) / 2;
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
    hessian[i * n + i] = hessian[i * n + i]! - g[i]!;
  }
  if (!hessian.every(Number.isFinite)) return { standardErrors: null, note: 'hessian-not-finite' };
  const covariance = choleskyInverse(hessian, n);
  if (covariance === null) return { standardErrors: null, note: 'hessian-not-positive-definite' };
  const se = (i: number) => Math.exp(theta[i]!) * Math.sqrt(covariance[i * n + i]!);
  return { standardErrors: { r: se(0), alpha: se(1), a: se(2), b: se(3) } };
}
