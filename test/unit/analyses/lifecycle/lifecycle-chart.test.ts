import { describe, expect, it } from 'vitest';
import { lifecycleChart, quickRatioChart } from '../../../../src/analyses/lifecycle/lifecycle-chart';

const text = { x: 'day', y: 'users', formatDay: String, formatNumber: String };
const names = { new: 'New', returning: 'Returning', resurrecting: 'Resurrecting', dormant: 'Dormant' };
const domainOf = (options: { x?: unknown }) => (options.x as { domain?: unknown }).domain;

describe('the quick ratio under the lifecycle bars (issue 13, bug 9)', () => {
  it('has the bars x scale: from the first period start to the last period end, the incomplete one included', () => {
    // Monthly, May to August 2026; August is incomplete (no quick ratio drawn for it).
    const rows = [4, 5, 6, 7].map((m, i) => ({
      period: Date.UTC(2026, m, 1),
      new: 10,
      returning: 5,
      resurrecting: 2,
      dormant: 3,
      quick_ratio: i === 0 ? null : 4,
      complete: m < 7,
    }));
    const bars = lifecycleChart(rows, 'month', 'monday', { ...text, names, state: 'state' });
    const ratio = quickRatioChart(rows, 'month', text);
    expect(domainOf(bars)).toEqual([Date.UTC(2026, 4, 1), Date.UTC(2026, 8, 1)]);
    expect(domainOf(ratio)).toEqual(domainOf(bars));
  });

  it('ends a weekly axis seven days after the last week starts', () => {
    const rows = [0, 7].map((d) => ({ period: Date.UTC(2026, 5, 1 + d), quick_ratio: 1, complete: true }));
    expect(domainOf(quickRatioChart(rows, 'week', text))).toEqual([Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 15)]);
  });
});

describe('the lifecycle bars', () => {
  it('label the axis below zero, where dormant users are drawn, with their counts, not negative numbers', () => {
    const rows = [{ period: Date.UTC(2026, 5, 1), new: 10, returning: 5, resurrecting: 2, dormant: 2000, complete: true }];
    const bars = lifecycleChart(rows, 'week', 'monday', {
      ...text,
      formatNumber: (v: number) => v.toLocaleString('en'),
      names,
      state: 'state',
    });
    const tickFormat = (bars.y as { tickFormat: (v: number) => string }).tickFormat;
    expect(tickFormat(-2000)).toBe('2,000');
    expect(tickFormat(500)).toBe('500');
  });
});
