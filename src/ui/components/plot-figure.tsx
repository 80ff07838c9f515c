import { memo, useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import { useI18n } from '../i18n/i18n';
import { chartSvg, downloadBlob, pngBlob, svgFileText } from './chart-download';

/** A file name for a chart from its label. */
const chartFileName = (label: string, ext: string) =>
  `${label.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'chart'}.${ext}`;

interface PlotFigureProps {
  options: Plot.PlotOptions;
  label: string;
  /**
   * What `options` are built from (the result, the settings, the formatters): when given, the
   * chart redraws only when one of these changes (by identity), not whenever its page renders
   * and builds a new options object. Drawing is most of a settings change on a page of charts.
   * A setting that is part of the result's request (a grain) may be left out: a new result
   * follows it, and until then the previous result stays drawn as it was computed, not
   * redrawn under the new setting.
   */
  inputs?: readonly unknown[];
}

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

const sameFigure = (before: PlotFigureProps, after: PlotFigureProps) =>
  before.label === after.label &&
  (before.inputs && after.inputs ? sameInputs(before.inputs, after.inputs) : before.options === after.options);

/**
 * Drawing time in one run of the page's code (a commit's effects, up to the next microtask)
 * past which another chart draws in a task of its own.
 */
const drawBudgetMs = 20;
let spentMs = 0;
let spentBy: object | null = null;

/**
 * Runs `draw` now, or, when other charts have already drawn for `drawBudgetMs` in this run
 * (a commit that readies several panels draws each of their charts), in a later task, so that
 * the page answers input between charts (issue 10: four charts in one task took 100–180 ms).
 * A chart's own redraw is never put off behind itself. Returns a cancel for a draw put off.
 */
function drawSoon(owner: object, draw: () => void): () => void {
  if (spentMs >= drawBudgetMs && spentBy !== owner) {
    const later = { cancel: () => {} };
    const timer = setTimeout(() => {
      later.cancel = drawSoon(owner, draw);
    });
    later.cancel = () => clearTimeout(timer);
    return () => later.cancel();
  }
  if (spentMs === 0) {
    queueMicrotask(() => {
      spentMs = 0;
      spentBy = null;
    });
  }
  const start = performance.now();
  draw();
  spentMs += Math.max(performance.now() - start, Number.MIN_VALUE);
  spentBy = owner;
  return () => {};
}

/** Renders Observable Plot options into the page, redrawn when they change or the box resizes. */
export const PlotFigure = memo(function PlotFigure({ options, label }: PlotFigureProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  // The box's width at the last draw: a redraw for new options reuses it rather than reading
  // the width of a page just changed, which would force a layout per chart (several charts
  // redraw in one pass on a settings change); the ResizeObserver keeps it current.
  const drawnWidth = useRef<number | null>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const draw = (boxWidth: number) => {
      drawnWidth.current = boxWidth;
      const figure = Plot.plot({ ...options, width: Math.max(320, Math.floor(boxWidth)) });
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', label);
      // Plot labels its marks' <g> with aria-label, which ARIA prohibits on elements without
      // a role; keep the mark name as data instead (the figure itself carries the label).
      for (const g of figure.querySelectorAll('svg [aria-label]')) {
        g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
        g.removeAttribute('aria-label');
      }
      node.replaceChildren(figure);
    };
    const cancel = drawSoon(node, () => draw(drawnWidth.current ?? node.clientWidth));
    // Called once layout is done (so reading the width costs nothing), first on observing.
    const observer = new ResizeObserver(() => {
      const width = node.clientWidth;
      // Not drawn yet (put off): the draw to come measures the box itself.
      if (drawnWidth.current === null || Math.abs(width - drawnWidth.current) < 8) return;
      draw(width);
    });
    observer.observe(node);
    return () => {
      cancel();
      observer.disconnect();
      node.replaceChildren();
    };
  }, [options, label]);
  const svg = () => (ref.current ? chartSvg(ref.current) : null);
  return (
    <>
      <div className="plot" ref={ref} />
      <p className="chart-downloads" data-export="omit">
        <button
          type="button"
          onClick={() => {
            const chart = svg();
            if (chart) downloadBlob(chartFileName(label, 'svg'), new Blob([svgFileText(chart)], { type: 'image/svg+xml' }));
          }}
        >
          {t('report.downloadSvg')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            const chart = svg();
            if (chart) void pngBlob(chart).then((b) => downloadBlob(chartFileName(label, 'png'), b));
          }}
        >
          {t('report.downloadPng')}
        </button>
      </p>
    </>
  );
}, sameFigure);
