import { sql, type Sql } from '../sql';

export type Grain = 'day' | 'week' | 'month';
export type WeekStart = 'monday' | 'sunday';

export const grains: readonly Grain[] = ['day', 'week', 'month'];

/** SQL for the first day (DATE) of the calendar period containing a local DATE expression. */
export function periodStart(day: Sql, grain: Grain, weekStart: WeekStart): Sql {
  switch (grain) {
    case 'day':
      return day;
    case 'week':
      // date_trunc('week') is ISO (Monday); shift by a day for Sunday-start weeks.
      return weekStart === 'monday'
        ? sql`CAST(date_trunc('week', ${day}) AS DATE)`
        : sql`(CAST(date_trunc('week', ${day} + 1) AS DATE) - 1)`;
    case 'month':
      return sql`CAST(date_trunc('month', ${day}) AS DATE)`;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

/** SQL for the last day (DATE) of the period that starts at a period-start expression. */
export function periodEnd(start: Sql, grain: Grain): Sql {
  switch (grain) {
    case 'day':
      return start;
    case 'week':
      return sql`(${start} + 6)`;
    case 'month':
      return sql`CAST(${start} + INTERVAL 1 MONTH AS DATE) - 1`;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

/** The first day of the period after the one starting at `startMs` (epoch ms of a UTC midnight, as results hold days). */
export function nextPeriodStartMs(startMs: number, grain: Grain): number {
  const dayMs = 86_400_000;
  switch (grain) {
    case 'day':
      return startMs + dayMs;
    case 'week':
      return startMs + 7 * dayMs;
    case 'month': {
      const d = new Date(startMs);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}
