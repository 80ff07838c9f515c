import { sql, type Sql } from '../sql';
import { fromLocalTime, toLocalTime, type OffsetSpan } from '../schema/time-zone';
import { eventTotalsSelect } from '../schema/event-totals';

/**
 * user_day_event from the events' wall times. With one UTC offset over the data's range
 * (China, UTC, or any zone between its DST switches) the first and last times can be
 * shifted to UTC after grouping, since a constant shift keeps their order. Where the offset
 * changes, a skipped wall time would break that order, so every row is taken as its instant.
 */
function userDayEventQuery(spans: readonly OffsetSpan[]): Sql {
  const measures = sql`count(*) AS n,
  sum(amount) AS amount,
  count(amount) AS amount_n`;
  if (spans.length === 1) {
    return sql`CREATE OR REPLACE TABLE user_day_event AS
SELECT user_id, day, event, n, amount, amount_n,
  ${fromLocalTime(sql`first_local`, spans)} AS first_ts,
  ${fromLocalTime(sql`last_local`, spans)} AS last_ts
FROM (
  SELECT user_id, CAST(local_ts AS DATE) AS day, event,
  ${measures},
  min(local_ts) AS first_local,
  max(local_ts) AS last_local
  FROM events_wall_time
  GROUP BY ALL
)`;
  }
  return sql`CREATE OR REPLACE TABLE user_day_event AS
SELECT user_id, CAST(${toLocalTime(sql`ts`, spans)} AS DATE) AS day, event,
  ${measures},
  min(ts) AS first_ts,
  max(ts) AS last_ts
FROM events
GROUP BY ALL`;
}

/**
 * The per-user-per-day tables every activity analysis runs on, built once at load so that
 * analyses scan thousands of user-days instead of millions of events. Days are calendar
 * days in the workspace time zone.
 */
export function derivedTableQueries(spans: readonly OffsetSpan[]): Sql[] {
  const createdDay = sql`CAST(${toLocalTime(sql`u.created_at`, spans)} AS DATE)`;
  return [
    userDayEventQuery(spans),
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
    // Distinct users per event is the costliest count of the Overview; every event's is
    // taken once here instead of on each visit.
    sql`CREATE OR REPLACE TABLE event_totals AS
${eventTotalsSelect}`,
  ];
}
