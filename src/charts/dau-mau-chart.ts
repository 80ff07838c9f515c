import * as Plot from '@observablehq/plot';
import type { Row } from '../schema/row';
import { daySpanAxis, dayTipFormat, shareAxis, xLabelBelowTicks } from './axes';
import { chartStyle, seriesColors, type ChartText } from './chart-style';

/** The days whose MAU window lies wholly in the data, with their DAU/MAU: what the chart draws. */
export function stickinessRatioPoints(rows: readonly Row[]): { day: number; ratio: number }[] {
  return rows
    .filter((r) => r.mau_complete === true && r.dau_mau !== null)
    .map((r) => ({ day: Number(r.day), ratio: Number(r.dau_mau) }));
}

/**
 * DAU/MAU over the days whose MAU window is complete, on the x scale of all the rows' days and
 * `alsoDays` (a comparison period's, shifted onto the range): the DAU/WAU/MAU chart above it
 * spans those, and its days must line up with these (issue 13, bug 9).
 */
export function stickinessRatioChart(
  rows: readonly Row[],
  text: ChartText & { formatPercent: (v: number) => string },
  alsoDays: readonly number[] = [],
): Plot.PlotOptions {
  const data = stickinessRatioPoints(rows);
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 200,
    marginLeft: 56,
    x: daySpanAxis(text, [...rows.map((r) => Number(r.day)), ...alsoDays]),
    y: shareAxis(text.y, text.formatPercent),
    marks: [
      Plot.areaY(data, { x: 'day', y: 'ratio', fill: seriesColors[3], fillOpacity: 0.12 }),
      Plot.lineY(data, { x: 'day', y: 'ratio', stroke: seriesColors[3], strokeWidth: 1.8 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'day',
          y: 'ratio',
          format: dayTipFormat(text.formatDay, text.formatPercent),
        }),
      ),
    ],
  };
}
