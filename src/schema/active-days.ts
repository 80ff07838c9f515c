import { join, sql, type Sql } from '../sql';
import { tables } from './tables';

/**
 * Distinct (user_id, day) pairs on which a user did a qualifying event: any event when
 * `events` is empty, else one of the chosen core events.
 */
export function activeDays(events: readonly string[]): Sql {
  if (events.length === 0) return sql`SELECT user_id, day FROM ${tables.activity}`;
  return sql`SELECT DISTINCT user_id, day FROM ${tables.userDayEvent} WHERE event IN (${join(events)})`;
}
