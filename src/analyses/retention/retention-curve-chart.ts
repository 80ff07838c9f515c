import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import { shareAxis, xLabelBelowTicks } from '../../charts/axes';
import { chartStyle, seriesColors } from '../../charts/chart-style';

export interface CurvePoint {
  period: number;
  rate: number;
}

/**
 * The mean retention curve drawn over the curves of the individual cohorts (pale), only
 * complete cells: incomplete ones would drag the right end down.
 */
export function retentionCurveChart(
  cells: readonly Row[],
  mean: readonly CurvePoint[],
  text: {
    x: string;
    y: string;
    formatPercent: (v: number) => string;
    mean: string;
    /** The column label of a measured period N (a bracket's label for brackets); default N. */
    columnLabel?: (n: number) => string;
  },
): Plot.PlotOptions {
  const complete = cells
    .filter((c) => c.complete === true && c.rate !== null)
    .map((c) => ({
      cohort: `${String(c.cohort)}|${String(c.breakdown ?? '')}`,
      period: Number(c.period_n),
      rate: Number(c.rate),
    }));
  const label = text.columnLabel ?? ((n: number) => String(n));
  // Columns are whole numbers (a bracket is its index): ticks on integers only, at most about 12.
  const last = Math.max(0, ...complete.map((c) => c.period), ...mean.map((m) => m.period));
  const step = Math.ceil((last + 1) / 12);
  const ticks = Array.from({ length: Math.floor(last / step) + 1 }, (_, i) => i * step);
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 280,
    marginLeft: 56,
    x: { label: text.x, ticks, tickFormat: (v: number) => label(v) },
    y: shareAxis(text.y, text.formatPercent, [0, 1]),
    marks: [
      Plot.lineY(complete, { x: 'period', y: 'rate', z: 'cohort', stroke: '#94a3b8', strokeOpacity: 0.35 }),
      Plot.lineY(mean, { x: 'period', y: 'rate', stroke: seriesColors[0], strokeWidth: 2.5 }),
      Plot.dot(mean, { x: 'period', y: 'rate', fill: seriesColors[0], r: 3 }),
      Plot.tip(
        mean,
        Plot.pointerX({
          x: 'period',
          y: 'rate',
          title: (d: CurvePoint) =>
            `${text.mean}\n${text.columnLabel ? label(d.period) : `${text.x} ${d.period}`}: ${text.formatPercent(d.rate)}`,
        }),
      ),
    ],
  };
}
