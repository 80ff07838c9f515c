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
  const t = Math.max(0, Math.min(1, rate));
  const lightness = 97 - t * 55;
  return `hsl(217 85% ${lightness.toFixed(1)}%)`;
}
