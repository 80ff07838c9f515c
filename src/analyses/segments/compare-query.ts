import { join, raw, sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';
import type { SegmentScope } from '../segment-rule';
import { membersQuery } from './segment-queries';

/**
 * Segments side by side: members, active in the last 7 and 30 days (up to the data's last
 * day), revenue per member, and how many members each pair shares (`overlap_<j>` is shared
 * with the j-th segment). Revenue per member counts every member, buyers or not.
 */
export function segmentCompareQuery(segments: readonly SegmentScope[]): Sql {
  const m = (i: number) => raw(`m${i}`);
  const members = segments.map((s, i) => sql`${m(i)} AS (${membersQuery(s)})`);
  const per = segments.map(
    (_, i) => sql`SELECT ${i} AS segment,
    (SELECT count(*) FROM ${m(i)}) AS members,
    (SELECT count(DISTINCT a.user_id) FROM ${tables.activity} a JOIN ${m(i)} USING (user_id), last WHERE a.day > last.day - 7) AS active_7d,
    (SELECT count(DISTINCT a.user_id) FROM ${tables.activity} a JOIN ${m(i)} USING (user_id), last WHERE a.day > last.day - 30) AS active_30d,
    (SELECT coalesce(sum(a.amount), 0) FROM ${tables.activity} a JOIN ${m(i)} USING (user_id)) AS revenue,
    ${join(
      segments.map((_, j) => sql`(SELECT count(*) FROM ${m(i)} JOIN ${m(j)} USING (user_id)) AS ${raw(`overlap_${j}`)}`),
      ',\n    ',
    )}`,
  );
  return sql`WITH ${join(members, ',\n')},
last AS (SELECT max(day) AS day FROM ${tables.activity})
${join(per, '\nUNION ALL\n')}
ORDER BY segment`;
}
