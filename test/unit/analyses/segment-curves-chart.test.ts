// Issue 9: the per-segment retention curves (segment comparison, retention by segment), rendered by Plot.
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { segmentCurvesChart } from '../../../src/analyses/segment-curves-chart';

const curves = [
  { name: '上海 <b>复购</b>', points: [0, 1, 2, 3].map((period) => ({ period, rate: 1 / (period + 1), cohorts: 4 })) },
  { name: 'Champions', points: [0, 1, 2].map((period) => ({ period, rate: 1 - period / 10, cohorts: 2 })) },
];
const text = { x: 'Periods', y: 'Retention', formatPercent: (v: number) => `${Math.round(v * 100)}%` };

function figureOf(options: Plot.PlotOptions): Element {
  return Plot.plot({ ...options, width: 640 });
}

describe('segmentCurvesChart', () => {
  it('draws one line per segment, named in the legend, ticks labelled like the table', () => {
    const figure = figureOf(segmentCurvesChart(curves, { ...text, columnLabel: (n) => `week ${n}` }));
    expect(figure.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
    expect(figure.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(7);
    expect([...figure.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual([
      'week 0',
      'week 1',
      'week 2',
      'week 3',
    ]);
    const legend = figure.textContent ?? '';
    expect(legend).toContain('上海 <b>复购</b>');
    expect(figure.querySelector('b')).toBeNull();
  });

  it('puts whole-number ticks only, at most about twelve, and says the period in the tip without raw field names', () => {
    const long = [{ name: 'A', points: Array.from({ length: 31 }, (_, period) => ({ period, rate: 0.5, cohorts: 1 })) }];
    const options = segmentCurvesChart(long, text);
    const figure = figureOf(options);
    const ticks = [...figure.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => Number(t.textContent));
    expect(ticks).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    const tip = options.marks?.at(-1) as unknown as { channels: { title: { value: (d: unknown) => string } } };
    expect(tip.channels.title.value({ segment: 'A', period: 3, rate: 0.25 })).toBe('A\nPeriods 3: 25%');
  });
});
