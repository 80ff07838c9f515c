import type { CompressedSummaries } from './compress-summaries';
import { digamma, lgamma } from './gamma';
import type { BgNbdParams, PurchaseSummary } from './types';

/** ln(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * One customer's BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6), in log space:
 * ln A1 + ln A2 + ln(A3 + [x>0] A4) with the last term by log-sum-exp.
 */
export function customerLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: PurchaseSummary): number {
  const lnA1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const lnA2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const lnA3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return lnA1 + lnA2 + lnA3;
  const lnA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return lnA1 + lnA2 + logAddExp(lnA3, lnA4);
}

/** The total log-likelihood of customers (each counted `count` times, default 1). */
export function logLikelihood(params: BgNbdParams, customers: readonly PurchaseSummary[]): number {
  let sum = 0;
  for (const c of customers) sum += (c.count ?? 1) * customerLogLikelihood(params, c);
  return sum;
}

/**
 * The negative total log-likelihood at log-parameters θ = ln(r, alpha, a, b), and when `gradient`
 * is given, its analytic gradient with respect to θ written into it. Returns +Infinity where the
 * parameters overflow or underflow. This is what the fit minimises; per distinct triple it costs
 * one exp and one log1p, everything else is tabulated per distinct x, tx and T.
 */
export function negativeLogLikelihood(theta: ArrayLike<number>, d: CompressedSummaries, gradient?: Float64Array): number {
  const r = Math.exp(theta[0]!);
  const alpha = Math.exp(theta[1]!);
  const a = Math.exp(theta[2]!);
  const b = Math.exp(theta[3]!);
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0 && r < Infinity && alpha < Infinity && a < Infinity && b < Infinity)) {
    return Infinity;
  }
  const withGradient = gradient !== undefined;
  const nx = d.xs.length;
  const rx = new Float64Array(nx);
  const lnA4Part = new Float64Array(nx);
  const dropoutWeight = new Float64Array(nx);
  const lnAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgAB = lgamma(a + b);
  const lgB = lgamma(b);
  const psiR = withGradient ? digamma(r) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const lnA = Math.log(a);
  let ll = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let j = 0; j < nx; j++) {
    const x = d.xs[j]!;
    const w = d.xWeight[j]!;
    ll += w * (lgamma(r + x) - lgR + r * lnAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x));
    rx[j] = r + x;
    lnA4Part[j] = x > 0 ? lnA - Math.log(b + x - 1) : NaN;
    if (withGradient) {
      const psiABX = digamma(a + b + x);
      gR += w * (digamma(r + x) - psiR + lnAlpha);
      gAlpha += (w * r) / alpha;
      gA += w * (psiAB - psiABX);
      gB += w * (psiAB + digamma(b + x) - psiB - psiABX);
    }
  }
  const lnT = d.Ts.map((T) => Math.log(alpha + T));
  const invT = d.Ts.map((T) => 1 / (alpha + T));
  const lnTx = d.txs.map((tx) => Math.log(alpha + tx));
  const invTx = d.txs.map((tx) => 1 / (alpha + tx));
  const { xIndex, txIndex, TIndex, weight, xs } = d;
  const n = weight.length;
  for (let i = 0; i < n; i++) {
    const j = xIndex[i]!;
    const k = TIndex[i]!;
    const w = weight[i]!;
    const lnA3 = -rx[j]! * lnT[k]!;
    if (xs[j] === 0) {
      ll += w * lnA3;
      if (withGradient) {
        gR -= w * lnT[k]!;
        gAlpha -= w * rx[j]! * invT[k]!;
      }
      continue;
    }
    const m = txIndex[i]!;
    const lnA4 = lnA4Part[j]! - rx[j]! * lnTx[m]!;
    // w4 = A4 / (A3 + A4): the weight of the "dropped out after the last purchase" branch.
    let w4: number;
    if (lnA4 > lnA3) {
      const e = Math.exp(lnA3 - lnA4);
      ll += w * (lnA4 + Math.log1p(e));
      w4 = 1 / (1 + e);
    } else {
      const e = Math.exp(lnA4 - lnA3);
      ll += w * (lnA3 + Math.log1p(e));
      w4 = e / (1 + e);
    }
    if (withGradient) {
      const w3 = 1 - w4;
      gR -= w * (w3 * lnT[k]! + w4 * lnTx[m]!);
      gAlpha -= w * rx[j]! * (w3 * invT[k]! + w4 * invTx[m]!);
      dropoutWeight[j] = dropoutWeight[j]! + w * w4;
    }
  }
  if (withGradient) {
    for (let j = 0; j < nx; j++) {
      const x = xs[j]!;
      if (x === 0) continue;
      gA += dropoutWeight[j]! / a;
      gB -= dropoutWeight[j]! / (b + x - 1);
    }
    gradient[0] = -gR * r;
    gradient[1] = -gAlpha * alpha;
    gradient[2] = -gA * a;
    gradient[3] = -gB * b;
  }
  return -ll;
}
