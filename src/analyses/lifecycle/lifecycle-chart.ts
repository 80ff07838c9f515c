import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import { nextPeriodStartMs, type Grain, type WeekStart } from '../../schema/period';
import { daySpanAxis, dayTipFormat, xLabelBelowTicks } from '../../charts/axes';
import { stackedPeriodBars } from '../../charts/stacked-period-bars';
import { chartStyle, type ChartText } from '../../charts/chart-style';
import { lifecycleStates, type LifecycleState } from './lifecycle-query';

const colors: Record<LifecycleState, string> = {
  new: '#16a34a',
  returning: '#2563eb',
  resurrecting: '#f59e0b',
  dormant: '#dc2626',
};

/**
 * The x axis of both lifecycle charts: from the first period's start to the last one's end, where
 * its bar ends, so that the quick ratio below lines up with the bars (issue 13, bug 9).
 */
function periodsAxis(rows: readonly Row[], grain: Grain, text: ChartText) {
  const starts = rows.map((r) => Number(r.period));
  return daySpanAxis(text, starts.length ? [Math.min(...starts), nextPeriodStartMs(Math.max(...starts), grain)] : []);
}

/** Stacked bars per period: new, returning and resurrecting above zero, dormant below it. */
export function lifecycleChart(
  rows: readonly Row[],
  grain: Grain,
  weekStart: WeekStart,
  text: ChartText & { names: Record<LifecycleState, string>; state: string },
): Plot.PlotOptions {
  const data = rows.flatMap((r) =>
    lifecycleStates.map((state) => ({
      period: Number(r.period),
      state: text.names[state],
      value: state === 'dormant' ? -Number(r[state] ?? 0) : Number(r[state] ?? 0),
      complete: r.complete !== false,
    })),
  );
  const interval = grain === 'week' ? weekStart : grain;
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 320,
    marginLeft: 60,
    x: periodsAxis(rows, grain, text),
    // Dormant users are drawn below zero, but they are counts: the axis says 2,000, not −2,000.
    y: { grid: true, label: text.y, tickFormat: (v: number) => text.formatNumber(Math.abs(v)) },
    color: {
      legend: true,
      label: text.state,
      domain: lifecycleStates.map((s) => text.names[s]),
      range: lifecycleStates.map((s) => colors[s]),
    },
    marks: [
      ...stackedPeriodBars(data, { y: 'value', fill: 'state' }, interval),
      Plot.tip(
        data,
        Plot.pointer({
          x: 'period',
          y: 'value',
          fill: 'state',
          format: dayTipFormat(text.formatDay, (v) => text.formatNumber(Math.abs(v))),
        }),
      ),
    ],
  };
}

/** The quick ratio per complete period (at its first day), with the break-even line at 1, on lifecycleChart's x scale. */
export function quickRatioChart(rows: readonly Row[], grain: Grain, text: ChartText): Plot.PlotOptions {
  const data = rows
    .filter((r) => r.complete === true && r.quick_ratio !== null)
    .map((r) => ({ period: Number(r.period), ratio: Number(r.quick_ratio) }));
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 180,
    marginLeft: 60,
    x: periodsAxis(rows, grain, text),
    y: { grid: true, label: text.y, zero: true },
    marks: [
      Plot.ruleY([1], { stroke: '#9ca3af', strokeDasharray: '4,3' }),
      Plot.lineY(data, { x: 'period', y: 'ratio', stroke: colors.new, strokeWidth: 1.8 }),
      Plot.dot(data, { x: 'period', y: 'ratio', fill: colors.new, r: 2.5 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'period',
          y: 'ratio',
          format: dayTipFormat(text.formatDay, (v) => v.toFixed(2)),
        }),
      ),
    ],
  };
}
