import { dateLit, join, raw, sql, type Sql } from '../../sql';
import { activeDays } from '../../schema/active-days';
import { periodEnd, periodStart, type Grain, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';

export interface InactivitySpec {
  /** Core events that make a user active; empty = any event. */
  coreEvents: readonly string[];
  /** Inactivity threshold L in days; null = proposed from the data (90th percentile of gaps). */
  threshold: number | null;
}

export interface ChurnRateSpec extends InactivitySpec {
  grain: Grain;
  weekStart: WeekStart;
}

export interface ChurnStatusSpec extends InactivitySpec {
  /** The day (YYYY-MM-DD) churn is measured at; null = the data's last day. */
  asOf: string | null;
}

/** The percentile of gaps that proposes the threshold L (METRICS.md, Lifecycle). */
export const PROPOSED_PERCENTILE = 0.9;

/**
 * A user's active days with the previous one (null on the first): activity holds that for
 * any event; for core events a window over their distinct days.
 */
export function activeDaysWithPrevious(coreEvents: readonly string[]): Sql {
  if (coreEvents.length === 0) return sql`SELECT user_id, day, prev_day FROM ${tables.activity}`;
  return sql`SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
  FROM (${activeDays(coreEvents)})`;
}

/**
 * The CTE `days` (activeDaysWithPrevious) for a query that reads it more than once. Any event:
 * a plain scan of activity, read again where needed, for DuckDB-WASM copied the 550,000 rows of
 * 5M events in a third of the churn rate's time (issue 10); core events keep the one window.
 */
export function daysCte(coreEvents: readonly string[]): Sql {
  return coreEvents.length === 0
    ? sql`days AS NOT MATERIALIZED (
  ${activeDaysWithPrevious(coreEvents)}
)`
    : sql`days AS (
  ${activeDaysWithPrevious(coreEvents)}
)`;
}

/**
 * The threshold L as one row `l`: the chosen number of days, or the 90th percentile (the
 * smallest gap with at least 90% of gaps at or below it) of the gaps between a repeat user's
 * consecutive active days, from `days`.
 */
export function thresholdSelect(threshold: number | null): Sql {
  if (threshold !== null) return sql`SELECT ${Math.floor(threshold)} AS l`;
  return sql`SELECT CAST(quantile_disc(day - prev_day, ${PROPOSED_PERCENTILE}) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL`;
}

/**
 * The number `n` of users per (prev_day, day), a standalone select: per-day numbers are all the
 * churn rate and stage charts need, about days x gap lengths of them, not users x days. It
 * depends on the core events only, so every grain and threshold reads it (a step table).
 */
export function activeDayStepsSelect(coreEvents: readonly string[]): Sql {
  return sql`WITH days AS (
  ${activeDaysWithPrevious(coreEvents)}
)
SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL`;
}

/** The select of activeDayStepsSelect as a subquery: where the steps are read without a step table. */
export const inlineSteps = (coreEvents: readonly string[]): Sql => sql`(${activeDayStepsSelect(coreEvents)})`;

/**
 * Two CTEs over the step counts in `from` (activeDayStepsSelect): `steps`, and `lasts`, the
 * number `n` of users whose last active day is `day`: active that day, less those active again
 * after it (each later active day names its previous one).
 */
export function activeDaySteps(from: Sql): Sql {
  return sql`steps AS (
  SELECT prev_day, day, n FROM ${from}
), lasts AS (
  SELECT a.day, a.n - coalesce(b.n, 0) AS n
  FROM (SELECT day, sum(n) AS n FROM steps GROUP BY day) a
  LEFT JOIN (SELECT prev_day, sum(n) AS n FROM steps WHERE prev_day IS NOT NULL GROUP BY prev_day) b ON b.prev_day = a.day
  WHERE a.n > coalesce(b.n, 0)
)`;
}

/** The as-of day as one row `t`: the chosen day, or the data's last day. */
export function asOfSelect(asOf: string | null): Sql {
  return asOf === null ? sql`SELECT max(day) AS t FROM ${tables.activity}` : sql`SELECT ${dateLit(asOf)} AS t`;
}

/**
 * The gaps in days between a repeat user's consecutive active days, counted per gap length,
 * with the threshold they propose (their 90th percentile), their median and their number.
 */
export function inactivityGapsQuery(spec: Pick<InactivitySpec, 'coreEvents'>): Sql {
  return sql`WITH days AS (
  ${activeDaysWithPrevious(spec.coreEvents)}
), gaps AS (
  SELECT CAST(day - prev_day AS INTEGER) AS gap FROM days WHERE prev_day IS NOT NULL
), summary AS (
  SELECT CAST(quantile_disc(gap, ${PROPOSED_PERCENTILE}) AS INTEGER) AS proposed_threshold, median(gap) AS median_gap, count(*) AS total_gaps
  FROM gaps
)
SELECT g.gap, count(*) AS pairs, s.proposed_threshold, s.median_gap, s.total_gaps
FROM gaps g CROSS JOIN summary s
GROUP BY ALL
ORDER BY g.gap`;
}

/**
 * Churn and recall per calendar period (METRICS.md, Churn): active users; churned = active in
 * the previous period and not in this one; churn_rate = churned / active in the previous
 * period; lapsed = users churned at the period's start (their last active day before it more
 * than L days before it); recalled = those of them active in the period; recall_rate =
 * recalled / lapsed. A user's first active day in a period carries its previous active day, so
 * one scan gives active, stayed and recalled. Lapsed users are counted from the days on which
 * each one's inactivity passes L and ends (an edge list summed up to each period start). All of
 * it is read from the numbers of users per (previous active day, active day), a few thousand
 * rows however many users there are (activeDaySteps).
 */
export function churnRateQuery(spec: ChurnRateSpec, steps: Sql = inlineSteps(spec.coreEvents)): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  return sql`WITH ${daysCte(spec.coreEvents)}, threshold AS (
  ${thresholdSelect(spec.threshold)}
), bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), ${activeDaySteps(steps)}, calendar AS (
  SELECT DISTINCT ${p(sql`CAST(d AS DATE)`)} AS period
  FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
), firsts AS (
  SELECT ${p(sql`day`)} AS period, prev_day, ${p(sql`prev_day`)} AS prev_period, n
  FROM steps
  WHERE prev_day IS NULL OR prev_day < ${p(sql`day`)}
), counts AS (
  SELECT f.period,
    CAST(sum(f.n) AS BIGINT) AS active,
    CAST(coalesce(sum(f.n) FILTER (WHERE f.prev_period = ${p(sql`f.period - 1`)}), 0) AS BIGINT) AS stayed,
    CAST(coalesce(sum(f.n) FILTER (WHERE f.period - f.prev_day > th.l), 0) AS BIGINT) AS recalled
  FROM firsts f CROSS JOIN threshold th
  GROUP BY f.period
), lapse_edges AS (
  SELECT x.prev_day + th.l + 1 AS d, x.n AS delta FROM steps x CROSS JOIN threshold th WHERE x.day - x.prev_day > th.l
  UNION ALL
  SELECT x.day + 1 AS d, -x.n AS delta FROM steps x CROSS JOIN threshold th WHERE x.day - x.prev_day > th.l
  UNION ALL
  SELECT x.day + th.l + 1 AS d, x.n AS delta FROM lasts x CROSS JOIN threshold th
), lapsed_by_day AS (
  SELECT d, sum(sum(delta)) OVER (ORDER BY d) AS lapsed FROM lapse_edges GROUP BY d
), series AS (
  SELECT c.period,
    coalesce(n.active, 0) AS active,
    lag(coalesce(n.active, 0)) OVER (ORDER BY c.period) AS active_before,
    coalesce(n.stayed, 0) AS stayed,
    coalesce(n.recalled, 0) AS recalled,
    CAST(coalesce(e.lapsed, 0) AS BIGINT) AS lapsed
  FROM calendar c
  LEFT JOIN counts n ON n.period = c.period
  ASOF LEFT JOIN lapsed_by_day e ON c.period >= e.d
)
SELECT s.period, th.l AS threshold, s.active, s.active_before,
  s.active_before - s.stayed AS churned,
  CASE WHEN s.active_before > 0 THEN (s.active_before - s.stayed) / s.active_before END AS churn_rate,
  s.lapsed, s.recalled,
  CASE WHEN s.lapsed > 0 THEN s.recalled / s.lapsed END AS recall_rate,
  s.period >= b.first_day AND ${periodEnd(sql`s.period`, spec.grain)} <= b.last_day AS complete
FROM series s CROSS JOIN bounds b CROSS JOIN threshold th
ORDER BY s.period`;
}

/**
 * Churned users as of a day t (METRICS.md, Churn): of the users active on or before t, those
 * whose last active day is more than L days before t.
 */
export function churnStatusQuery(spec: ChurnStatusSpec): Sql {
  return sql`WITH days AS (
  ${activeDaysWithPrevious(spec.coreEvents)}
), threshold AS (
  ${thresholdSelect(spec.threshold)}
), as_of AS (
  ${asOfSelect(spec.asOf)}
), last_active AS (
  SELECT d.user_id, max(d.day) AS last_day FROM days d CROSS JOIN as_of a WHERE d.day <= a.t GROUP BY d.user_id
)
SELECT a.t AS as_of, th.l AS threshold,
  count(u.user_id) AS users,
  count(u.user_id) FILTER (WHERE a.t - u.last_day > th.l) AS churned,
  CASE WHEN count(u.user_id) > 0 THEN count(u.user_id) FILTER (WHERE a.t - u.last_day > th.l) / count(u.user_id) END AS churned_share
FROM as_of a CROSS JOIN threshold th LEFT JOIN last_active u ON TRUE
GROUP BY ALL`;
}

/**
 * The users churned as of t (as churnStatusQuery counts them), or with `churned: false` the users
 * active by t and not churned, one row each: user_id.
 */
export function churnedUsersQuery(spec: ChurnStatusSpec & { churned: boolean }): Sql {
  return sql`WITH days AS (
  ${activeDaysWithPrevious(spec.coreEvents)}
), threshold AS (
  ${thresholdSelect(spec.threshold)}
), as_of AS (
  ${asOfSelect(spec.asOf)}
)
SELECT d.user_id
FROM days d CROSS JOIN as_of a CROSS JOIN threshold th
WHERE d.day <= a.t
GROUP BY d.user_id
HAVING any_value(a.t) - max(d.day) ${spec.churned ? raw('>') : raw('<=')} any_value(th.l)
ORDER BY d.user_id`;
}

export interface AtRiskSpec extends ChurnStatusSpec {
  /** Flag a user when days since the last activity > alpha x the user's own median gap. */
  alpha: number;
  /** Flag a purchase customer whose BG/NBD P(alive) is below this; null = no such rule. */
  pAlive: number | null;
  /** K: the (core) events of the last K days are compared with the K days before. */
  window: number;
  /** beta: flag when those events fell by at least this many percent. */
  beta: number;
}

/** Users need this many gaps (so three active days) before their median gap is "usual". */
export const MIN_GAPS = 2;

/** The earlier window needs this many events before a fall counts (1 -> 0 is no warning). */
export const MIN_EARLIER_EVENTS = 3;

/** Events per user and local day: all of them, or the chosen core events only. */
export function eventsPerDay(coreEvents: readonly string[]): Sql {
  if (coreEvents.length === 0) return sql`SELECT user_id, day, n FROM ${tables.activity}`;
  return sql`SELECT user_id, day, n FROM ${tables.userDayEvent} WHERE event IN (${join(coreEvents)})`;
}

/**
 * Users not churned as of t (days since the last activity <= L), with their last active day,
 * days since, number of gaps and median gap up to t, and whether they are overdue: at least
 * two gaps and days since > alpha x median gap (METRICS.md, At-risk); with their (core) events
 * in the last K days (t-K, t] and in the K days before (t-2K, t-K], and whether those fell:
 * at least MIN_EARLIER_EVENTS before and a drop of at least beta %. `onlyFlagged` keeps just
 * the overdue or fallen; otherwise every user not churned comes back (another rule may flag them).
 * The overdue come first, most overdue first; then the others, longest inactive first: a ratio
 * is no order for users it does not flag (one gap is no usual gap).
 */
export function atRiskQuery(spec: AtRiskSpec, onlyFlagged: boolean): Sql {
  const overdue = sql`u.gaps >= ${MIN_GAPS} AND a.t - u.last_active > ${spec.alpha} * u.median_gap`;
  const k = Math.floor(spec.window);
  const fell = sql`coalesce(w.earlier_events, 0) >= ${MIN_EARLIER_EVENTS} AND 100 * coalesce(w.recent_events, 0) <= (100 - ${spec.beta}) * w.earlier_events`;
  return sql`WITH days AS (
  ${activeDaysWithPrevious(spec.coreEvents)}
), threshold AS (
  ${thresholdSelect(spec.threshold)}
), as_of AS (
  ${asOfSelect(spec.asOf)}
), per_user AS (
  SELECT d.user_id, max(d.day) AS last_active, count(d.prev_day) AS gaps, median(d.day - d.prev_day) AS median_gap
  FROM days d CROSS JOIN as_of a
  WHERE d.day <= a.t
  GROUP BY d.user_id
), windows AS (
  SELECT e.user_id,
    CAST(coalesce(sum(e.n) FILTER (WHERE e.day > a.t - ${k}), 0) AS BIGINT) AS recent_events,
    CAST(coalesce(sum(e.n) FILTER (WHERE e.day <= a.t - ${k}), 0) AS BIGINT) AS earlier_events
  FROM (${eventsPerDay(spec.coreEvents)}) e CROSS JOIN as_of a
  WHERE e.day > a.t - ${2 * k} AND e.day <= a.t
  GROUP BY e.user_id
), flagged AS (
  SELECT u.user_id, u.last_active, CAST(a.t - u.last_active AS INTEGER) AS days_since, u.gaps, u.median_gap,
    (a.t - u.last_active) / u.median_gap AS overdue_ratio,
    coalesce(${overdue}, FALSE) AS overdue,
    CAST(coalesce(w.recent_events, 0) AS BIGINT) AS recent_events,
    CAST(coalesce(w.earlier_events, 0) AS BIGINT) AS earlier_events,
    coalesce(${fell}, FALSE) AS fell
  FROM per_user u CROSS JOIN as_of a CROSS JOIN threshold th LEFT JOIN windows w ON w.user_id = u.user_id
  WHERE a.t - u.last_active <= th.l
)
SELECT * FROM flagged${onlyFlagged ? sql` WHERE overdue OR fell` : raw('')}
ORDER BY CASE WHEN overdue THEN overdue_ratio END DESC NULLS LAST, days_since DESC, user_id`;
}

export interface StagesSpec extends ChurnRateSpec {
  /** Silence threshold S in days (S < L); null = the median gap, kept below L. */
  silent: number | null;
}

/** The thresholds as one row `s`, `l`: S defaults to the median gap (below L), L as in thresholdSelect. */
export function stageThresholds(spec: StagesSpec): Sql {
  const s =
    spec.silent !== null
      ? sql`${Math.floor(spec.silent)}`
      : sql`(SELECT CAST(quantile_disc(day - prev_day, 0.5) AS INTEGER) FROM days WHERE prev_day IS NOT NULL)`;
  return sql`SELECT least(${s}, l - 1) AS s, l FROM (${thresholdSelect(spec.threshold)})`;
}

/** A user's first active day can be a stage's "new" without reading days: it is for every grain (see churnStagesQuery). */
function plainNewTest(coreEvents: readonly string[], samePeriod: Sql, firstDay: Sql): Sql {
  // Core events: a user's first active day (any event) need not be a core one.
  return coreEvents.length === 0 ? sql`c.first_active_day >= ${firstDay} AND ${samePeriod}` : raw('FALSE');
}

/**
 * The stage model 新增 / 活跃 / 沉默 / 流失 / 召回 (METRICS.md, Lifecycle) at the end t of each
 * calendar period (the data's last day for the last one): new = created in the period (and
 * active in it); recalled = not new, active in the period, churned at its start (last active
 * before it more than L days before its first day); of the others, active = last active at most
 * S days before t, silent = more than S and at most L, churned = more than L. Every user active
 * on or before t is in exactly one stage. Each gap between a user's active days (and the time
 * after the last one) adds the user to "days since <= S", then "<= L", then "> L" over runs of
 * days; summing those edges up to t counts every user without a users x periods product. The
 * new and recalled users of a period are then taken out of the group their last day puts them
 * in, found without grouping every user-period (issue 10): new users mostly from user_created
 * alone, the others and recalled ones from the user-days with a hash join built on the few of
 * them; one whose first day in the period is more than S (or L) days before t is past S (or L)
 * at t if its last active day up to t is. `steps`: activeDayStepsSelect, a kept table or inline.
 */
export function churnStagesQuery(spec: StagesSpec, steps: Sql = inlineSteps(spec.coreEvents)): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  const plainNew = plainNewTest(spec.coreEvents, sql`${p(sql`c.created_day`)} = ${p(sql`c.first_active_day`)}`, sql`b.first_day`);
  // A number once the run has filled it in: a filter on the scan, not a join with thresholds.
  const l = spec.threshold !== null ? sql`${Math.floor(spec.threshold)}` : sql`(SELECT l FROM thresholds)`;
  return sql`WITH ${daysCte(spec.coreEvents)}, thresholds AS (
  ${stageThresholds(spec)}
), bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), ${activeDaySteps(steps)}, points AS (
  SELECT DISTINCT ${p(sql`CAST(d AS DATE)`)} AS period
  FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
), ends AS (
  SELECT p.period, least(${periodEnd(sql`p.period`, spec.grain)}, b.last_day) AS t FROM points p CROSS JOIN bounds b
), spans AS (
  SELECT prev_day AS a, day AS b, n FROM steps WHERE prev_day IS NOT NULL
  UNION ALL
  SELECT day AS a, NULL AS b, n FROM lasts
), edges AS (
  SELECT x.a AS d, x.n AS active, 0 AS silent, 0 AS churned FROM spans x
  UNION ALL
  SELECT least(coalesce(x.b, x.a + h.s + 1), x.a + h.s + 1), -x.n, 0, 0 FROM spans x CROSS JOIN thresholds h
  UNION ALL
  SELECT x.a + h.s + 1, 0, x.n, 0 FROM spans x CROSS JOIN thresholds h WHERE x.b IS NULL OR x.b > x.a + h.s + 1
  UNION ALL
  SELECT least(coalesce(x.b, x.a + h.l + 1), x.a + h.l + 1), 0, -x.n, 0 FROM spans x CROSS JOIN thresholds h
    WHERE x.b IS NULL OR x.b > x.a + h.s + 1
  UNION ALL
  SELECT x.a + h.l + 1, 0, 0, x.n FROM spans x CROSS JOIN thresholds h WHERE x.b IS NULL OR x.b > x.a + h.l + 1
  UNION ALL
  SELECT x.b, 0, 0, -x.n FROM spans x CROSS JOIN thresholds h WHERE x.b > x.a + h.l + 1
), by_day AS (
  SELECT d,
    sum(sum(active)) OVER (ORDER BY d) AS active,
    sum(sum(silent)) OVER (ORDER BY d) AS silent,
    sum(sum(churned)) OVER (ORDER BY d) AS churned
  FROM edges GROUP BY d
), created AS (
  -- A user whose creation and first active day fall in one period, that day in the data, is new
  -- there (active on it): counted from user_created alone. The others (another signup day, a
  -- first day before a date range, core events) are looked up in their own days.
  SELECT c.user_id, ${p(sql`c.created_day`)} AS period, c.first_active_day AS f, coalesce(${plainNew}, FALSE) AS plain
  FROM ${tables.userCreated} c CROSS JOIN bounds b
  WHERE c.created_day IS NOT NULL AND c.first_active_day IS NOT NULL
), taken_users AS (
  -- The new and recalled users of each period with f, their first day in it (in the data).
  SELECT user_id, period, f, TRUE AS is_new FROM created WHERE plain
  UNION ALL
  -- The others (not plain) are looked up in their own days: new on their first day in the
  -- period of their creation, the hash join built on the few of them.
  SELECT d.user_id, c.period, d.day, TRUE
  FROM days d JOIN created c ON c.user_id = d.user_id AND c.period = ${p(sql`d.day`)}
  WHERE NOT c.plain AND (d.prev_day IS NULL OR d.prev_day < greatest(c.period, (SELECT first_day FROM bounds)))
  UNION ALL
  -- Recalled: the first day in a period after a gap from before the period's start of more than
  -- L days, so that day - prev_day > L too: the few rows of the longest gaps.
  SELECT d.user_id, ${p(sql`d.day`)}, d.day, FALSE
  FROM days d JOIN ${tables.userCreated} c ON c.user_id = d.user_id
  -- CASE: the period of only the few long gaps' days is computed (DuckDB-WASM spent more on all).
  WHERE CASE WHEN d.day - d.prev_day > ${l} THEN d.prev_day < ${p(sql`d.day`)} - ${l} ELSE FALSE END
    AND ${p(sql`c.created_day`)} <> ${p(sql`d.day`)}
), unsure AS (
  -- A user taken in a period is active at its end t when f is within S days of t; the others
  -- are past S (or L) at t when their last active day up to t is; that day is in the period,
  -- as f is.
  SELECT k.user_id, k.period, e.t
  FROM taken_users k JOIN ends e USING (period) CROSS JOIN thresholds h
  WHERE k.f < e.t - h.s
), idle AS (
  SELECT u.period, u.t - max(d.day) AS days_idle
  FROM unsure u JOIN days d ON d.user_id = u.user_id AND d.day BETWEEN u.period AND u.t
  GROUP BY u.user_id, u.period, u.t
), past AS (
  SELECT i.period, count(*) FILTER (WHERE i.days_idle > h.s) AS past_s, count(*) FILTER (WHERE i.days_idle > h.l) AS past_l
  FROM idle i CROSS JOIN thresholds h
  GROUP BY i.period
), taken AS (
  SELECT k.period,
    count(*) FILTER (WHERE k.is_new) AS new,
    count(*) FILTER (WHERE NOT k.is_new) AS recalled,
    count(*) - any_value(coalesce(u.past_s, 0)) AS from_active,
    any_value(coalesce(u.past_s, 0) - coalesce(u.past_l, 0)) AS from_silent,
    any_value(coalesce(u.past_l, 0)) AS from_churned
  FROM taken_users k LEFT JOIN (SELECT period, sum(past_s) AS past_s, sum(past_l) AS past_l FROM past GROUP BY period) u USING (period)
  GROUP BY k.period
), counted AS (
  SELECT e.period, e.t,
    coalesce(k.new, 0) AS new,
    CAST(coalesce(c.active, 0) AS BIGINT) - coalesce(k.from_active, 0) AS active,
    CAST(coalesce(c.silent, 0) AS BIGINT) - coalesce(k.from_silent, 0) AS silent,
    CAST(coalesce(c.churned, 0) AS BIGINT) - coalesce(k.from_churned, 0) AS churned,
    coalesce(k.recalled, 0) AS recalled
  FROM ends e
  LEFT JOIN taken k ON k.period = e.period
  ASOF LEFT JOIN by_day c ON e.t >= c.d
)
SELECT n.period, n.t AS as_of, h.s AS silent_threshold, h.l AS threshold,
  n.new, n.active, n.silent, n.churned, n.recalled,
  n.t = ${periodEnd(sql`n.period`, spec.grain)} AS complete
FROM counted n CROSS JOIN thresholds h
ORDER BY n.period`;
}
