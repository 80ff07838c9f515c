import { dateLit, ident, join, raw, sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';
import { canonicalSources } from '../scope';
import type { SegmentScope } from '../segment-rule';
import { segmentMembersQuery } from '../segment-sql';

/** The members of a segment in the data loaded now: its rule evaluated, or its frozen ids that are still known. */
export function membersQuery(segment: SegmentScope, lastDay: string | null = null): Sql {
  if ('rule' in segment) {
    if (lastDay === null) return segmentMembersQuery(segment.rule, canonicalSources);
    return segmentMembersQuery(segment.rule, { ...canonicalSources, lastDay: dateLit(lastDay) }, { constantLastDay: true });
  }
  const ids = segment.ids.length === 0 ? raw('CAST([] AS VARCHAR[])') : sql`[${join(segment.ids)}]`;
  return sql`SELECT u.user_id FROM ${tables.userCreated} u WHERE u.user_id IN (SELECT CAST(unnest(${ids}) AS VARCHAR))`;
}

/** The data's last day (YYYY-MM-DD; null without activity), for a count to take as a constant. */
export function lastDayQuery(): Sql {
  return sql`SELECT strftime(max(day), '%Y-%m-%d') AS d FROM ${tables.activity}`;
}

/**
 * How many users a segment has, beside all users the workspace knows (for the share).
 * `lastDay`, the answer of lastDayQuery, makes "the last K days" constants (issue 9's bench).
 */
export function segmentCountQuery(segment: SegmentScope, lastDay: string | null = null): Sql {
  return sql`SELECT (SELECT count(*) FROM (${membersQuery(segment, lastDay)})) AS members, (SELECT count(*) FROM ${tables.userCreated}) AS users`;
}

/**
 * The members with chosen columns of the users file, for a reach list (触达): one row per
 * member, ids as loaded, attributes empty where the users file has no row.
 */
export function segmentMembersListQuery(segment: SegmentScope, columns: readonly string[]): Sql {
  const picked = columns.map((c) => sql`a.${ident(c)}`);
  return sql`SELECT m.user_id${picked.length > 0 ? sql`, ${join(picked)}` : raw('')}
FROM (${membersQuery(segment)}) m
LEFT JOIN ${tables.users} a ON a.user_id = m.user_id
ORDER BY m.user_id`;
}
