import { sql } from '../sql';
import { tables } from './tables';

/**
 * How event_totals is built at load (src/ingest/derived-tables.ts); Show SQL quotes it, as
 * the query on the table alone would not say how users are counted.
 */
export const eventTotalsSelect = sql`SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
FROM ${tables.userDayEvent}
GROUP BY event`;
