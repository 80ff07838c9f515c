import { sql, type Sql } from '../../sql';
import { activeDays } from '../../schema/active-days';
import { periodEnd, periodStart, type Grain, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';

export interface LifecycleSpec {
  grain: Grain;
  weekStart: WeekStart;
  /** Core events that make a user active; empty = any event. */
  coreEvents: readonly string[];
}

/** The four states of a lifecycle period, in the order they are drawn. */
export const lifecycleStates = ['new', 'returning', 'resurrecting', 'dormant'] as const;
export type LifecycleState = (typeof lifecycleStates)[number];

/** One bar of the lifecycle chart: a period (its first day) and a state. */
export interface LifecycleBar {
  period: string;
  state: LifecycleState;
}

/**
 * Lifecycle per period (METRICS.md): new, returning, resurrecting and dormant users, with
 * active and the quick ratio (new + resurrecting) / dormant. c(u) is the creation period
 * from user_created (signup when known, else the first event). A user active in the
 * previous period counts as returning even when i = c(u) (events before the recorded
 * signup), so that active(i) = active(i-1) + new + resurrecting - dormant always holds;
 * dormant is computed from that identity as active(i-1) - returning(i), which is exactly
 * the users active in i-1 and not in i. Dormant is a positive count; charts draw it below zero.
 */
export function lifecycleQuery(spec: LifecycleSpec): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  return sql`WITH ${userStates(spec)}, bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), calendar AS (
  SELECT DISTINCT ${p(sql`CAST(d AS DATE)`)} AS period
  FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
), counts AS (
  SELECT period,
    count(*) FILTER (WHERE state = 'new') AS new,
    count(*) FILTER (WHERE state = 'returning') AS returning,
    count(*) FILTER (WHERE state = 'resurrecting') AS resurrecting
  FROM states GROUP BY period
), series AS (
  SELECT c.period,
    coalesce(n.new, 0) AS new,
    coalesce(n.returning, 0) AS returning,
    coalesce(n.resurrecting, 0) AS resurrecting,
    coalesce(n.new, 0) + coalesce(n.returning, 0) + coalesce(n.resurrecting, 0) AS active
  FROM calendar c LEFT JOIN counts n ON n.period = c.period
), with_dormant AS (
  SELECT *, coalesce(lag(active) OVER (ORDER BY period), 0) - "returning" AS dormant FROM series
)
SELECT s.period, s.new, s."returning", s.resurrecting, s.dormant, s.active,
  CASE WHEN s.dormant > 0 THEN (s.new + s.resurrecting) / s.dormant END AS quick_ratio,
  s.period >= b.first_day AND ${periodEnd(sql`s.period`, spec.grain)} <= b.last_day AS complete
FROM with_dormant s CROSS JOIN bounds b
ORDER BY s.period`;
}

/**
 * The user ids behind one bar: those in the state in the period. Dormant users are those
 * active in the previous period and not in this one, which is the count's active(i-1) -
 * returning(i). The period is returned too, so a date range's start applies as to the counts.
 */
export function lifecycleUsersQuery(spec: LifecycleSpec, bar: LifecycleBar): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bar.period)) throw new Error(`not an ISO date: ${bar.period}`);
  const period = p(sql`CAST(${bar.period} AS DATE)`);
  const users =
    bar.state === 'dormant'
      ? sql`SELECT user_id FROM states WHERE period = ${p(sql`${period} - 1`)}
  EXCEPT
  SELECT user_id FROM states WHERE period = ${period}`
      : sql`SELECT user_id FROM states WHERE period = ${period} AND state = ${bar.state}`;
  return sql`WITH ${userStates(spec)}, bar_users AS (
  ${users}
)
SELECT user_id, ${period} AS period FROM bar_users
ORDER BY user_id`;
}

/**
 * starts: one row per user and active period with the previous active period; states: the
 * user's state in each active period (new, returning or resurrecting). Counts and the users
 * behind a bar both read these, so a bar's list is as long as its number.
 */
function userStates(spec: LifecycleSpec): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  return sql`starts AS (
  ${userPeriods(spec)}
), states AS (
  SELECT s.user_id, s.period,
    CASE
      WHEN s.prev_period = ${p(sql`s.period - 1`)} THEN 'returning'
      WHEN s.period = ${p(sql`c.created_day`)} THEN 'new'
      ELSE 'resurrecting'
    END AS state
  FROM starts s JOIN ${tables.userCreated} c USING (user_id)
)`;
}

/**
 * One row per user and period in which the user was active, with the user's previous
 * active period. With any event counting, activity.prev_day gives this without a window:
 * a user's first active day in a period is the row whose previous active day lies before it.
 */
function userPeriods(spec: LifecycleSpec): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  if (spec.coreEvents.length === 0) {
    return sql`SELECT user_id, ${p(sql`day`)} AS period, ${p(sql`prev_day`)} AS prev_period
  FROM ${tables.activity}
  WHERE prev_day IS NULL OR prev_day < ${p(sql`day`)}`;
  }
  return sql`SELECT user_id, period, lag(period) OVER (PARTITION BY user_id ORDER BY period) AS prev_period
  FROM (SELECT DISTINCT user_id, ${p(sql`day`)} AS period FROM (${activeDays(spec.coreEvents)}))`;
}
