import { describe, expect, it } from 'vitest';
import { wholeTicks } from '../../../src/charts/axes';

describe('ticks on whole numbers', () => {
  it('puts one on every day over a short span, never on half days', () => {
    expect(wholeTicks(1, 7.5)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('steps by 1, 2 or 5 times a power of ten over longer spans', () => {
    expect(wholeTicks(1, 16)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(wholeTicks(1, 40)).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(wholeTicks(1, 100)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(wholeTicks(1, 1000)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(wholeTicks(1, 3650)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500]);
  });
});
