import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import { countAxis, dayAxis, shareAxis, wholeTicks, xLabelBelowTicks } from '../../charts/axes';
import { stackedPeriodBars, type PeriodInterval } from '../../charts/stacked-period-bars';
import { chartStyle, seriesColors, type ChartText } from '../../charts/chart-style';

const thresholdColor = '#dc2626';

/**
 * The share of gap pairs the histogram draws bar by bar (the proposed L is their 90th
 * percentile); the longest gaps beyond share one bar.
 */
const drawnShare = 0.95;

export interface GapBar {
  start: number;
  end: number;
  pairs: number;
  /** The bar of every gap longer than `start - 1` days. */
  overflow: boolean;
}

/**
 * The histogram's bars: about 60 of the same width up to the gap that 95% of the pairs reach
 * (and at least twice the threshold), then, if longer gaps remain, one bar of them all: a few
 * gaps of half a year would otherwise stretch the axis over bars too small to see.
 */
export function gapBars(rows: readonly { gap: number; pairs: number }[], threshold: number): GapBar[] {
  const total = rows.reduce((sum, r) => sum + r.pairs, 0);
  let seen = 0;
  let reached = 1;
  for (const r of [...rows].sort((a, b) => a.gap - b.gap)) {
    seen += r.pairs;
    reached = r.gap;
    if (seen >= total * drawnShare) break;
  }
  const maxGap = Math.max(1, ...rows.map((r) => r.gap), threshold);
  const cap = Math.max(reached, 2 * threshold);
  // An overflow bar only where it saves a good part of the axis.
  const last = maxGap > cap * 1.5 ? cap : maxGap;
  const width = Math.max(1, Math.ceil(last / 60));
  // Where the bar holding `last` ends: longer gaps go to the overflow bar.
  const edge = Math.floor((last - 1) / width) * width + 1 + width;
  const bins = new Map<number, number>();
  let over = 0;
  for (const r of rows) {
    if (r.gap >= edge) over += r.pairs;
    else {
      const start = Math.floor((r.gap - 1) / width) * width + 1;
      bins.set(start, (bins.get(start) ?? 0) + r.pairs);
    }
  }
  const bars = [...bins].map(([start, pairs]) => ({ start, end: start + width, pairs, overflow: false }));
  return over > 0 ? [...bars, { start: edge, end: edge + width, pairs: over, overflow: true }] : bars;
}

/**
 * The distribution of gaps between consecutive active days (rows: gap, pairs) as gapBars draws
 * it, the longest gaps in one paler bar, with the threshold L drawn as a rule.
 */
export function gapsChart(
  rows: readonly Row[],
  threshold: number,
  text: { x: string; y: string; rule: string; formatNumber: (v: number) => string },
): Plot.PlotOptions {
  const bars = gapBars(
    rows.map((r) => ({ gap: Number(r.gap), pairs: Number(r.pairs) })),
    threshold,
  );
  // A bar of gaps a..b spans a − ½ to b + ½: each day's bar stands over its tick, and the rule
  // at L + ½ parts the gaps up to L from the longer ones.
  const x1 = (d: GapBar) => d.start - 0.5;
  const x2 = (d: GapBar) => d.end - 0.5;
  const end = Math.max(threshold + 1, ...bars.map(x2));
  const span = (d: GapBar) =>
    d.overflow ? `> ${d.start - 1}` : d.end - d.start === 1 ? `${d.start}` : `${d.start}–${d.end - 1}`;
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 240,
    marginLeft: 60,
    // From the first bar's edge: a gap of 0 days does not exist.
    x: { label: text.x, domain: [0.5, end], ticks: wholeTicks(1, end) },
    y: countAxis(text),
    marks: [
      Plot.rectY(bars, {
        x1,
        x2,
        y: 'pairs',
        fill: seriesColors[0],
        fillOpacity: (d: GapBar) => (d.overflow ? 0.45 : 1),
        inset: 0.5,
      }),
      Plot.text(
        bars.filter((d) => d.overflow),
        { x: (d: GapBar) => (x1(d) + x2(d)) / 2, y: 'pairs', text: span, dy: -8, fill: seriesColors[0] },
      ),
      Plot.ruleY([0]),
      Plot.ruleX([threshold + 0.5], { stroke: thresholdColor, strokeWidth: 2, strokeDasharray: '5,3' }),
      Plot.text([threshold + 0.5], {
        x: (d: number) => d,
        frameAnchor: 'top',
        dx: 6,
        textAnchor: 'start',
        text: () => text.rule,
        fill: thresholdColor,
      }),
      Plot.tip(
        bars,
        Plot.pointerX({
          x1,
          x2,
          y: 'pairs',
          title: (d: GapBar) => `${text.x}: ${span(d)}\n${text.y}: ${text.formatNumber(d.pairs)}`,
        }),
      ),
    ],
  };
}

/** Churn rate and recall rate per period; incomplete periods drawn pale. */
export function churnRateChart(
  rows: readonly Row[],
  text: ChartText & { churn: string; recall: string; formatPercent: (v: number) => string },
): Plot.PlotOptions {
  const series = [
    { key: 'churn_rate', name: text.churn, color: seriesColors[5] },
    { key: 'recall_rate', name: text.recall, color: seriesColors[1] },
  ] as const;
  const data = rows.flatMap((r) =>
    series
      .filter((s) => r[s.key] !== null && r[s.key] !== undefined)
      .map((s) => ({ period: Number(r.period), rate: Number(r[s.key]), series: s.name, complete: r.complete === true })),
  );
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 280,
    marginLeft: 56,
    x: dayAxis(text),
    y: shareAxis(text.y, text.formatPercent, [0, 1]),
    color: { legend: true, domain: series.map((s) => s.name), range: series.map((s) => s.color) },
    marks: [
      Plot.lineY(
        data.filter((d) => d.complete),
        { x: 'period', y: 'rate', stroke: 'series', strokeWidth: 1.8 },
      ),
      Plot.dot(data, {
        x: 'period',
        y: 'rate',
        fill: 'series',
        r: 2.5,
        fillOpacity: (d: { complete: boolean }) => (d.complete ? 1 : 0.3),
      }),
      Plot.tip(
        data,
        Plot.pointer({
          x: 'period',
          y: 'rate',
          stroke: 'series',
          format: { x: (d: Date) => text.formatDay(d.getTime()), y: (v: number) => text.formatPercent(v) },
        }),
      ),
    ],
  };
}

/** Customers by P(alive), in twenty bins of 0.05. */
export function pAliveChart(
  bins: readonly Row[],
  text: { x: string; y: string; formatNumber: (v: number) => string },
): Plot.PlotOptions {
  const bars = bins.map((b) => ({ from: Number(b.from), to: Number(b.to), customers: Number(b.customers) }));
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 220,
    marginLeft: 60,
    x: { label: text.x, domain: [0, 1], labelAnchor: 'center', labelArrow: 'none' },
    y: countAxis(text),
    marks: [
      Plot.rectY(bars, { x1: 'from', x2: 'to', y: 'customers', fill: seriesColors[0], inset: 0.5 }),
      Plot.ruleY([0]),
      Plot.tip(
        bars,
        Plot.pointerX({
          x1: 'from',
          x2: 'to',
          y: 'customers',
          title: (d: { from: number; to: number; customers: number }) =>
            `${text.x}: ${d.from.toFixed(2)}–${d.to.toFixed(2)}\n${text.y}: ${text.formatNumber(d.customers)}`,
        }),
      ),
    ],
  };
}

/**
 * The model's standard check (Fader, Hardie & Lee 2005, fig. 3): mean actual and mean expected
 * repeat purchases in the holdout, by repeat purchases in the calibration period (x, 7+).
 */
export function holdoutChart(
  rows: readonly Row[],
  text: { x: string; y: string; actual: string; expected: string; formatNumber: (v: number) => string },
): Plot.PlotOptions {
  const data = rows.flatMap((r) => [
    { x: String(r.x), value: Number(r.actual), series: text.actual, customers: Number(r.customers) },
    { x: String(r.x), value: Number(r.expected), series: text.expected, customers: Number(r.customers) },
  ]);
  const domain = rows.map((r) => String(r.x));
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 260,
    marginLeft: 56,
    x: { type: 'point', domain, label: text.x, padding: 0.3, labelAnchor: 'center', labelArrow: 'none' },
    y: { grid: true, label: text.y, zero: true },
    color: { legend: true, domain: [text.actual, text.expected], range: [seriesColors[0], seriesColors[2]] },
    marks: [
      Plot.lineY(
        data.filter((d) => d.series === text.actual),
        { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2 },
      ),
      Plot.lineY(
        data.filter((d) => d.series === text.expected),
        { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6,3' },
      ),
      Plot.dot(data, { x: 'x', y: 'value', fill: 'series', r: 3 }),
      Plot.tip(
        data,
        Plot.pointer({
          x: 'x',
          y: 'value',
          stroke: 'series',
          title: (d: { x: string; value: number; series: string; customers: number }) =>
            `x = ${d.x} (${text.formatNumber(d.customers)})\n${d.series}: ${d.value.toFixed(2)}`,
        }),
      ),
    ],
  };
}

export const stages = ['new', 'recalled', 'active', 'silent', 'churned'] as const;
export type Stage = (typeof stages)[number];

const stageColors: Record<Stage, string> = {
  new: '#16a34a',
  recalled: '#f59e0b',
  active: '#2563eb',
  silent: '#94a3b8',
  churned: '#dc2626',
};

/** Users per stage at the end of each period, stacked; the last, incomplete period pale. */
export function stagesChart(
  rows: readonly Row[],
  interval: PeriodInterval,
  text: ChartText & { names: Record<Stage, string> },
): Plot.PlotOptions {
  const data = rows.flatMap((r) =>
    stages.map((stage) => ({
      period: Number(r.period),
      stage: text.names[stage],
      users: Number(r[stage] ?? 0),
      complete: r.complete === true,
    })),
  );
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 320,
    marginLeft: 60,
    marginRight: 36,
    x: dayAxis(text),
    y: countAxis(text),
    color: { legend: true, domain: stages.map((s) => text.names[s]), range: stages.map((s) => stageColors[s]) },
    marks: [
      ...stackedPeriodBars(data, { y: 'users', fill: 'stage' }, interval),
      Plot.tip(
        data,
        Plot.pointer(
          Plot.stackY({
            x: 'period',
            y: 'users',
            fill: 'stage',
            format: { x: (d: Date) => text.formatDay(d.getTime()), y: (v: number) => text.formatNumber(v) },
          }),
        ),
      ),
    ],
  };
}

/** The churned share of each cohort (rows: cohort, users, churned, churned_share), one bar per cohort period. */
export function cohortChurnChart(
  rows: readonly Row[],
  interval: PeriodInterval,
  text: ChartText & { formatPercent: (v: number) => string; users: string; churned: string; notYet: string },
): Plot.PlotOptions {
  // A cohort none of whose users can have churned yet gets a grey band instead of a 0% bar; one
  // only partly so a pale bar.
  const all = rows.map((r) => ({
    period: Number(r.cohort),
    share: Number(r.churned_share),
    users: Number(r.users),
    churned: Number(r.churned),
    whole: Number(r.measurable_users) === Number(r.users),
    measurable: Number(r.measurable_users) > 0,
  }));
  const data = all.filter((d) => d.measurable);
  const notYet = all.filter((d) => !d.measurable);
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 240,
    marginLeft: 56,
    // A few cohorts get a tick at each one's start: seven evenly spaced ticks fall on weeks
    // under monthly bars and read as weekly cohorts.
    x: { ...dayAxis(text), ...(data.length <= 12 ? { ticks: interval } : {}) },
    y: shareAxis(text.y, text.formatPercent, [0, 1]),
    marks: [
      Plot.rectY(notYet, { x: 'period', y: 1, interval, inset: 0.5, fill: '#e5e7eb' }),
      Plot.rectY(data, {
        x: 'period',
        y: 'share',
        interval,
        inset: 0.5,
        fill: stageColors.churned,
        fillOpacity: (d: { whole: boolean }) => (d.whole ? 0.85 : 0.35),
      }),
      Plot.ruleY([0]),
      Plot.tip(
        all,
        Plot.pointerX({
          x: 'period',
          y: (d: { share: number; measurable: boolean }) => (d.measurable ? d.share : 0),
          title: (d: { period: number; share: number; users: number; churned: number; measurable: boolean }) =>
            `${text.formatDay(d.period)}\n${d.measurable ? `${text.y}: ${text.formatPercent(d.share)}` : text.notYet}\n${text.churned}: ${text.formatNumber(d.churned)} / ${text.users}: ${text.formatNumber(d.users)}`,
        }),
      ),
    ],
  };
}
