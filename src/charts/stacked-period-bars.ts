import * as Plot from '@observablehq/plot';

/** How Plot names a calendar period for bars that span it (weeks by their first day). */
export type PeriodInterval = 'day' | 'week' | 'month' | 'monday' | 'sunday';

/**
 * Bars that span each calendar period, stacked by a series field, with the zero line;
 * periods cut by either end of the data (`complete: false`) are drawn pale.
 */
export function stackedPeriodBars<T extends { complete: boolean }>(
  data: readonly T[],
  fields: { y: keyof T & string; fill: keyof T & string },
  interval: PeriodInterval,
): Plot.Markish[] {
  return [
    Plot.rectY(data, {
      x: 'period',
      y: fields.y,
      fill: fields.fill,
      interval,
      inset: 0.5,
      fillOpacity: (d: { complete: boolean }) => (d.complete ? 0.9 : 0.4),
    }),
    Plot.ruleY([0]),
  ];
}
