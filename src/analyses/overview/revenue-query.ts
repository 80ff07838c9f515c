import { sql, type Sql } from '../../sql';
import { periodEnd, periodStart, type Grain, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';

export interface RevenueSpec {
  grain: Grain;
  weekStart: WeekStart;
}

/**
 * Revenue (sum of amount), paying users (distinct users with a positive amount in the
 * period), orders (events with an amount) and ARPPU per period.
 */
export function revenueQuery(spec: RevenueSpec): Sql {
  const period = periodStart(sql`day`, spec.grain, spec.weekStart);
  return sql`WITH bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), per_period AS (
  SELECT ${period} AS period,
    sum(amount) AS revenue,
    count(DISTINCT user_id) FILTER (WHERE amount > 0) AS paying_users,
    sum(amount_n) AS orders
  FROM ${tables.userDayEvent}
  WHERE amount_n > 0
  GROUP BY ALL
)
SELECT p.period, p.revenue, p.paying_users, CAST(p.orders AS BIGINT) AS orders,
  CASE WHEN p.paying_users > 0 THEN p.revenue / p.paying_users END AS arppu,
  p.period >= b.first_day AND ${periodEnd(sql`p.period`, spec.grain)} <= b.last_day AS complete
FROM per_period p, bounds b
ORDER BY p.period`;
}
