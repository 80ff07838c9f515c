import { sql, type Sql } from '../sql';
import { fromLocalTime, toLocalTime, type OffsetSpan } from '../schema/time-zone';
import { eventTotalsSelect } from '../schema/event-totals';
import { activityFromEvents, dayEventMeasures, userCreatedFrom, userDayEventFromInstants } from '../schema/derived-selects';

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

/** activity straight from the events, each on its local day as userDayEventQuery finds it. */
function activityQuery(spans: readonly OffsetSpan[]): Sql {
  const select =
    spans.length === 1
      ? activityFromEvents(sql`events_wall_time`, sql`CAST(local_ts AS DATE)`)
      : activityFromEvents(sql`events`, sql`CAST(${toLocalTime(sql`ts`, spans)} AS DATE)`);
  return sql`CREATE OR REPLACE TABLE activity AS
${select}`;
}

/** A table built at load, and whether an import builds it after the workspace is in use. */
export interface DerivedTable {
  name: string;
  query: Sql;
  /** Not read by the Overview's first chart, nor by the workspace's description. */
  later: boolean;
}

/**
 * The per-user-per-day tables every activity analysis runs on, built once at load so that
 * analyses scan thousands of user-days instead of millions of events, in the order they are
 * built. Days are calendar days in the workspace time zone.
 */
export function derivedTables(spans: readonly OffsetSpan[]): DerivedTable[] {
  return [
    // prev_day (the user's previous active day) serves rolling active-user counts, gaps and
    // distinct user-periods; first_day (the user's first active day) first-time cohorts. Both
    // use one window, so they cost one sort.
    { name: 'activity', query: activityQuery(spans), later: false },
    {
      name: 'user_created',
      query: sql`CREATE OR REPLACE TABLE user_created AS
${userCreatedFrom(sql`activity`, sql`users`, spans)}`,
      later: false,
    },
    { name: 'user_day_event', query: userDayEventQuery(spans), later: true },
    // Distinct users per event is the costliest count of the Overview; every event's is
    // taken once here instead of on each visit.
    {
      name: 'event_totals',
      query: sql`CREATE OR REPLACE TABLE event_totals AS
${eventTotalsSelect}`,
      later: true,
    },
  ];
}
