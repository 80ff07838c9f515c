import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import type { Grain, WeekStart } from '../../schema/period';
import { countAxis, dayAxis, dayTipFormat, xLabelBelowTicks } from '../../charts/axes';
import { chartStyle, seriesColors, type ChartText } from '../../charts/chart-style';

/** Bars this many or more would vanish behind a half-pixel gap at usual widths, so they touch. */
const BARS_WITHOUT_GAP = 120;

export function barInset(grain: Grain, periodCount: number): number {
  if (periodCount >= BARS_WITHOUT_GAP) return 0;
  return grain === 'day' ? 0.5 : 1;
}

function plotInterval(grain: Grain, weekStart: WeekStart): 'day' | 'monday' | 'sunday' | 'month' {
  if (grain === 'week') return weekStart;
  return grain;
}

/**
 * One value per calendar period as bars spanning the period; incomplete periods (cut by
 * either end of the data) are drawn pale.
 */
export function periodBarsChart(
  rows: readonly Row[],
  field: string,
  grain: Grain,
  weekStart: WeekStart,
  text: ChartText,
  color: string = seriesColors[0] ?? 'steelblue',
): Plot.PlotOptions {
  const data = rows.map((r) => ({ period: Number(r.period), value: Number(r[field] ?? 0), complete: r.complete === true }));
  const interval = plotInterval(grain, weekStart);
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 260,
    marginLeft: 56,
    x: dayAxis(text),
    y: countAxis(text),
    marks: [
      Plot.rectY(data, {
        x: 'period',
        y: 'value',
        interval,
        inset: barInset(grain, data.length),
        fill: color,
        fillOpacity: (d: { complete: boolean }) => (d.complete ? 0.85 : 0.35),
      }),
      Plot.ruleY([0]),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'period',
          y: 'value',
          format: dayTipFormat(text.formatDay, text.formatNumber),
        }),
      ),
    ],
  };
}
