import { describe, expect, it } from 'vitest';
import { digamma, lgamma } from '../../../src/models/bgnbd/gamma';

const EULER_GAMMA = 0.5772156649015329;

/** ln((n-1)!) summed term by term: each log is correctly rounded, so the sum is good to ~n ulp. */
function lnFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('lgamma', () => {
  it('matches ln((n-1)!) at whole numbers', () => {
    for (const n of [3, 4, 7, 10, 11, 25, 100, 1000]) expect(relative(lgamma(n), lnFactorial(n - 1))).toBeLessThan(1e-13);
  });
  it('is zero at 1 and 2 to within rounding', () => {
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(lgamma(2))).toBeLessThan(1e-14);
  });
  it('matches closed forms at half-integers and near zero', () => {
    expect(relative(lgamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(relative(lgamma(1.5), Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(1e-13);
    expect(relative(lgamma(10.5), Math.log((654729075 / 1024) * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    // Γ(x) = 1/x − γ + O(x) for small x.
    expect(relative(lgamma(1e-9), -Math.log(1e-9) - EULER_GAMMA * 1e-9)).toBeLessThan(1e-14);
  });
  it('satisfies the recurrence ln Γ(x+1) = ln Γ(x) + ln x off the grid', () => {
    for (const x of [0.013, 0.2426, 0.7929, 2.426, 4.414, 9.99, 33.3]) {
      expect(Math.abs(lgamma(x + 1) - lgamma(x) - Math.log(x))).toBeLessThan(1e-13 * Math.max(1, Math.abs(lgamma(x))));
    }
  });
  it('is NaN where Γ has poles or is negative', () => {
    expect(lgamma(0)).toBeNaN();
    expect(lgamma(-1.5)).toBeNaN();
    expect(lgamma(NaN)).toBeNaN();
  });
});

describe('digamma', () => {
  it('matches closed forms', () => {
    expect(relative(digamma(1), -EULER_GAMMA)).toBeLessThan(1e-14);
    expect(relative(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2)).toBeLessThan(1e-14);
    let harmonic = 0;
    for (let k = 1; k <= 50; k++) harmonic += 1 / k;
    expect(relative(digamma(51), harmonic - EULER_GAMMA)).toBeLessThan(1e-14);
  });
  it('is the derivative of lgamma', () => {
    for (const x of [0.05, 0.2426, 1.7, 12.5, 300]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((lgamma(x + h) - lgamma(x - h)) / (2 * h), 6);
    }
  });
});
