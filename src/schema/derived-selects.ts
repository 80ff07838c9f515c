import { sql, type Sql } from '../sql';
import { toLocalTime, type OffsetSpan } from './time-zone';

/**
 * The SELECTs behind the per-user-per-day tables (src/ingest/derived-tables.ts builds them at
 * load), over any source: a scope with event filters rebuilds them from the events that pass.
 */
export const dayEventMeasures = sql`count(*) AS n,
  sum(amount) AS amount,
  count(amount) AS amount_n`;

/** user_day_event's rows from any source shaped like events (UTC instants in `ts`). */
export function userDayEventFromInstants(source: Sql, spans: readonly OffsetSpan[]): Sql {
  return sql`SELECT user_id, CAST(${toLocalTime(sql`ts`, spans)} AS DATE) AS day, event,
  ${dayEventMeasures},
  min(ts) AS first_ts,
  max(ts) AS last_ts
FROM ${source}
GROUP BY ALL`;
}

/** activity's rows from rows of (user_id, day, n, amount), one per user and day. */
function withPreviousDays(perDay: Sql): Sql {
  return sql`SELECT user_id, day, n, amount,
  lag(day) OVER by_user AS prev_day,
  min(day) OVER by_user AS first_day
FROM (${perDay})
WINDOW by_user AS (PARTITION BY user_id ORDER BY day)`;
}

/** activity's rows from user_day_event's: what a scope with event filters rebuilds it from. */
export function activityFrom(userDayEvent: Sql): Sql {
  return withPreviousDays(
    sql`SELECT user_id, day, CAST(sum(n) AS BIGINT) AS n, sum(amount) AS amount FROM ${userDayEvent} GROUP BY ALL`,
  );
}

/**
 * activity's rows straight from events (`day`: an event's local day): the same rows as
 * activityFrom(user_day_event), without waiting for user_day_event, whose grouping by event
 * costs twice as much (an import builds it after the Overview's first chart, issue 12).
 */
export function activityFromEvents(events: Sql, day: Sql): Sql {
  return withPreviousDays(sql`SELECT user_id, ${day} AS day, count(*) AS n, sum(amount) AS amount FROM ${events} GROUP BY ALL`);
}

/**
 * user_created's rows: the users file's signup day, else the first active day. `activity`: rows
 * as withPreviousDays gives them, where a user's first day is the one row without a previous
 * day (a filter, not a grouping of every user-day).
 */
export function userCreatedFrom(activity: Sql, users: Sql, spans: readonly OffsetSpan[]): Sql {
  const createdDay = sql`CAST(${toLocalTime(sql`u.created_at`, spans)} AS DATE)`;
  return sql`WITH first_active AS (SELECT user_id, day AS first_active_day FROM ${activity} WHERE prev_day IS NULL)
SELECT coalesce(u.user_id, f.user_id) AS user_id,
  coalesce(${createdDay}, f.first_active_day) AS created_day,
  f.first_active_day
FROM first_active f FULL OUTER JOIN ${users} u ON u.user_id = f.user_id`;
}
