import type { ChartText } from './chart-style';

/** The x axis of calendar days or periods (epoch ms of their UTC midnight), in the UI's date format. */
export function dayAxis(text: Pick<ChartText, 'x' | 'formatDay'>) {
  // Over a few days the ticks fall within days; only a day's start gets a label, or one day
  // would be written under several ticks.
  const label = (d: Date) => (d.getTime() % 86_400_000 === 0 ? text.formatDay(d.getTime()) : '');
  return { type: 'utc', label: text.x, ticks: 7, tickFormat: label } as const;
}

/**
 * dayAxis over exactly the days from the first to the last of `days` (none: Plot's own): charts
 * stacked on one page and given the same days share one x scale (issue 13, bug 9).
 */
export function daySpanAxis(text: Pick<ChartText, 'x' | 'formatDay'>, days: readonly number[]) {
  if (days.length === 0) return dayAxis(text);
  let first = Infinity;
  let last = -Infinity;
  for (const d of days) {
    first = Math.min(first, d);
    last = Math.max(last, d);
  }
  return { ...dayAxis(text), domain: [first, last] };
}

/**
 * Chart options that give the x axis label a line of its own below the tick labels: with
 * Plot's default bottom margin it sits beside the last tick and overlaps it (issue 13, bug 9).
 */
export const xLabelBelowTicks = { marginBottom: 44 } as const;

/** A y axis of counts or amounts from zero, with grid lines. */
export function countAxis(text: Pick<ChartText, 'y' | 'formatNumber'>) {
  return { grid: true, label: text.y, zero: true, tickFormat: (v: number) => text.formatNumber(v) } as const;
}

/** A y axis of shares (0..1) as percentages, with grid lines. */
export function shareAxis(label: string, formatPercent: (v: number) => string, domain?: [number, number]) {
  return { grid: true, label, zero: true, tickFormat: (v: number) => formatPercent(v), ...(domain ? { domain } : {}) } as const;
}

/** How a tip shows a day on x and a value on y. */
export function dayTipFormat(formatDay: (epochMs: number) => string, y: (v: number) => string) {
  return { x: (d: Date) => formatDay(d.getTime()), y };
}

/**
 * Ticks on whole numbers from `from` to `to`, about `count` of them, 1, 2 or 5 times a power of
 * ten apart: for an axis of whole days, where Plot's own ticks fall on half days over a short span.
 */
export function wholeTicks(from: number, to: number, count = 10): number[] {
  const span = Math.max(1, to - from);
  let step = 1;
  for (let scale = 1; span / step > count; scale *= 10)
    step = [2, 5, 10].map((m) => m * scale).find((s) => span / s <= count) ?? 10 * scale;
  const ticks: number[] = [];
  for (let v = Math.ceil(from / step) * step; v <= to; v += step) ticks.push(v);
  return ticks;
}
