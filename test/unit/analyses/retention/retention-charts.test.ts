// Issue 13, bugs 1, 5 and 9: axis ticks, labels and tip names of the cohort charts, rendered by Plot.
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { lifecycleChart } from '../../../../src/analyses/lifecycle/lifecycle-chart';
import { retentionCurveChart } from '../../../../src/analyses/retention/retention-curve-chart';
import { stickinessChart } from '../../../../src/analyses/stickiness/stickiness-chart';
import type { Row } from '../../../../src/schema/row';

const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function svgOf(options: Plot.PlotOptions): SVGSVGElement {
  const plot = Plot.plot(options);
  const svg =
    plot instanceof SVGSVGElement
      ? plot
      : [...plot.querySelectorAll('svg')].find((el) => el.querySelector('g[aria-label="x-axis label"]'));
  if (!svg) throw new Error('no svg');
  return svg;
}

const texts = (svg: Element, label: string) =>
  [...svg.querySelectorAll(`g[aria-label="${label}"] text`)].map((t) => t.textContent ?? '');

/** The y offset Plot gives a group of axis texts (each text is then placed at the frame's bottom). */
const offsetOf = (svg: Element, label: string) =>
  Number(
    /translate\([^,]+,\s*([-\d.]+)\)/.exec(svg.querySelector(`g[aria-label="${label}"]`)?.getAttribute('transform') ?? '')?.[1],
  );

/** The x label must sit on a line below the x tick labels (12 px text), never beside the last one. */
function expectLabelBelowTicks(svg: SVGSVGElement) {
  expect(offsetOf(svg, 'x-axis label') - offsetOf(svg, 'x-axis tick label')).toBeGreaterThanOrEqual(28);
}

const brackets: Row[] = [0, 1, 2].map((n) => ({
  cohort: d('2024-01-01'),
  breakdown: null,
  period_n: n,
  rate: 1 / (n + 1),
  complete: true,
}));

describe('cohort charts', () => {
  it('Issue 13, bug 1: the retention curve for brackets has one tick per bracket, labelled like the table', () => {
    const labels = ['[0, 0]', '[1, 1]', '[2, 3]'];
    const mean = brackets.map((r) => ({ period: Number(r.period_n), rate: Number(r.rate) }));
    const svg = svgOf(
      retentionCurveChart(brackets, mean, {
        x: '区间',
        y: '留存率',
        mean: '平均',
        formatPercent: (v) => `${Math.round(v * 100)}%`,
        columnLabel: (n) => labels[n] ?? String(n),
      }),
    );
    expect(texts(svg, 'x-axis tick label')).toEqual(labels);
    expectLabelBelowTicks(svg);
  });

  it('Issue 13, bug 1: periods are whole-number ticks even with two of them', () => {
    const rows = brackets.slice(0, 2);
    const mean = rows.map((r) => ({ period: Number(r.period_n), rate: Number(r.rate) }));
    const svg = svgOf(retentionCurveChart(rows, mean, { x: '周期数', y: '留存率', mean: '平均', formatPercent: String }));
    expect(texts(svg, 'x-axis tick label')).toEqual(['0', '1']);
  });

  it('Issue 13, bugs 5 and 9: the lifecycle tip names the state in the UI language; the x label clears the last tick', () => {
    const rows: Row[] = ['2024-01-01', '2024-01-08', '2024-01-15'].map((w) => ({
      period: d(w),
      new: 1,
      returning: 2,
      resurrecting: 1,
      dormant: 1,
      complete: true,
    }));
    const options = lifecycleChart(rows, 'week', 'monday', {
      x: '日期',
      y: '用户数',
      formatDay: (ms) => new Date(ms).toISOString().slice(0, 10),
      formatNumber: String,
      names: { new: '新增', returning: '留存', resurrecting: '回流', dormant: '流失' },
      state: '状态',
    });
    // A tip names a channel by its scale's label before the field name ("state").
    expect(options.color).toMatchObject({ label: '状态' });
    expectLabelBelowTicks(svgOf(options));
  });

  it('Issue 13, bug 9: the stickiness x label clears the tick labels', () => {
    const rows: Row[] = [1, 2, 3, 4, 5, 6, 7].map((k) => ({ k, share: 0.1, users: 1, share_at_least: 0.5, users_at_least: 2 }));
    expectLabelBelowTicks(
      svgOf(stickinessChart(rows, false, { x: '活跃天数 k', y: '占比', formatPercent: String, formatNumber: String })),
    );
  });
});
