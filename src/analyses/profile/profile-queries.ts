import { join, raw, sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';
import { canonicalSources } from '../scope';
import type { SegmentScope } from '../segment-rule';
import { segmentMembersQuery } from '../segment-sql';

/** The users file's row of one user (every attribute), if there is one. */
export function profileAttributesQuery(userId: string): Sql {
  return sql`SELECT * FROM ${tables.users} WHERE user_id = ${userId}`;
}

/** First and last active day, active days, events, purchases and amount of one user. */
export function profileSummaryQuery(userId: string): Sql {
  return sql`SELECT
  (SELECT created_day FROM ${tables.userCreated} WHERE user_id = ${userId}) AS created_day,
  min(day) AS first_day,
  max(day) AS last_day,
  count(DISTINCT day) AS active_days,
  CAST(coalesce(sum(n), 0) AS BIGINT) AS events,
  CAST(coalesce(sum(amount_n), 0) AS BIGINT) AS purchases,
  sum(amount) AS amount
FROM ${tables.userDayEvent}
WHERE user_id = ${userId}`;
}

/** One user's events per local day, in day order: the timeline's headings. */
export function profileDaysQuery(userId: string): Sql {
  return sql`SELECT day, CAST(sum(n) AS BIGINT) AS events FROM ${tables.userDayEvent} WHERE user_id = ${userId} GROUP BY day ORDER BY day`;
}

/**
 * A page of one user's events in time order (times as wall times in the workspace zone):
 * `limit` events from the `offset`-th. Rows equal in the whole order are equal rows, so
 * pages neither skip nor repeat an event.
 */
export function profileTimelineQuery(userId: string, offset: number, limit: number): Sql {
  return sql`SELECT local_ts, event, amount FROM events_wall_time WHERE user_id = ${userId}
ORDER BY local_ts, event, amount NULLS FIRST
LIMIT ${limit} OFFSET ${offset}`;
}

/** Which of the given segments the user belongs to (one row per segment it is in). */
export function profileSegmentsQuery(userId: string, segments: readonly { id: string; definition: SegmentScope }[]): Sql {
  if (segments.length === 0) return sql`SELECT NULL AS segment_id WHERE FALSE`;
  const checks = segments.map(({ id, definition }) => {
    const members =
      'rule' in definition
        ? segmentMembersQuery(definition.rule, canonicalSources)
        : definition.ids.includes(userId)
          ? sql`SELECT ${userId} AS user_id`
          : raw('SELECT NULL AS user_id WHERE FALSE');
    return sql`SELECT ${id} AS segment_id WHERE ${userId} IN (SELECT user_id FROM (${members}))`;
  });
  return join(checks, '\nUNION ALL\n');
}
