import type { Grain, WeekStart } from '../schema/period';
import type { Row } from '../schema/row';
import type { RangeColumn } from './contract';

const dayMs = 86_400_000;

/** The first day (epoch ms) of the period that contains a local day (YYYY-MM-DD). */
export function periodStartOf(day: string, grain: Grain, weekStart: WeekStart): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (grain === 'day') return ms;
  if (grain === 'month') return Date.parse(`${day.slice(0, 7)}-01T00:00:00Z`);
  const weekday = new Date(ms).getUTCDay(); // 0 = Sunday
  const back = weekStart === 'monday' ? (weekday + 6) % 7 : weekday;
  return ms - back * dayMs;
}

/**
 * The rows of a result on or after a date range's start (`from`, YYYY-MM-DD), by the
 * analysis's range column. For periods (the spec's `grain`), the one that contains the start
 * is kept whole. Rows without a value in the column are kept.
 */
export function rowsInRange(rows: readonly Row[], range: RangeColumn, from: string, spec: unknown): Row[] {
  const { grain, weekStart } = (spec ?? {}) as { grain?: Grain; weekStart?: WeekStart };
  const start = range.periods && grain ? periodStartOf(from, grain, weekStart ?? 'monday') : Date.parse(`${from}T00:00:00Z`);
  return rows.filter((r) => {
    const v = r[range.column];
    return v === null || v === undefined || Number(v) >= start;
  });
}
