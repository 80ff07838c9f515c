import * as Plot from '@observablehq/plot';
import { chartStyle } from '../../charts/chart-style';
import { gridRegions, type RegionEdge, type RegionLabel } from './grid-regions';
import type { GridSquare, ScoreRange, ScoreValueRanges, SegmentKey } from './rfm-segments';

export interface RfmGridText {
  axisR: string;
  axisF: string;
  share: string;
  formatPercent: (v: number) => string;
  formatNumber: (v: number) => string;
  /** A score's value range as a tick label ("1–17 d"), or null when no customer has it. */
  range: (measure: 'r' | 'f', range: ScoreRange) => string;
  segment: (segment: SegmentKey) => string;
  tip: (square: GridSquare) => string;
}

const darkText = '#0f172a';

/** A tick line's width in px at the charts' 12 px: about 7 per Latin character, 12 per CJK one. */
const tickWidth = (line: string) => [...line].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 12 : 7), 0);

/**
 * The R x F score grid: each square shaded by its share of customers, with the share and
 * the count written in it, and the named segments framed and named over the squares the
 * score map gives them (squares whose segment depends on M are framed apart, unnamed). Most
 * recent at the top, most frequent on the right, so the best customers sit in the top right.
 */
export function rfmGridChart(squares: readonly GridSquare[], ranges: ScoreValueRanges, text: RfmGridText): Plot.PlotOptions {
  const maxShare = Math.max(0.0001, ...squares.map((s) => s.share));
  const light = (s: GridSquare) => s.share > maxShare * 0.55;
  const tick = (measure: 'r' | 'f') => (score: number) => {
    const range = ranges[measure][score - 1];
    return range ? `${score}\n(${text.range(measure, range)})` : String(score);
  };
  // The y ticks carry value ranges ("(111–184 d)"): the margin grows with the longest, so that
  // the axis title beside them does not run into them.
  const longestTick = Math.max(...[1, 2, 3, 4, 5].flatMap((score) => tick('r')(score).split('\n').map(tickWidth)));
  const marginLeft = Math.max(92, Math.ceil(longestTick) + 32);
  const label = (s: GridSquare) => (s.users === 0 ? '–' : `${text.formatPercent(s.share)}\n${text.formatNumber(s.users)}`);
  const regions = gridRegions(squares);
  return {
    style: chartStyle,
    height: 460,
    marginLeft,
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
      labelOffset: marginLeft - 12,
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
      Plot.link(regions.edges, {
        x1: (e: RegionEdge) => e.x1,
        y1: (e: RegionEdge) => e.y1,
        x2: (e: RegionEdge) => e.x2,
        y2: (e: RegionEdge) => e.y2,
        stroke: darkText,
        strokeWidth: 2.5,
        strokeLinecap: 'square',
      }),
      Plot.text(regions.labels, {
        x: (d: RegionLabel) => d.f - 0.5 + 0.06,
        y: (d: RegionLabel) => d.r + 0.5 - 0.06,
        text: (d: RegionLabel) => text.segment(d.segment),
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
