import { sql, type Sql } from '../sql';
import { fromLocalTime, type OffsetSpan } from '../schema/time-zone';
import { eventTotalsSelect } from '../schema/event-totals';
import { activityFrom, dayEventMeasures, userCreatedFrom, userDayEventFromInstants } from '../schema/derived-selects';

/**
 * user_day_event from the events' wall times. With one UTC offset over the data's range
 * (China, UTC, or any zone between its DST switches) the first and last times can be
 * shifted to UTC after grouping, since a constant shift keeps their order. Where the offset
 * changes, a skipped wall time would break that order, so every row is taken as its instant.
 */
function userDayEventQuery(spans: readonly OffsetSpan[]): Sql {
  if (spans.length === 1) {
    return sql`CREATE OR REPLACE TABLE user_day_event AS
SELECT user_id, day, event, n, amount, amount_n,
  ${fromLocalTime(sql`first_local`, spans)} AS first_ts,
  ${fromLocalTime(sql`last_local`, spans)} AS last_ts
FROM (
  SELECT user_id, CAST(local_ts AS DATE) AS day, event,
  ${dayEventMeasures},
  min(local_ts) AS first_local,
  max(local_ts) AS last_local
  FROM events_wall_time
  GROUP BY ALL
)`;
  }
  return sql`CREATE OR REPLACE TABLE user_day_event AS
${userDayEventFromInstants(sql`events`, spans)}`;
}

/**
 * The per-user-per-day tables every activity analysis runs on, built once at load so that
 * analyses scan thousands of user-days instead of millions of events. Days are calendar
 * days in the workspace time zone.
 */
export function derivedTableQueries(spans: readonly OffsetSpan[]): Sql[] {
  return [
    userDayEventQuery(spans),
    // prev_day (the user's previous active day) serves rolling active-user counts, gaps and
    // distinct user-periods; first_day (the user's first active day) first-time cohorts. Both
    // use one window, so they cost one sort.
    sql`CREATE OR REPLACE TABLE activity AS
${activityFrom(sql`user_day_event`)}`,
    sql`CREATE OR REPLACE TABLE user_created AS
${userCreatedFrom(sql`activity`, sql`users`, spans)}`,
    // Distinct users per event is the costliest count of the Overview; every event's is
    // taken once here instead of on each visit.
    sql`CREATE OR REPLACE TABLE event_totals AS
${eventTotalsSelect}`,
  ];
}
