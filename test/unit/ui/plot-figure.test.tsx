import { render } from '@testing-library/react';
import * as Plot from '@observablehq/plot';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlotFigure } from '../../../src/ui/components/plot-figure';
import { I18nProvider } from '../../../src/ui/i18n/i18n';

beforeAll(() => {
  // jsdom has no ResizeObserver; the figure only needs one to exist.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

/** A bar chart of the rows, built anew on each call as a page builds it on each render. */
const barsOf = (rows: readonly { x: string; y: number }[]): Plot.PlotOptions => ({
  marks: [Plot.barY(rows, { x: 'x', y: 'y' })],
});

function figureOf(container: HTMLElement): Element {
  const figure = container.querySelector('.plot')?.firstElementChild;
  if (!figure) throw new Error('no chart drawn');
  return figure;
}

/** Issue 13's speed: a page renders on every setting and answer; a chart redraws only for its own. */
describe('PlotFigure', () => {
  const result = [
    { x: 'a', y: 1 },
    { x: 'b', y: 3 },
  ];

  it('keeps its drawing while its inputs are the same, though the options are rebuilt', () => {
    const view = render(
      <I18nProvider>
        <PlotFigure label="chart" options={barsOf(result)} inputs={[result, 'day']} />
      </I18nProvider>,
    );
    const first = figureOf(view.container);
    expect(first.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
    view.rerender(
      <I18nProvider>
        <PlotFigure label="chart" options={barsOf(result)} inputs={[result, 'day']} />
      </I18nProvider>,
    );
    expect(figureOf(view.container)).toBe(first);
    expect(first.isConnected).toBe(true);
  });

  it('redraws when one of its inputs changes', () => {
    const view = render(
      <I18nProvider>
        <PlotFigure label="chart" options={barsOf(result)} inputs={[result]} />
      </I18nProvider>,
    );
    const first = figureOf(view.container);
    const next = [...result, { x: 'c', y: 2 }];
    view.rerender(
      <I18nProvider>
        <PlotFigure label="chart" options={barsOf(next)} inputs={[next]} />
      </I18nProvider>,
    );
    const second = figureOf(view.container);
    expect(second).not.toBe(first);
    // The new drawing is of the new rows: one more bar, with the new value's label.
    expect(second.querySelectorAll('[data-mark="bar"] rect').length).toBe(3);
    expect(second.textContent).toContain('c');
  });

  it('without inputs, redraws whenever it is given new options', () => {
    const view = render(
      <I18nProvider>
        <PlotFigure label="chart" options={barsOf(result)} />
      </I18nProvider>,
    );
    const first = figureOf(view.container);
    view.rerender(
      <I18nProvider>
        <PlotFigure label="chart" options={barsOf(result)} />
      </I18nProvider>,
    );
    expect(figureOf(view.container)).not.toBe(first);
  });
});
