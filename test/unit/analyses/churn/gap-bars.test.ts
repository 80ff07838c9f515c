import { describe, expect, it } from 'vitest';
import { gapBars } from '../../../../src/analyses/churn/churn-charts';

const gaps = (from: number, to: number, pairs: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ gap: from + i, pairs }));
const sum = (bars: { pairs: number }[]) => bars.reduce((s, b) => s + b.pairs, 0);

describe('the gap histogram bars', () => {
  it('puts a few very long gaps in one overflow bar instead of stretching the axis to them', () => {
    // 1,000 pairs over 1-20 days and 5 of 180 days: 95% of the pairs lie within 20 days.
    const bars = gapBars([...gaps(1, 20, 50), { gap: 180, pairs: 5 }], 10);
    expect(bars.filter((b) => !b.overflow)).toEqual(
      gaps(1, 20, 50).map((g) => ({ start: g.gap, end: g.gap + 1, pairs: 50, overflow: false })),
    );
    expect(bars.filter((b) => b.overflow)).toEqual([{ start: 21, end: 22, pairs: 5, overflow: true }]);
  });

  it('keeps every gap in its own bar when there is no long tail, and at least twice the threshold', () => {
    expect(gapBars(gaps(1, 30, 10), 10).some((b) => b.overflow)).toBe(false);
    // 95% within 3 days, but the threshold is 40: the bars (2 days wide) reach 80 days before any overflow.
    const bars = gapBars([...gaps(1, 3, 1000), { gap: 60, pairs: 1 }, { gap: 400, pairs: 2 }], 40);
    expect(bars.find((b) => b.overflow)).toEqual({ start: 81, end: 83, pairs: 2, overflow: true });
    expect(bars.find((b) => b.start === 59)).toEqual({ start: 59, end: 61, pairs: 1, overflow: false });
  });

  it('counts every pair once with wider bins, the overflow bar starting where the last bin ends', () => {
    // 1-300 days one pair each, and one of 1,000 days: 95% (285.95 pairs) reach 286 days; bins of 5 days.
    const bars = gapBars([...gaps(1, 300, 1), { gap: 1000, pairs: 1 }], 10);
    expect(sum(bars)).toBe(301);
    expect(bars.find((b) => b.start === 286)).toEqual({ start: 286, end: 291, pairs: 5, overflow: false });
    // 291-300 and 1,000.
    expect(bars.find((b) => b.overflow)).toEqual({ start: 291, end: 296, pairs: 11, overflow: true });
  });
});
