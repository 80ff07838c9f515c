// The Overview's DAU/MAU chart was blank, with no word, on a dataset shorter than the MAU window.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stickinessRatioChart } from '../../../src/charts/dau-mau-chart';
import { StickinessRatioFigure } from '../../../src/ui/components/stickiness-ratio-figure';
import { I18nProvider } from '../../../src/ui/i18n/i18n';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const text = { x: 'day', y: 'DAU/MAU', formatDay: String, formatNumber: String, formatPercent: String };

/** `days` consecutive days from the data's first, as the active-users query gives them for a `w`-day window. */
const rowsOf = (days: number, w: number) =>
  Array.from({ length: days }, (_, d) => ({
    day: Date.UTC(2024, 1, 1 + d),
    dau: 10,
    mau: 40,
    dau_mau: 0.25,
    mau_complete: d >= w - 1,
  }));

function shown(days: number, w: number, lang: 'zh' | 'en', windowChoice = true) {
  history.replaceState(null, '', `/?lang=${lang}`);
  const rows = rowsOf(days, w);
  const view = render(
    <I18nProvider>
      <StickinessRatioFigure
        rows={rows}
        mauWindow={w}
        windowChoice={windowChoice}
        label="DAU/MAU"
        options={stickinessRatioChart(rows, text)}
      />
    </I18nProvider>,
  );
  return {
    note: screen.queryByTestId('ratio-needs-window')?.textContent ?? null,
    starts: screen.queryByTestId('ratio-starts')?.textContent ?? null,
    drawn: view.container.querySelector('svg') !== null,
  };
}

describe('the DAU/MAU chart on data shorter than its window', () => {
  afterEach(cleanup);

  it('says why there is nothing to draw, and points to the 28-day window when 28 days of data fill it', () => {
    const month = shown(28, 30, 'en');
    expect(month.drawn).toBe(false);
    expect(month.note).toContain('30-day MAU window');
    expect(month.note).toContain('Choose the 28-day window');
    cleanup();
    // 28 days fill a 28-day window on the last day: the chart is drawn.
    const shorter = shown(28, 28, 'en');
    expect(shorter.note).toBeNull();
    expect(shorter.drawn).toBe(true);
  });

  it('does not point to the 28-day window when it would be empty too, or where the page has no window choice', () => {
    expect(shown(20, 30, 'zh').note).not.toContain('28');
    cleanup();
    expect(shown(29, 30, 'en', false).note).not.toContain('Choose');
  });

  it('says on which day the line starts when the days before it have no whole window', () => {
    // 40 days from 2024-02-01: the 30-day window is first whole on day 30, 2024-03-01.
    const longer = shown(40, 30, 'en');
    expect(longer.drawn).toBe(true);
    expect(longer.starts).toBe('DAU/MAU starts on 03/01/2024, the first day whose whole 30-day MAU window lies in the data.');
    cleanup();
    expect(shown(28, 28, 'zh').starts).toContain('2024/02/28');
  });
});
