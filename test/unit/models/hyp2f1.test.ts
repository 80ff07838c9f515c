import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '../../../src/models/bgnbd';

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('hyp2f1', () => {
  const zs = [-0.95, -0.5, -0.1, 1e-6, 0.1, 0.5, 0.9, 0.99];

  it('2F1(1, 1; 2; z) = −ln(1−z)/z', () => {
    for (const z of zs) expect(relative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
  });
  it('2F1(a, b; b; z) = (1−z)^−a', () => {
    for (const z of zs) {
      for (const [a, b] of [
        [0.2426, 2.426],
        [26.24, 28.43],
        [-1.5, 0.7929],
      ] as const) {
        expect(relative(hyp2f1(a, b, b, z), Math.pow(1 - z, -a))).toBeLessThan(1e-12);
      }
    }
  });
  it('2F1(1/2, 1/2; 3/2; z²) = asin(z)/z', () => {
    for (const z of [-0.99, -0.6, 0.3, 0.7, 0.95])
      expect(relative(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
  });
  it('ends the series at a negative integer a', () => {
    const [b, c, z] = [2.5, 3.25, 0.7];
    const polynomial = 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
    expect(relative(hyp2f1(-2, b, c, z), polynomial)).toBeLessThan(1e-15);
  });
  it('is 1 at z = 0 and NaN outside its domain', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, -1.5)).toBeNaN();
    expect(hyp2f1(1, 1, 0, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, -3, 0.5)).toBeNaN();
    expect(hyp2f1(NaN, 1, 2, 0.5)).toBeNaN();
  });
});
