import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import { countAxis, daySpanAxis, dayTipFormat, xLabelBelowTicks } from '../../charts/axes';
import { chartStyle, seriesColors, type ChartText } from '../../charts/chart-style';

interface Point {
  day: number;
  series: string;
  value: number;
  complete: boolean;
}

/** Long-format points for DAU / WAU / MAU; WAU and MAU carry their own completeness. */
export function activeUsersPoints(rows: readonly Row[], names: { dau: string; wau: string; mau: string }): Point[] {
  return rows.flatMap((r) => {
    const day = Number(r.day);
    return [
      { day, series: names.dau, value: Number(r.dau), complete: true },
      { day, series: names.wau, value: Number(r.wau), complete: r.wau_complete === true },
      { day, series: names.mau, value: Number(r.mau), complete: r.mau_complete === true },
    ];
  });
}

/** Comparison points moved forward by `days`, so that they line up with the range they compare with. */
export function shiftedPoints(points: readonly Point[], days: number): Point[] {
  return points.map((p) => ({ ...p, day: p.day + days * 86_400_000 }));
}

/**
 * DAU, WAU and MAU as lines; windows that reach before the data are drawn dashed and pale; a
 * comparison period (already shifted onto the range) as lighter lines of the same colours. The
 * x scale spans both, as stickinessRatioChart's below it does given the comparison's days. A
 * range of one day has no line to draw, so its values are dots.
 */
export function activeUsersChart(points: readonly Point[], text: ChartText, comparison: readonly Point[] = []): Plot.PlotOptions {
  const complete = points.filter((p) => p.complete);
  const oneDay = new Set(points.map((p) => p.day)).size === 1;
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 300,
    marginLeft: 56,
    x: daySpanAxis(
      text,
      [...points, ...comparison].map((p) => p.day),
    ),
    y: countAxis(text),
    color: { legend: true, domain: [...new Set(points.map((p) => p.series))], range: seriesColors },
    marks: [
      Plot.lineY(comparison, { x: 'day', y: 'value', stroke: 'series', strokeOpacity: 0.3, strokeWidth: 1.4 }),
      Plot.lineY(points, { x: 'day', y: 'value', stroke: 'series', strokeDasharray: '3,3', strokeOpacity: 0.45 }),
      Plot.lineY(complete, { x: 'day', y: 'value', stroke: 'series', strokeWidth: 1.8 }),
      ...(oneDay ? [Plot.dot(points, { x: 'day', y: 'value', fill: 'series', r: 4 })] : []),
      Plot.tip(
        points,
        Plot.pointerX({
          x: 'day',
          y: 'value',
          stroke: 'series',
          channels: { series: { value: 'series', label: '' } },
          format: { ...dayTipFormat(text.formatDay, text.formatNumber), stroke: false },
        }),
      ),
    ],
  };
}
