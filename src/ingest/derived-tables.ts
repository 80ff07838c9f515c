import { sql, type Sql } from '../sql';
import { toLocalTime, type OffsetSpan } from '../queries/time-zone';

/**
 * The per-user-per-day tables every activity analysis runs on, built once at load so that
 * analyses scan thousands of user-days instead of millions of events. Days are calendar
 * days in the workspace time zone.
 */
export function derivedTableQueries(spans: readonly OffsetSpan[]): Sql[] {
  const day = sql`CAST(${toLocalTime(sql`ts`, spans)} AS DATE)`;
  const createdDay = sql`CAST(${toLocalTime(sql`u.created_at`, spans)} AS DATE)`;
  return [
    sql`CREATE OR REPLACE TABLE user_day_event AS
SELECT user_id, ${day} AS day, event,
  count(*) AS n,
  sum(amount) AS amount,
  count(amount) AS amount_n,
  min(ts) AS first_ts,
  max(ts) AS last_ts
FROM events
GROUP BY ALL`,
    // prev_day (the user's previous active day) serves rolling active-user counts, gaps and
    // distinct user-periods; first_day (the user's first active day) first-time cohorts. Both
    // use one window, so they cost one sort.
    sql`CREATE OR REPLACE TABLE activity AS
SELECT user_id, day, n, amount,
  lag(day) OVER by_user AS prev_day,
  min(day) OVER by_user AS first_day
FROM (SELECT user_id, day, CAST(sum(n) AS BIGINT) AS n, sum(amount) AS amount FROM user_day_event GROUP BY ALL)
WINDOW by_user AS (PARTITION BY user_id ORDER BY day)`,
    sql`CREATE OR REPLACE TABLE user_created AS
WITH first_active AS (SELECT user_id, min(day) AS first_active_day FROM activity GROUP BY user_id)
SELECT coalesce(u.user_id, f.user_id) AS user_id,
  coalesce(${createdDay}, f.first_active_day) AS created_day,
  f.first_active_day
FROM first_active f FULL OUTER JOIN users u ON u.user_id = f.user_id`,
  ];
}
