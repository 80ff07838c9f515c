import * as Plot from '@observablehq/plot';
import { shareAxis, xLabelBelowTicks } from '../charts/axes';
import { chartStyle, seriesColors } from '../charts/chart-style';
import type { AveragePoint } from './retention-average';

/**
 * The mean retention curve of each segment, one line each (the segment comparison, and
 * retention broken down by segment).
 */
export function segmentCurvesChart(
  curves: readonly { name: string; points: readonly AveragePoint[] }[],
  text: {
    x: string;
    y: string;
    formatPercent: (v: number) => string;
    /** The label of a measured column N (a bracket's label for brackets); default N. */
    columnLabel?: (n: number) => string;
  },
): Plot.PlotOptions {
  const data = curves.flatMap((c) => c.points.map((p) => ({ segment: c.name, period: p.period, rate: p.rate })));
  const label = text.columnLabel ?? ((n: number) => String(n));
  // Columns are whole numbers: ticks on integers only, at most about 12.
  const last = Math.max(0, ...data.map((d) => d.period));
  const step = Math.ceil((last + 1) / 12);
  const ticks = Array.from({ length: Math.floor(last / step) + 1 }, (_, i) => i * step);
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 280,
    marginLeft: 56,
    x: { label: text.x, ticks, tickFormat: (v: number) => label(v) },
    y: shareAxis(text.y, text.formatPercent, [0, 1]),
    color: { legend: true, domain: curves.map((c) => c.name), range: seriesColors },
    marks: [
      Plot.lineY(data, { x: 'period', y: 'rate', stroke: 'segment', strokeWidth: 2 }),
      Plot.dot(data, { x: 'period', y: 'rate', fill: 'segment', r: 2.5 }),
      Plot.tip(
        data,
        Plot.pointer({
          x: 'period',
          y: 'rate',
          stroke: 'segment',
          // A title, not channels: the tip would show the raw field name "segment" (issue 13, bug 5).
          title: (d: { segment: string; period: number; rate: number }) =>
            `${d.segment}\n${text.columnLabel ? label(d.period) : `${text.x} ${d.period}`}: ${text.formatPercent(d.rate)}`,
        }),
      ),
    ],
  };
}
