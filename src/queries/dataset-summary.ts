import { sql, type Sql } from '../sql';
import { tables } from './tables';

/** One row: events, users (known to the workspace), active users, event names, first/last day. */
export function datasetSummaryQuery(): Sql {
  const { events, userCreated, userDayEvent, activity } = tables;
  return sql`SELECT
  (SELECT count(*) FROM ${events}) AS events,
  (SELECT count(*) FROM ${userCreated}) AS users,
  (SELECT count(DISTINCT user_id) FROM ${activity}) AS active_users,
  (SELECT count(DISTINCT event) FROM ${userDayEvent}) AS event_names,
  (SELECT min(day) FROM ${activity}) AS first_day,
  (SELECT max(day) FROM ${activity}) AS last_day`;
}
