import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../src/schema/row';
import { stickinessRatioChart } from '../../../src/charts/dau-mau-chart';
import { activeUsersChart, activeUsersPoints, shiftedPoints } from '../../../src/analyses/overview/active-users-chart';

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

  it('spans a comparison period reaching past the rows, as the DAU/WAU/MAU chart above does', () => {
    // "This month" with the data ending on day 10 against the whole previous month, shifted by 30
    // days onto the range: the comparison's days reach 20 days past the rows' last.
    const rows = Array.from({ length: 10 }, (_, d) => ({
      day: day(d),
      dau: 5,
      wau: 9,
      mau: 20,
      dau_mau: 0.25,
      mau_complete: true,
    }));
    const earlier = Array.from({ length: 30 }, (_, d) => ({ day: day(d - 30), dau: 4, wau: 8, mau: 18, mau_complete: true }));
    const names = { dau: 'DAU', wau: 'WAU', mau: 'MAU' };
    const comparison = shiftedPoints(activeUsersPoints(earlier, names), 30);
    const above = activeUsersChart(activeUsersPoints(rows, names), text, comparison);
    const below = stickinessRatioChart(
      rows,
      text,
      comparison.map((p) => p.day),
    );
    expect((above.x as { domain?: unknown }).domain).toEqual([day(0), day(29)]);
    expect((below.x as { domain?: unknown }).domain).toEqual([day(0), day(29)]);
  });
});

describe('the DAU/WAU/MAU chart of a workspace of one day', () => {
  const names = { dau: 'DAU', wau: 'WAU', mau: 'MAU' };
  const drawn = (rows: Row[]) => Plot.plot(activeUsersChart(activeUsersPoints(rows, names), text));

  it('draws each value as a dot, since a line of one point shows nothing', () => {
    const svg = drawn([{ day: day(0), dau: 1, wau: 1, mau: 1, wau_complete: false, mau_complete: false }]);
    expect(svg.querySelectorAll('circle')).toHaveLength(3);
  });

  it('draws lines and no dots over two days or more', () => {
    const svg = drawn([0, 1].map((d) => ({ day: day(d), dau: 2, wau: 3, mau: 4, wau_complete: true, mau_complete: true })));
    expect(svg.querySelectorAll('circle')).toHaveLength(0);
    expect(svg.querySelectorAll('path').length).toBeGreaterThan(0);
  });
});
