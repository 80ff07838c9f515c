import { raw, sql, type Sql } from '../sql';
import { tables } from '../schema/tables';

/**
 * How event_totals is built at load (src/ingest/derived-tables.ts); Show SQL quotes it, as
 * the query on the table alone would not say how users are counted.
 */
export const eventTotalsSelect = sql`SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
FROM ${tables.userDayEvent}
GROUP BY event`;

export interface TopEventsSpec {
  limit: number;
}

/** Event names by number of events, with distinct users and share of all events. */
export function topEventsQuery(spec: TopEventsSpec): Sql {
  const limit = Math.max(1, Math.floor(spec.limit));
  const howBuilt = raw(eventTotalsSelect.text.replace(/^/gm, '--   '));
  return sql`-- event_totals, built at load:
${howBuilt}
SELECT event, events, users, events / (SELECT sum(events) FROM ${tables.eventTotals}) AS share
FROM ${tables.eventTotals}
ORDER BY events DESC, event
LIMIT ${limit}`;
}
