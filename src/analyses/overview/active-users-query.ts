import { sql, type Sql } from '../../sql';
import { activeDays } from '../../schema/active-days';
import { tables } from '../../schema/tables';

export interface ActiveUsersSpec {
  /** MAU window in days (METRICS.md: 28 or 30). */
  mauWindow: 28 | 30;
  /** Core events that make a user active; empty = any event. */
  coreEvents: readonly string[];
}

/**
 * DAU, WAU (d-6..d) and MAU (d-window+1..d) for every day of the data, with DAU/MAU.
 *
 * Rolling distinct counts without a 30x join: each active day x of a user extends that
 * user's coverage to [max(x, prev+w), x+w), so coverage intervals are disjoint per user and
 * a running sum of +1/-1 deltas counts the users covering each day exactly.
 * wau_complete / mau_complete say whether the whole window lies inside the data.
 */
export function activeUsersQuery(spec: ActiveUsersSpec): Sql {
  const w = spec.mauWindow;
  const userDays =
    spec.coreEvents.length === 0
      ? sql`SELECT user_id, day, prev_day AS prev FROM ${tables.activity}`
      : sql`SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev
  FROM (${activeDays(spec.coreEvents)})`;
  return sql`WITH ud AS (
  ${userDays}
), deltas AS (
  SELECT day AS d, 1 AS dau, 1 AS wau, 1 AS mau FROM ud WHERE prev IS NULL
  UNION ALL SELECT day, 1, CASE WHEN prev + 7 <= day THEN 1 ELSE 0 END, CASE WHEN prev + ${w} <= day THEN 1 ELSE 0 END FROM ud WHERE prev IS NOT NULL
  UNION ALL SELECT prev + 7, 0, 1, 0 FROM ud WHERE prev + 7 > day
  UNION ALL SELECT prev + ${w}, 0, 0, 1 FROM ud WHERE prev + ${w} > day
  UNION ALL SELECT day + 7, 0, -1, 0 FROM ud
  UNION ALL SELECT day + ${w}, 0, 0, -1 FROM ud
), per_day AS (
  SELECT d, sum(dau) AS dau, sum(wau) AS wau, sum(mau) AS mau FROM deltas GROUP BY d
), bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ud
), calendar AS (
  SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day FROM bounds
), running AS (
  SELECT c.day,
    coalesce(p.dau, 0) AS dau,
    sum(coalesce(p.wau, 0)) OVER (ORDER BY c.day ROWS UNBOUNDED PRECEDING) AS wau,
    sum(coalesce(p.mau, 0)) OVER (ORDER BY c.day ROWS UNBOUNDED PRECEDING) AS mau
  FROM calendar c LEFT JOIN per_day p ON p.d = c.day
)
SELECT r.day, CAST(r.dau AS BIGINT) AS dau, CAST(r.wau AS BIGINT) AS wau, CAST(r.mau AS BIGINT) AS mau,
  CASE WHEN r.mau > 0 THEN r.dau / r.mau END AS dau_mau,
  r.day >= b.first_day + 6 AS wau_complete,
  r.day >= b.first_day + ${w - 1} AS mau_complete
FROM running r, bounds b
ORDER BY r.day`;
}
