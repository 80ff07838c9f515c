import { sql, type Sql } from '../sql';
import { tables } from './tables';

export interface TopEventsSpec {
  limit: number;
}

/** Event names by number of events, with distinct users and share of all events. */
export function topEventsQuery(spec: TopEventsSpec): Sql {
  const limit = Math.max(1, Math.floor(spec.limit));
  return sql`SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users,
  sum(n) / (SELECT sum(n) FROM ${tables.userDayEvent}) AS share
FROM ${tables.userDayEvent}
GROUP BY event
ORDER BY events DESC, event
LIMIT ${limit}`;
}
