import { dateLit, raw, sql, type Sql } from '../../sql';
import { periodEnd, periodStart } from '../../schema/period';
import { tables } from '../../schema/tables';
import { daysCte, inlineSteps, stageThresholds, type StagesSpec } from './inactivity-query';

export interface StageFlowSpec extends StagesSpec {
  /** A day (YYYY-MM-DD) in the period moved into; null = the last complete period. */
  period: string | null;
}

/** The stage a user is in at the end t of the period starting s, as churnStagesQuery counts it (NULL: not active yet). */
function stageAt(n: '0' | '1'): Sql {
  const c = (name: string) => raw(`${name}${n}`);
  return sql`CASE
    WHEN u.${c('last')} IS NULL THEN NULL
    WHEN u.${c('in')} AND u.${c('created_in')} THEN 'new'
    WHEN u.${c('in')} AND u.${c('before')} IS NOT NULL AND w.${c('s')} - u.${c('before')} > h.l THEN 'recalled'
    WHEN w.${c('t')} - u.${c('last')} <= h.s THEN 'active'
    WHEN w.${c('t')} - u.${c('last')} <= h.l THEN 'silent'
    ELSE 'churned'
  END`;
}

/**
 * How users moved between the stages 新增 / 活跃 / 沉默 / 流失 / 召回 (churnStagesQuery's
 * definitions, at each period's end) from one calendar period to the next: one row per
 * (from_stage, to_stage) with its users. from_stage 'none' holds the users not yet active at
 * the first period's end, so that the rows of each from-stage sum to that period's stage count
 * and the rows of each to-stage to the next period's. Both periods and their ends come on
 * every row: from_period, from_as_of, to_period, to_as_of, with silent_threshold and threshold.
 * Only users active in the two periods are read one by one; the others' stages follow from
 * their last active day before them, counted per day (issue 10).
 */
export function stageFlowQuery(spec: StageFlowSpec, steps: Sql = inlineSteps(spec.coreEvents)): Sql {
  const p = (day: Sql) => periodStart(day, spec.grain, spec.weekStart);
  const toStart =
    spec.period !== null
      ? p(dateLit(spec.period))
      : sql`CASE WHEN ${periodEnd(p(sql`b.last_day`), spec.grain)} <= b.last_day THEN ${p(sql`b.last_day`)} ELSE ${p(sql`${p(sql`b.last_day`)} - 1`)} END`;
  return sql`WITH ${daysCte(spec.coreEvents)}, thresholds AS (
  ${stageThresholds(spec)}
), bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM ${tables.activity}
), starts AS (
  SELECT ${toStart} AS s1 FROM bounds b
), w AS (
  SELECT x.s0, least(${periodEnd(sql`x.s0`, spec.grain)}, b.last_day) AS t0, x.s1, least(${periodEnd(sql`x.s1`, spec.grain)}, b.last_day) AS t1
  FROM (SELECT ${p(sql`s1 - 1`)} AS s0, s1 FROM starts) x CROSS JOIN bounds b
), recent AS (
  SELECT d.user_id,
    -- prev_day grows with day: the least is the first day's, unless that one is the user's first.
    CASE WHEN count(d.prev_day) = count(*) THEN min(d.prev_day) END AS first_prev,
    max(d.day) FILTER (WHERE d.day <= w.t0) AS last_in0,
    max(d.day) AS last1,
    count(*) FILTER (WHERE d.day <= w.t0) > 0 AS in0,
    count(*) FILTER (WHERE d.day >= w.s1) > 0 AS in1
  FROM days d CROSS JOIN w
  WHERE d.day >= w.s0 AND d.day <= w.t1
  GROUP BY d.user_id
), per_user AS (
  SELECT r.user_id, coalesce(r.last_in0, r.before0) AS last0, r.before0, r.in0,
    r.last1, CASE WHEN r.in0 THEN r.last_in0 ELSE r.before0 END AS before1, r.in1
  FROM (
    -- A previous day before the data's first is outside a date range: the range does not hold it.
    SELECT x.*, CASE WHEN x.first_prev >= b.first_day THEN x.first_prev END AS before0 FROM recent x CROSS JOIN bounds b
  ) r
), idle AS (
  -- Users active on a day before s0 less those of them active again by t1, per day, from the
  -- numbers of users per (prev_day, day).
  SELECT d AS day, sum(n) AS n
  FROM (
    SELECT x.day AS d, x.n FROM ${steps} x CROSS JOIN w WHERE x.day < w.s0
    UNION ALL
    SELECT x.prev_day, -x.n FROM ${steps} x CROSS JOIN w WHERE x.prev_day < w.s0 AND x.day <= w.t1
  )
  GROUP BY d
  HAVING sum(n) > 0
), created_in AS (
  -- Only users created in the two periods can be new in them.
  SELECT c.user_id, ${p(sql`c.created_day`)} = w.s0 AS in0, ${p(sql`c.created_day`)} = w.s1 AS in1
  FROM ${tables.userCreated} c CROSS JOIN w
  WHERE c.created_day >= w.s0 AND c.created_day <= ${periodEnd(sql`w.s1`, spec.grain)}
), staged AS (
  SELECT ${stageAt('0')} AS from_stage, ${stageAt('1')} AS to_stage, u.n
  FROM (
    SELECT p.last0, p.before0, p.in0, p.last1, p.before1, p.in1, 1 AS n,
      coalesce(c.in0, FALSE) AS created_in0, coalesce(c.in1, FALSE) AS created_in1
    FROM per_user p LEFT JOIN created_in c ON c.user_id = p.user_id
    UNION ALL
    SELECT i.day, i.day, FALSE, i.day, i.day, FALSE, i.n, FALSE, FALSE FROM idle i
  ) u CROSS JOIN w CROSS JOIN thresholds h
)
SELECT w.s0 AS from_period, w.t0 AS from_as_of, w.s1 AS to_period, w.t1 AS to_as_of, h.s AS silent_threshold, h.l AS threshold,
  coalesce(x.from_stage, 'none') AS from_stage, x.to_stage, CAST(sum(x.n) AS BIGINT) AS users
FROM staged x CROSS JOIN w CROSS JOIN thresholds h
GROUP BY ALL
ORDER BY from_stage, to_stage`;
}
