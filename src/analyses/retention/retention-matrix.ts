import type { Cell, Row } from '../../schema/row';

export interface RetentionCell {
  retained: number;
  rate: number | null;
  complete: boolean;
}

export interface CohortRow {
  cohort: number;
  breakdown: Cell;
  size: number;
  cells: (RetentionCell | null)[];
}

export interface RetentionMatrix {
  periods: number[];
  cohorts: CohortRow[];
}

/** Pivots long retention rows (cohort, breakdown, period_n, ...) into one row per cohort. */
export function toRetentionMatrix(rows: readonly Row[]): RetentionMatrix {
  const periods = [...new Set(rows.map((r) => Number(r.period_n)))].sort((a, b) => a - b);
  const index = new Map(periods.map((p, i) => [p, i]));
  const byCohort = new Map<string, CohortRow>();
  for (const r of rows) {
    const key = `${String(r.breakdown ?? '')}\u0000${String(r.cohort)}`;
    let row = byCohort.get(key);
    if (!row) {
      row = {
        cohort: Number(r.cohort),
        breakdown: r.breakdown ?? null,
        size: Number(r.cohort_size),
        cells: periods.map(() => null),
      };
      byCohort.set(key, row);
    }
    const i = index.get(Number(r.period_n));
    // No retained count: the cell's period begins after the data ends, so it has no value.
    if (i !== undefined && r.retained !== null && r.retained !== undefined) {
      row.cells[i] = {
        retained: Number(r.retained),
        rate: r.rate === null ? null : Number(r.rate),
        complete: r.complete === true,
      };
    }
  }
  const cohorts = [...byCohort.values()].sort(
    (a, b) => String(a.breakdown ?? '').localeCompare(String(b.breakdown ?? '')) || a.cohort - b.cohort,
  );
  return { periods, cohorts };
}

/** A light-to-dark blue for a rate in [0, 1], readable with dark text up to about 55%. */
export function heatColor(rate: number): string {
  const [h, s, l] = heatHsl(rate);
  return `hsl(${h} ${s}% ${l.toFixed(1)}%)`;
}

function heatHsl(rate: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, rate));
  return [217, 85, 97 - t * 55];
}

/** WCAG relative luminance of an HSL colour (hue in degrees, saturation and lightness in %). */
function luminance(h: number, s: number, l: number): number {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(8) + 0.0722 * channel(4);
}

/**
 * The text colour on a heat cell: black or white, whichever contrasts more. Between them one
 * of the two always reaches 4.58:1 (WCAG AA asks 4.5), which a fixed switch at a rate did not
 * (issue 13, bug 10: cells between 55% and 65% failed).
 */
export function heatTextColor(rate: number): string {
  const y = luminance(...heatHsl(rate));
  return (y + 0.05) / 0.05 >= 1.05 / (y + 0.05) ? '#000' : '#fff';
}
