import { ident, join, raw, sql, type Sql } from '../../sql';
import { periodEnd, periodStart, type Grain, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';

export type RetentionMeasure = 'on' | 'on-or-after' | 'bracket';

export interface RetentionSpec {
  /** Start event S; null = any event. */
  startEvent: string | null;
  /** Return event R; null = any event. */
  returnEvent: string | null;
  cohortType: 'first-time' | 'recurring';
  /** Cohorts by the first S, or by the users file's signup time. */
  cohortBy: 'first-event' | 'signup';
  grain: Grain;
  weekStart: WeekStart;
  /** Whole calendar periods between buckets, or floor(elapsed / length) from the start instant. */
  periodMode: 'calendar' | 'rolling';
  measure: RetentionMeasure;
  /** Periods N = 0..periods ('on', 'on-or-after'). */
  periods: number;
  /** For 'bracket': each [n, m] is one column, "an R in some period p+n..p+m". */
  brackets: readonly (readonly [number, number])[];
  /** A column to break cohorts down by; null = none. See `breakdownFrom`. */
  breakdown: string | null;
  /**
   * Where the breakdown column is: the users file (default), or the events (an event column
   * attributed to each user by the value on their first or last event).
   */
  breakdownFrom?: BreakdownFrom;
}

export type BreakdownFrom = 'user' | 'first-touch' | 'last-touch';

/** Breakdown values beyond this many (by users) are one "(other)" group. */
export const BREAKDOWN_TOP = 10;

/**
 * Each user's breakdown value, as `breakdown_of(user_id, breakdown)`: the users file's column,
 * or an event column's value on the user's first or last event (ties by the value); the
 * values with most users are kept, the rest are "(other)", a user without one "(none)".
 */
function breakdownOf(spec: RetentionSpec): Sql {
  const column = sql`CAST(${ident(spec.breakdown ?? '')} AS VARCHAR)`;
  const from = spec.breakdownFrom ?? 'user';
  const source =
    from === 'user'
      ? sql`SELECT user_id, ${column} AS v FROM ${tables.users}`
      : sql`SELECT user_id, first(${column} ORDER BY ts ${raw(from === 'first-touch' ? 'ASC' : 'DESC')}, ${column}) AS v
  FROM ${tables.events} GROUP BY user_id`;
  return sql`breakdown_source AS (
  ${source}
), breakdown_rank AS (
  SELECT coalesce(v, '(none)') AS v, row_number() OVER (ORDER BY count(*) DESC, coalesce(v, '(none)')) AS r
  FROM breakdown_source GROUP BY 1
), breakdown_of AS (
  SELECT s.user_id, CASE WHEN k.r <= ${BREAKDOWN_TOP} OR k.v = '(none)' THEN k.v ELSE '(other)' END AS breakdown
  FROM breakdown_source s JOIN breakdown_rank k ON k.v = coalesce(s.v, '(none)')
)`;
}

const rollingDays: Record<Grain, number> = { day: 1, week: 7, month: 30 };

/** The period start N periods after a period start (calendar periods). */
function shiftPeriods(start: Sql, n: Sql, grain: Grain): Sql {
  switch (grain) {
    case 'day':
      return sql`(${start} + CAST(${n} AS INTEGER))`;
    case 'week':
      return sql`(${start} + 7 * CAST(${n} AS INTEGER))`;
    case 'month':
      return sql`CAST(${start} + to_months(CAST(${n} AS INTEGER)) AS DATE)`;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

/** Whole periods from one period start to another. */
function periodsBetween(from: Sql, to: Sql, grain: Grain): Sql {
  switch (grain) {
    case 'day':
      return sql`(${to} - ${from})`;
    case 'week':
      return sql`((${to} - ${from}) // 7)`;
    case 'month':
      return sql`date_diff('month', ${from}, ${to})`;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

function eventFilter(event: string | null): Sql {
  return event === null ? raw('TRUE') : sql`event = ${event}`;
}

function lastMeasuredPeriod(spec: RetentionSpec): number {
  if (spec.measure === 'bracket') return Math.max(0, ...spec.brackets.map(([n, m]) => Math.floor(Math.max(n, m))));
  return Math.max(0, Math.floor(spec.periods));
}

/** The most asked case: first-time cohorts, any event in, any event back, calendar periods. */
function isPlainCalendarRetention(spec: RetentionSpec): boolean {
  return (
    spec.startEvent === null &&
    spec.returnEvent === null &&
    spec.cohortBy === 'first-event' &&
    spec.cohortType === 'first-time' &&
    spec.periodMode === 'calendar'
  );
}

/**
 * The same members and hits as retentionBase for the plain case, from activity alone: a
 * user's cohort is the period of activity.first_day, members are the rows without a
 * previous active day, and each user-period once is the row whose previous active day lies
 * before the period. No aggregation.
 */
function plainCalendarBase(spec: RetentionSpec): Sql {
  const cohortOf = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  const cohort = cohortOf(sql`a.first_day`);
  const withBreakdown = spec.breakdown !== null;
  const breakdown = withBreakdown ? raw(`coalesce(b.breakdown, '(none)')`) : raw('CAST(NULL AS VARCHAR)');
  const users = withBreakdown ? raw('LEFT JOIN breakdown_of b ON b.user_id = a.user_id') : raw('');
  const lead = withBreakdown ? sql`${breakdownOf(spec)}, ` : raw('');
  const members = sql`members AS (
  SELECT a.user_id, ${cohort} AS cohort, ${breakdown} AS breakdown
  FROM ${tables.activity} a ${users}
  WHERE a.prev_day IS NULL
)`;
  if (spec.grain === 'day') {
    return sql`${lead}${members}, hits AS (
  SELECT a.user_id, ${cohort} AS cohort, ${breakdown} AS breakdown,
    ${periodsBetween(cohort, cohortOf(sql`a.day`), spec.grain)} AS n
  FROM ${tables.activity} a ${users}
  WHERE a.prev_day IS NULL OR a.prev_day < ${cohortOf(sql`a.day`)}
)`;
  }
  // Weeks and months: each day's period and period number are looked up in a table of the
  // data's days rather than computed on every row (date_trunc and date_diff on each of millions
  // of rows, repeated where the planner pushes filters on n down: issue 13).
  return sql`${lead}${members}, period_days AS (
  SELECT day, ${cohortOf(sql`day`)} AS period, ${periodsBetween(cohortOf(sql`span_first`), cohortOf(sql`day`), spec.grain)} AS i
  FROM (
    SELECT span_first, CAST(unnest(generate_series(span_first, span_last, INTERVAL 1 DAY)) AS DATE) AS day
    FROM (SELECT min(first_day) AS span_first, max(day) AS span_last FROM ${tables.activity})
  )
), hits AS (
  SELECT a.user_id, f.period AS cohort, ${breakdown} AS breakdown, d.i - f.i AS n
  FROM ${tables.activity} a
  JOIN period_days f ON f.day = a.first_day
  JOIN period_days d ON d.day = a.day ${users}
  WHERE a.prev_day IS NULL OR a.prev_day < d.period
)`;
}

/** The columns (period_n, low, high) a spec measures: one per N, or one per bracket. */
function measuredColumns(spec: RetentionSpec): Sql {
  if (spec.measure === 'bracket') {
    const rows = spec.brackets.map(
      ([n, m], i) => sql`(${i}, ${Math.max(0, Math.floor(n))}, ${Math.max(Math.floor(n), Math.floor(m))})`,
    );
    return sql`SELECT * FROM (VALUES ${join(rows)}) AS c(period_n, low, high)`;
  }
  const last = lastMeasuredPeriod(spec);
  return sql`SELECT range AS period_n, range AS low, range AS high FROM range(0, ${last + 1})`;
}

/**
 * The shared part of retention: cohort members (user, cohort, start instant, breakdown) and
 * their hits (user, cohort, n) = the periods after the start in which they did R.
 */
function retentionBase(spec: RetentionSpec): Sql {
  const cohortOf = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  if (isPlainCalendarRetention(spec)) return plainCalendarBase(spec);
  const starts =
    spec.cohortBy === 'signup'
      ? sql`SELECT u.user_id, c.created_day AS start_day, u.created_at AS start_ts
    FROM ${tables.users} u JOIN ${tables.userCreated} c USING (user_id)
    WHERE u.created_at IS NOT NULL`
      : spec.cohortType === 'first-time'
        ? sql`SELECT user_id, min(day) AS start_day, min(first_ts) AS start_ts
    FROM ${tables.userDayEvent} WHERE ${eventFilter(spec.startEvent)} GROUP BY user_id`
        : sql`SELECT user_id, min(day) AS start_day, min(first_ts) AS start_ts
    FROM ${tables.userDayEvent} WHERE ${eventFilter(spec.startEvent)}
    GROUP BY user_id, ${cohortOf(sql`day`)}`;
  const withBreakdown = spec.breakdown !== null;
  const breakdown = withBreakdown ? raw(`coalesce(b.breakdown, '(none)')`) : raw('CAST(NULL AS VARCHAR)');
  const lead = withBreakdown ? sql`${breakdownOf(spec)}, ` : raw('');
  const sameEvent = spec.startEvent === spec.returnEvent && spec.cohortBy === 'first-event';
  const returns =
    spec.returnEvent === null
      ? sql`SELECT user_id, day, min(first_ts) AS first_ts, max(last_ts) AS last_ts FROM ${tables.userDayEvent} GROUP BY user_id, day`
      : sql`SELECT user_id, day, first_ts, last_ts FROM ${tables.userDayEvent} WHERE ${eventFilter(spec.returnEvent)}`;
  // A return counts from the start on: the same day is fine when S = R (period 0 is 100%),
  // otherwise only an R at or after the start instant counts.
  let atOrAfterStart = sameEvent ? sql`r.day >= m.start_day` : sql`r.day >= m.start_day AND r.last_ts >= m.start_ts`;
  // Returns past the last measured period cannot change a bounded measure: skip them early.
  if (spec.measure !== 'on-or-after') {
    const maxHigh = lastMeasuredPeriod(spec);
    const horizon =
      spec.periodMode === 'calendar'
        ? periodEnd(shiftPeriods(sql`m.cohort`, raw(String(maxHigh)), spec.grain), spec.grain)
        : sql`(m.start_day + ${rollingDays[spec.grain] * (maxHigh + 1)})`;
    atOrAfterStart = sql`${atOrAfterStart} AND r.day <= ${horizon}`;
  }
  const hits =
    spec.periodMode === 'calendar'
      ? sql`SELECT DISTINCT m.user_id, m.cohort, m.breakdown, ${periodsBetween(sql`m.cohort`, cohortOf(sql`r.day`), spec.grain)} AS n
    FROM members m JOIN returns r ON r.user_id = m.user_id AND ${atOrAfterStart}`
      : sql`SELECT DISTINCT m.user_id, m.cohort, m.breakdown, unnest([
      floor(epoch(greatest(r.first_ts, m.start_ts) - m.start_ts) / ${rollingDays[spec.grain] * 86400}),
      floor(epoch(r.last_ts - m.start_ts) / ${rollingDays[spec.grain] * 86400})
    ]) AS n
    FROM members m JOIN returns r ON r.user_id = m.user_id AND ${atOrAfterStart}`;
  return sql`${lead}starts AS (
  ${starts}
), members AS (
  SELECT s.user_id, ${cohortOf(sql`s.start_day`)} AS cohort, s.start_day, s.start_ts, ${breakdown} AS breakdown
  FROM starts s${withBreakdown ? raw(' LEFT JOIN breakdown_of b ON b.user_id = s.user_id') : raw('')}
), returns AS (
  ${returns}
), hits AS (
  ${hits}
)`;
}

/**
 * Cohort retention (METRICS.md, Cohort retention): one row per cohort, breakdown value and
 * measured period, with cohort_size, retained, rate and complete (false when the period
 * p+N is not wholly inside the data, so the cell is marked and kept out of averages).
 * retained and rate are NULL, no value, when the cell begins after the data's last day.
 * 'on' counts an R in period N; 'on-or-after' in any period >= N; a bracket [n, m] in
 * any of p+n..p+m. Rolling periods are floor(elapsed / 24 h, 7 d or 30 d) from the start.
 */
export function retentionQuery(spec: RetentionSpec): Sql {
  const len = rollingDays[spec.grain];
  const cellStart =
    spec.periodMode === 'calendar'
      ? shiftPeriods(sql`c.cohort`, sql`k.low`, spec.grain)
      : sql`(c.cohort + ${len} * CAST(k.low AS INTEGER))`;
  const cellEnd =
    spec.periodMode === 'calendar'
      ? periodEnd(shiftPeriods(sql`c.cohort`, sql`k.high`, spec.grain), spec.grain)
      : sql`(${periodEnd(sql`c.cohort`, spec.grain)} + ${len} * CAST(k.high + 1 AS INTEGER) - 1)`;
  const reached = spec.measure === 'on-or-after' ? sql`h.n >= k.low` : sql`h.n BETWEEN k.low AND k.high`;
  // Plain hits are one row per user and period, so "on" (one n per column) needs no DISTINCT.
  const retainedCount =
    isPlainCalendarRetention(spec) && spec.measure === 'on' ? raw('count(*)') : raw('count(DISTINCT h.user_id)');
  const plain = isPlainCalendarRetention(spec);
  // Plain hits hold each member exactly once at n = 0 (the first active day), so the cohort
  // sizes come from the same scan; "on" columns are n itself, so no join is needed.
  const cohorts = plain
    ? sql`SELECT cohort, breakdown, count(*) AS cohort_size FROM hits WHERE n = 0 GROUP BY ALL`
    : sql`SELECT cohort, breakdown, count(*) AS cohort_size FROM members GROUP BY ALL`;
  const retained =
    spec.measure === 'on'
      ? sql`SELECT h.cohort, h.breakdown, h.n AS period_n, ${retainedCount} AS retained
  FROM hits h WHERE h.n BETWEEN 0 AND ${lastMeasuredPeriod(spec)}
  GROUP BY ALL`
      : sql`SELECT h.cohort, h.breakdown, k.period_n, ${retainedCount} AS retained
  FROM hits h JOIN columns k ON ${reached}
  GROUP BY ALL`;
  return sql`WITH ${retentionBase(spec)}, bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), columns AS (
  ${measuredColumns(spec)}
), cohorts AS (
  ${cohorts}
), retained AS (
  ${retained}
)
SELECT c.cohort, c.breakdown, c.cohort_size, CAST(k.period_n AS INTEGER) AS period_n,
  CASE WHEN ${cellStart} <= b.last_day THEN coalesce(r.retained, 0) END AS retained,
  CASE WHEN ${cellStart} <= b.last_day THEN coalesce(r.retained, 0) / c.cohort_size END AS rate,
  ${cellStart} >= b.first_day AND ${cellEnd} <= b.last_day AS complete
FROM cohorts c CROSS JOIN columns k CROSS JOIN bounds b
LEFT JOIN retained r ON r.cohort = c.cohort AND r.breakdown IS NOT DISTINCT FROM c.breakdown AND r.period_n = k.period_n
ORDER BY c.breakdown NULLS FIRST, c.cohort, k.period_n`;
}

/**
 * The user ids behind one retention cell (cohort, breakdown value, measured column), with the
 * cohort, so that a date range's start applies as it does to the table (it drops cohorts, never
 * the activity before them).
 */
export function retentionUsersQuery(
  spec: RetentionSpec,
  cell: { cohort: string; breakdown: string | null; periodN: number },
): Sql {
  const reached = spec.measure === 'on-or-after' ? sql`h.n >= k.low` : sql`h.n BETWEEN k.low AND k.high`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cell.cohort)) throw new Error(`not an ISO date: ${cell.cohort}`);
  return sql`WITH ${retentionBase(spec)}, columns AS (
  ${measuredColumns(spec)}
)
SELECT DISTINCT h.user_id, h.cohort
FROM hits h JOIN columns k ON ${reached}
WHERE h.cohort = CAST(${cell.cohort} AS DATE) AND h.breakdown IS NOT DISTINCT FROM ${cell.breakdown} AND k.period_n = ${Math.floor(cell.periodN)}
ORDER BY h.user_id`;
}
