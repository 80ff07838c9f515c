import { sql, type Sql } from '../../sql';
import { activeDays } from '../../schema/active-days';
import { periodEnd, periodStart, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';

export interface StickinessSpec {
  /** The span: a week or a month, cut into days. */
  grain: 'week' | 'month';
  weekStart: WeekStart;
  coreEvents: readonly string[];
  /** First day (ISO) of the span to measure; null = the last complete span of the data. */
  span: string | null;
}

/** One bar of the distribution: a span (its first day), k active days, exactly k or at least k. */
export interface StickinessBucket {
  span: string;
  k: number;
  atLeast: boolean;
}

/**
 * The CTEs both the distribution and its users read: the span (the chosen one, or the last
 * complete one of the data), its bounds, and per_user = (user_id, k) for the users active in it.
 */
function perUserActiveDays(spec: StickinessSpec): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  if (spec.span !== null && !/^\d{4}-\d{2}-\d{2}$/.test(spec.span)) throw new Error(`not an ISO date: ${spec.span}`);
  const span =
    spec.span === null
      ? sql`SELECT CASE WHEN ${periodEnd(p(sql`max(day)`), spec.grain)} <= max(day) THEN ${p(sql`max(day)`)} ELSE ${p(sql`${p(sql`max(day)`)} - 1`)} END AS span_start
  FROM ${tables.activity}`
      : sql`SELECT ${p(sql`CAST(${spec.span} AS DATE)`)} AS span_start`;
  return sql`span AS (
  ${span}
), bounds AS (
  SELECT span_start, ${periodEnd(sql`span_start`, spec.grain)} AS span_end FROM span
), per_user AS (
  SELECT a.user_id, count(DISTINCT a.day) AS k
  FROM (${activeDays(spec.coreEvents)}) a, bounds b
  WHERE a.day BETWEEN b.span_start AND b.span_end
  GROUP BY a.user_id
)`;
}

/**
 * Stickiness distribution (METRICS.md, Activity): over one week or month, k(u) = the number
 * of days u was active. Among users active at least once in the span: users with k(u) = k
 * and with k(u) >= k, as counts and shares. The denominator is the users active in the
 * span (as in Mixpanel's and Amplitude's stickiness), not all users.
 */
export function stickinessQuery(spec: StickinessSpec): Sql {
  return sql`WITH ${perUserActiveDays(spec)}, ks AS (
  SELECT range AS k FROM bounds, range(1, CAST(span_end - span_start AS BIGINT) + 2)
), counts AS (
  SELECT ks.k, count(u.user_id) AS users
  FROM ks LEFT JOIN per_user u ON u.k = ks.k
  GROUP BY ks.k
), total AS (
  SELECT count(*) AS active_users FROM per_user
)
SELECT c.k, c.users,
  CAST(sum(c.users) OVER (ORDER BY c.k DESC) AS BIGINT) AS users_at_least,
  CASE WHEN t.active_users > 0 THEN c.users / t.active_users END AS share,
  CASE WHEN t.active_users > 0 THEN sum(c.users) OVER (ORDER BY c.k DESC) / t.active_users END AS share_at_least,
  b.span_start, b.span_end, t.active_users
FROM counts c, total t, bounds b
ORDER BY c.k`;
}

/** The user ids behind one bar of the distribution: k(u) = k, or k(u) >= k, in the bucket's span. */
export function stickinessUsersQuery(spec: StickinessSpec, bucket: StickinessBucket): Sql {
  const k = Math.floor(bucket.k);
  return sql`WITH ${perUserActiveDays({ ...spec, span: bucket.span })}
SELECT user_id FROM per_user
WHERE ${bucket.atLeast ? sql`k >= ${k}` : sql`k = ${k}`}
ORDER BY user_id`;
}
