import { sql, type Sql } from '../sql';
import { activeDays } from './active-days';
import { periodEnd, periodStart, type Grain, type WeekStart } from './period';
import { tables } from './tables';

export interface LifecycleSpec {
  grain: Grain;
  weekStart: WeekStart;
  /** Core events that make a user active; empty = any event. */
  coreEvents: readonly string[];
}

/**
 * Lifecycle per period (METRICS.md): new, returning, resurrecting and dormant users, with
 * active and the quick ratio (new + resurrecting) / dormant. c(u) is the creation period
 * from user_created (signup when known, else the first event). A user active in the
 * previous period counts as returning even when i = c(u) (events before the recorded
 * signup), so that active(i) = active(i-1) + new + resurrecting - dormant always holds.
 * Dormant is reported as a positive count; charts draw it below zero.
 */
export function lifecycleQuery(spec: LifecycleSpec): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  return sql`WITH active AS (
  SELECT DISTINCT user_id, ${p(sql`day`)} AS period FROM (${activeDays(spec.coreEvents)})
), marked AS (
  SELECT a.user_id, a.period, ${p(sql`c.created_day`)} AS created,
    lag(a.period) OVER (PARTITION BY a.user_id ORDER BY a.period) AS prev_period,
    lead(a.period) OVER (PARTITION BY a.user_id ORDER BY a.period) AS next_period
  FROM active a JOIN ${tables.userCreated} c USING (user_id)
), bounds AS (
  SELECT ${p(sql`min(day)`)} AS first_period, ${p(sql`max(day)`)} AS last_period, min(day) AS first_day, max(day) AS last_day
  FROM ${tables.activity}
), states AS (
  SELECT period,
    CASE
      WHEN prev_period = ${p(sql`period - 1`)} THEN 'returning'
      WHEN period = created THEN 'new'
      ELSE 'resurrecting'
    END AS state
  FROM marked
  UNION ALL
  SELECT ${periodEnd(sql`period`, spec.grain)} + 1 AS period, 'dormant' AS state
  FROM marked, bounds
  WHERE (next_period IS NULL OR next_period <> ${periodEnd(sql`period`, spec.grain)} + 1)
    AND period < bounds.last_period
), calendar AS (
  SELECT DISTINCT ${p(sql`CAST(d AS DATE)`)} AS period
  FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
), counts AS (
  SELECT period,
    count(*) FILTER (WHERE state = 'new') AS new,
    count(*) FILTER (WHERE state = 'returning') AS returning,
    count(*) FILTER (WHERE state = 'resurrecting') AS resurrecting,
    count(*) FILTER (WHERE state = 'dormant') AS dormant
  FROM states GROUP BY period
)
SELECT c.period,
  coalesce(n.new, 0) AS new,
  coalesce(n.returning, 0) AS returning,
  coalesce(n.resurrecting, 0) AS resurrecting,
  coalesce(n.dormant, 0) AS dormant,
  coalesce(n.new, 0) + coalesce(n.returning, 0) + coalesce(n.resurrecting, 0) AS active,
  CASE WHEN coalesce(n.dormant, 0) > 0 THEN (coalesce(n.new, 0) + coalesce(n.resurrecting, 0)) / n.dormant END AS quick_ratio,
  c.period >= b.first_day AND ${periodEnd(sql`c.period`, spec.grain)} <= b.last_day AS complete
FROM calendar c CROSS JOIN bounds b LEFT JOIN counts n ON n.period = c.period
ORDER BY c.period`;
}
