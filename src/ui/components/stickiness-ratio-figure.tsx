import type * as Plot from '@observablehq/plot';
import { stickinessRatioPoints } from '../../charts/dau-mau-chart';
import type { Row } from '../../engine/to-rows';
import { PlotFigure } from './plot-figure';
import { useI18n } from '../i18n/i18n';

/** The shortest MAU window (METRICS.md offers 28 and 30 days). */
const shortestWindow = 28;

/**
 * The DAU/MAU chart, with a line on where it starts when that is after the first day shown; or,
 * when no day has a whole MAU window in the data (a dataset shorter than the window), a line that
 * says so: an empty chart would read as a broken one.
 */
export function StickinessRatioFigure({
  rows,
  mauWindow,
  label,
  options,
  inputs,
  windowChoice = false,
}: {
  rows: readonly Row[];
  mauWindow: number;
  label: string;
  options: Plot.PlotOptions;
  inputs?: readonly unknown[];
  /** Whether the page offers the MAU window (the Overview does), so the line can point to it. */
  windowChoice?: boolean;
}) {
  const { t, formatDay } = useI18n();
  const [first] = stickinessRatioPoints(rows);
  if (first) {
    // The days before the first whole window are left empty: say why.
    const startsLater = rows.length > 0 && first.day > Number(rows[0]!.day);
    return (
      <>
        <PlotFigure label={label} options={options} inputs={inputs} />
        {startsLater ? (
          <p className="muted" data-testid="ratio-starts">
            {t('active.ratioFrom', { date: formatDay(first.day), w: mauWindow })}
          </p>
        ) : null}
      </>
    );
  }
  // Rows are consecutive days from the data's start or later: 28 of them end a 28-day window.
  const shorterFits = windowChoice && mauWindow > shortestWindow && rows.length >= shortestWindow;
  return (
    <p className="muted" data-testid="ratio-needs-window">
      {t('active.ratioNeedsWindow', { w: mauWindow })}
      {shorterFits ? t('active.ratioTryShorter', { w: shortestWindow }) : ''}
    </p>
  );
}
