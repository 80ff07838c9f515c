import * as Plot from '@observablehq/plot';
import type { Row } from '../schema/row';
import { chartStyle, seriesColors, type ChartText } from './chart-style';

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

/** DAU, WAU and MAU as lines; windows that reach before the data are drawn dashed and pale. */
export function activeUsersChart(points: readonly Point[], text: ChartText): Plot.PlotOptions {
  const complete = points.filter((p) => p.complete);
  return {
    style: chartStyle,
    height: 300,
    marginLeft: 56,
    x: { type: 'utc', label: text.x, ticks: 7, tickFormat: (d: Date) => text.formatDay(d.getTime()) },
    y: { grid: true, label: text.y, zero: true, tickFormat: (v: number) => text.formatNumber(v) },
    color: { legend: true, domain: [...new Set(points.map((p) => p.series))], range: seriesColors },
    marks: [
      Plot.lineY(points, { x: 'day', y: 'value', stroke: 'series', strokeDasharray: '3,3', strokeOpacity: 0.45 }),
      Plot.lineY(complete, { x: 'day', y: 'value', stroke: 'series', strokeWidth: 1.8 }),
      Plot.tip(
        points,
        Plot.pointerX({
          x: 'day',
          y: 'value',
          stroke: 'series',
          channels: { series: { value: 'series', label: '' } },
          format: { x: (d: Date) => text.formatDay(d.getTime()), y: (v: number) => text.formatNumber(v), stroke: false },
        }),
      ),
    ],
  };
}

/** DAU/MAU over the days whose MAU window is complete. */
export function stickinessRatioChart(
  rows: readonly Row[],
  text: ChartText & { formatPercent: (v: number) => string },
): Plot.PlotOptions {
  const data = rows
    .filter((r) => r.mau_complete === true && r.dau_mau !== null)
    .map((r) => ({ day: Number(r.day), ratio: Number(r.dau_mau) }));
  return {
    style: chartStyle,
    height: 200,
    marginLeft: 56,
    x: { type: 'utc', label: text.x, ticks: 7, tickFormat: (d: Date) => text.formatDay(d.getTime()) },
    y: { grid: true, label: text.y, zero: true, tickFormat: (v: number) => text.formatPercent(v) },
    marks: [
      Plot.areaY(data, { x: 'day', y: 'ratio', fill: seriesColors[3], fillOpacity: 0.12 }),
      Plot.lineY(data, { x: 'day', y: 'ratio', stroke: seriesColors[3], strokeWidth: 1.8 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'day',
          y: 'ratio',
          format: { x: (d: Date) => text.formatDay(d.getTime()), y: (v: number) => text.formatPercent(v) },
        }),
      ),
    ],
  };
}
