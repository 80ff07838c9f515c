import * as Plot from '@observablehq/plot';
import { chartStyle } from '../../charts/chart-style';
import type { GridSquare, NamedSegment, ScoreRange, ScoreValueRanges, SegmentRule } from './rfm-segments';

export interface RfmGridText {
  axisR: string;
  axisF: string;
  share: string;
  formatPercent: (v: number) => string;
  formatNumber: (v: number) => string;
  /** A score's value range as a tick label ("1–17 d"), or null when no customer has it. */
  range: (measure: 'r' | 'f', range: ScoreRange) => string;
  segment: (segment: NamedSegment) => string;
  tip: (square: GridSquare) => string;
}

const darkText = '#0f172a';

/**
 * The R x F score grid: each square shaded by its share of customers, with the share and
 * the count written in it, and the named segments framed and named over the squares they
 * cover (the rules' R and F ranges; M ranges do not show on a grid). Most recent at the
 * top, most frequent on the right, so the best customers sit in the top right corner.
 */
export function rfmGridChart(
  squares: readonly GridSquare[],
  rules: readonly SegmentRule[],
  ranges: ScoreValueRanges,
  text: RfmGridText,
): Plot.PlotOptions {
  const maxShare = Math.max(0.0001, ...squares.map((s) => s.share));
  const light = (s: GridSquare) => s.share > maxShare * 0.55;
  const tick = (measure: 'r' | 'f') => (score: number) => {
    const range = ranges[measure][score - 1];
    return range ? `${score}\n(${text.range(measure, range)})` : String(score);
  };
  const label = (s: GridSquare) => (s.users === 0 ? '–' : `${text.formatPercent(s.share)}\n${text.formatNumber(s.users)}`);
  const frames = rules.map((rule) => ({
    x1: rule.f[0] - 0.5,
    x2: rule.f[1] + 0.5,
    y1: rule.r[0] - 0.5,
    y2: rule.r[1] + 0.5,
    name: text.segment(rule.segment),
  }));
  return {
    style: chartStyle,
    height: 460,
    marginLeft: 92,
    marginBottom: 56,
    marginTop: 12,
    x: {
      domain: [0.5, 5.5],
      ticks: [1, 2, 3, 4, 5],
      tickFormat: tick('f'),
      label: text.axisF,
      labelAnchor: 'center',
      labelOffset: 48,
    },
    y: {
      domain: [0.5, 5.5],
      ticks: [1, 2, 3, 4, 5],
      tickFormat: tick('r'),
      label: text.axisR,
      labelAnchor: 'center',
      labelOffset: 84,
    },
    color: {
      type: 'linear',
      domain: [0, maxShare],
      range: ['#f1f5f9', '#1d4ed8'],
      legend: true,
      label: text.share,
      tickFormat: (v: number) => text.formatPercent(v),
    },
    marks: [
      Plot.rect(squares, {
        x1: (s: GridSquare) => s.f - 0.5,
        x2: (s: GridSquare) => s.f + 0.5,
        y1: (s: GridSquare) => s.r - 0.5,
        y2: (s: GridSquare) => s.r + 0.5,
        fill: 'share',
        inset: 1,
      }),
      Plot.text(
        squares.filter((s) => !light(s)),
        { x: 'f', y: (s: GridSquare) => s.r - 0.1, text: label, fill: darkText, fontSize: 13, lineHeight: 1.25 },
      ),
      Plot.text(squares.filter(light), {
        x: 'f',
        y: (s: GridSquare) => s.r - 0.1,
        text: label,
        fill: 'white',
        fontSize: 13,
        lineHeight: 1.25,
      }),
      Plot.rect(frames, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'none', stroke: darkText, strokeWidth: 2, inset: 1 }),
      Plot.text(frames, {
        x: (d: (typeof frames)[number]) => d.x1 + 0.06,
        y: (d: (typeof frames)[number]) => d.y2 - 0.06,
        text: 'name',
        textAnchor: 'start',
        lineAnchor: 'top',
        fill: darkText,
        stroke: 'white',
        strokeWidth: 3,
        paintOrder: 'stroke',
        fontWeight: 600,
        fontSize: 12,
      }),
      Plot.tip(squares, Plot.pointer({ x: 'f', y: 'r', title: (s: GridSquare) => text.tip(s) })),
    ],
  };
}
