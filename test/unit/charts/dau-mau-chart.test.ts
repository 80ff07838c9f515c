import { describe, expect, it } from 'vitest';
import { stickinessRatioChart } from '../../../src/charts/dau-mau-chart';

const day = (d: number) => Date.UTC(2016, 3, 27 + d);
const text = { x: 'day', y: 'DAU/MAU', formatDay: String, formatNumber: String, formatPercent: String };

describe('the DAU/MAU chart under DAU/WAU/MAU (issue 13, bug 9)', () => {
  it('spans every day of the rows, though it draws only the days with a complete MAU window', () => {
    // 31 days: a 30-day window is complete on the last two only.
    const rows = Array.from({ length: 31 }, (_, d) => ({
      day: day(d),
      dau_mau: d >= 29 ? 0.18 : 0.5,
      mau_complete: d >= 29,
    }));
    const options = stickinessRatioChart(rows, text);
    expect((options.x as { domain?: unknown }).domain).toEqual([day(0), day(30)]);
    const drawn = (options.marks![1] as unknown as { data: { day: number }[] }).data.map((p) => p.day);
    expect(drawn).toEqual([day(29), day(30)]);
  });
});
