import { sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';

/**
 * One row: events, users (known to the workspace), active users, event names, first/last
 * day. Counted from the per-event and per-user tables built at load, which hold every event
 * and every user once, instead of rescanning millions of events.
 */
export function datasetSummaryQuery(): Sql {
  const { userCreated, eventTotals, activity } = tables;
  return sql`SELECT
  (SELECT CAST(coalesce(sum(events), 0) AS BIGINT) FROM ${eventTotals}) AS events,
  (SELECT count(*) FROM ${userCreated}) AS users,
  (SELECT count(*) FROM ${userCreated} WHERE first_active_day IS NOT NULL) AS active_users,
  (SELECT count(*) FROM ${eventTotals}) AS event_names,
  (SELECT min(day) FROM ${activity}) AS first_day,
  (SELECT max(day) FROM ${activity}) AS last_day`;
}
