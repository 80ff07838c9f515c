import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, expectedPurchases, hyp2f1, probabilityAlive } from '../../../src/models/bgnbd';
import { lgamma } from '../../../src/models/bgnbd/gamma';

const PARAMS = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

/** Fader, Hardie & Lee (2005) eq. 10 exactly as printed, for moderate x where it cannot overflow. */
function paperEq10({ r, alpha, a, b }: typeof PARAMS, x: number, tx: number, T: number, t: number): number {
  const z = t / (alpha + T + t);
  const numerator =
    ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
  const denominator = 1 + (x > 0 ? 1 : 0) * (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x);
  return numerator / denominator;
}

describe('probabilityAlive', () => {
  it('is 1 without repeat purchases, whatever the time since', () => {
    expect(probabilityAlive(PARAMS, { x: 0, tx: 0, T: 1000 })).toBe(1);
  });
  it('falls with time since the last purchase and stays in (0, 1] for huge x', () => {
    const recent = probabilityAlive(PARAMS, { x: 3, tx: 30, T: 31 });
    const lapsed = probabilityAlive(PARAMS, { x: 3, tx: 5, T: 31 });
    expect(lapsed).toBeLessThan(recent);
    expect(probabilityAlive(PARAMS, { x: 5000, tx: 1, T: 52 })).toBe(0);
    expect(probabilityAlive(PARAMS, { x: 5000, tx: 52, T: 52 })).toBeCloseTo(1 / (1 + PARAMS.a / (PARAMS.b + 4999)), 15);
  });
});

describe('expected purchases', () => {
  it('agree with the paper’s eq. 10 as printed', () => {
    for (const [x, tx, T, t] of [
      [0, 0, 31, 52],
      [1, 2, 39, 10],
      [7, 20.5, 30, 52],
      [26, 30.857, 31, 104],
    ] as const) {
      expect(relative(conditionalExpectedPurchases(PARAMS, { x, tx, T }, t), paperEq10(PARAMS, x, tx, T, t))).toBeLessThan(1e-11);
    }
  });
  it('are the unconditional expectation for a customer just acquired', () => {
    for (const t of [1, 39, 78]) {
      expect(relative(conditionalExpectedPurchases(PARAMS, { x: 0, tx: 0, T: 0 }, t), expectedPurchases(PARAMS, t))).toBeLessThan(
        1e-14,
      );
    }
  });
  it('start at the mean purchase rate r/alpha', () => {
    expect(relative(expectedPurchases(PARAMS, 1e-6), (PARAMS.r / PARAMS.alpha) * 1e-6)).toBeLessThan(1e-6);
    expect(expectedPurchases(PARAMS, 0)).toBe(0);
  });
  it('are continuous through a = 1, where the formula is 0/0', () => {
    const at = (a: number) => expectedPurchases({ ...PARAMS, a }, 52);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(relative(at(1), (at(1 - 1e-4) + at(1 + 1e-4)) / 2)).toBeLessThan(1e-7);
    const customer = { x: 4, tx: 20, T: 30 };
    const cond = (a: number) => conditionalExpectedPurchases({ ...PARAMS, a }, customer, 52);
    expect(relative(cond(1), (cond(1 - 1e-4) + cond(1 + 1e-4)) / 2)).toBeLessThan(1e-7);
  });
  it('stay right for a customer with thousands of purchases, where eq. 10 as printed overflows', () => {
    const params = { ...PARAMS, alpha: 30 };
    const customer = { x: 3000, tx: 364, T: 365 };
    expect(relative(conditionalExpectedPurchases(params, customer, 365), byQuadrature(params, customer, 365))).toBeLessThan(1e-8);
  });
});

/**
 * E[Y(t) | x, tx, T] from its definition: P(alive) times the mean over the posterior
 * λ ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x) of (1 − e^(−λpt))/p, the purchases in t of a customer
 * who drops out after each purchase with probability p. The mean over λ is closed-form; the one
 * over p is a midpoint rule in u = p^a, which removes the singularity of the Beta density at 0.
 */
function byQuadrature({ r, alpha, a, b }: typeof PARAMS, { x, tx, T }: { x: number; tx: number; T: number }, t: number): number {
  const lnBeta = lgamma(a) + lgamma(b + x) - lgamma(a + b + x);
  const uMax = Math.pow(0.05, a);
  const n = 100_000;
  let mean = 0;
  for (let j = 0; j < n; j++) {
    const p = Math.pow((uMax * (j + 0.5)) / n, 1 / a);
    const density = Math.exp((b + x - 1) * Math.log1p(-p) - lnBeta) / a;
    const purchases = -Math.expm1((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + p * t))) / p;
    mean += (density * purchases * uMax) / n;
  }
  return probabilityAlive({ r, alpha, a, b }, { x, tx, T }) * mean;
}
