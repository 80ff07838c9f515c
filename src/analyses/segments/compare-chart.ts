import * as Plot from '@observablehq/plot';
import { shareAxis, xLabelBelowTicks } from '../../charts/axes';
import { chartStyle, seriesColors } from '../../charts/chart-style';
import type { AveragePoint } from '../retention-average';

/** The weighted mean retention curve of each segment, one line each. */
export function segmentCurvesChart(
  curves: readonly { name: string; points: readonly AveragePoint[] }[],
  text: { x: string; y: string; formatPercent: (v: number) => string },
): Plot.PlotOptions {
  const data = curves.flatMap((c) => c.points.map((p) => ({ segment: c.name, period: p.period, rate: p.rate })));
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 280,
    marginLeft: 56,
    x: { label: text.x, tickFormat: (v: number) => String(v), ticks: 12 },
    y: shareAxis(text.y, text.formatPercent, [0, 1]),
    color: { legend: true, domain: curves.map((c) => c.name), range: seriesColors },
    marks: [
      Plot.lineY(data, { x: 'period', y: 'rate', stroke: 'segment', strokeWidth: 2 }),
      Plot.dot(data, { x: 'period', y: 'rate', fill: 'segment', r: 2.5 }),
      Plot.tip(
        data,
        Plot.pointer({ x: 'period', y: 'rate', stroke: 'segment', format: { y: (v: number) => text.formatPercent(v) } }),
      ),
    ],
  };
}
