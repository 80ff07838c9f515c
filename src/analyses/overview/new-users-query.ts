import { sql, type Sql } from '../../sql';
import { periodEnd, periodStart, type Grain, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';

export interface NewUsersSpec {
  grain: Grain;
  weekStart: WeekStart;
}

/**
 * New users per period by creation day c(u): the users file's signup time when present,
 * else the first-ever event (METRICS.md, Lifecycle). `complete` is false for a period that
 * extends past either end of the data.
 */
export function newUsersQuery(spec: NewUsersSpec): Sql {
  const period = periodStart(sql`created_day`, spec.grain, spec.weekStart);
  return sql`WITH bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), per_period AS (
  SELECT ${period} AS period, count(*) AS new_users
  FROM ${tables.userCreated}
  WHERE created_day IS NOT NULL
  GROUP BY ALL
)
SELECT p.period, p.new_users,
  p.period >= b.first_day AND ${periodEnd(sql`p.period`, spec.grain)} <= b.last_day AS complete
FROM per_period p, bounds b
ORDER BY p.period`;
}
