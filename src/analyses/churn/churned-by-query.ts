import { ident, sql, type Sql } from '../../sql';
import { periodStart, type Grain, type WeekStart } from '../../schema/period';
import { tables } from '../../schema/tables';
import { daysCte, asOfSelect, thresholdSelect, type ChurnStatusSpec } from './inactivity-query';

export interface ChurnByCohortSpec extends ChurnStatusSpec {
  grain: Grain;
  weekStart: WeekStart;
}

export interface ChurnByAttributeSpec extends ChurnStatusSpec {
  /** A column of the users file. */
  attribute: string;
}

/** Values of an attribute shown one by one; the rest are summed as "other". */
export const TOP_VALUES = 10;

/** Each user active on or before t, with the first and last active day up to t, and whether churned at t. */
function usersAsOf(spec: ChurnStatusSpec): Sql {
  return sql`WITH ${daysCte(spec.coreEvents)}, threshold AS (
  ${thresholdSelect(spec.threshold)}
), as_of AS (
  ${asOfSelect(spec.asOf)}
), per_user AS (
  SELECT d.user_id, min(d.day) AS first_day, a.t - max(d.day) > any_value(th.l) AS churned
  FROM days d CROSS JOIN as_of a CROSS JOIN threshold th
  WHERE d.day <= a.t
  GROUP BY d.user_id, a.t
)`;
}

/**
 * The users active on or before t and of them the churned, per first active day: a standalone
 * select that every grain's cohorts add up (a step table).
 */
export function churnByFirstDaySelect(spec: ChurnStatusSpec): Sql {
  return sql`${usersAsOf(spec)}
SELECT first_day, count(*) AS users, count(*) FILTER (WHERE churned) AS churned FROM per_user GROUP BY first_day`;
}

/**
 * Churned users as of t (METRICS.md, Churn) per cohort: the calendar period of each user's first
 * activity (on the chosen events), from the counts per first day in `byFirstDay`
 * (churnByFirstDaySelect). Rows: cohort, as_of, threshold, users, churned, churned_share,
 * measurable_users: those first active more than L days before t; the others cannot have churned
 * yet (their last day is no earlier than their first), so a recent cohort's 0% means nothing.
 */
export function churnByCohortQuery(spec: ChurnByCohortSpec, byFirstDay: Sql = sql`(${churnByFirstDaySelect(spec)})`): Sql {
  return sql`WITH ${daysCte(spec.coreEvents)}, threshold AS (
  ${thresholdSelect(spec.threshold)}
), as_of AS (
  ${asOfSelect(spec.asOf)}
)
SELECT ${periodStart(sql`u.first_day`, spec.grain, spec.weekStart)} AS cohort, any_value(a.t) AS as_of, any_value(th.l) AS threshold,
  CAST(sum(u.users) AS BIGINT) AS users,
  CAST(sum(u.churned) AS BIGINT) AS churned,
  sum(u.churned) / sum(u.users) AS churned_share,
  CAST(coalesce(sum(u.users) FILTER (WHERE a.t - u.first_day > th.l), 0) AS BIGINT) AS measurable_users
FROM ${byFirstDay} u CROSS JOIN as_of a CROSS JOIN threshold th
GROUP BY cohort
ORDER BY cohort`;
}

/**
 * Churned users as of t by a users-file attribute (as text): the TOP_VALUES values with most
 * users one by one, then the rest as one row with `other` true. Users without a row in the
 * users file, or with the attribute empty, have the value null. Rows: value, other, users,
 * churned, churned_share, as_of, threshold.
 */
export function churnByAttributeQuery(spec: ChurnByAttributeSpec): Sql {
  return sql`${usersAsOf(spec)}, valued AS (
  SELECT CAST(x.${ident(spec.attribute)} AS VARCHAR) AS value, u.churned
  FROM per_user u LEFT JOIN ${tables.users} x ON x.user_id = u.user_id
), grouped AS (
  SELECT value, count(*) AS users, count(*) FILTER (WHERE churned) AS churned FROM valued GROUP BY value
), ranked AS (
  SELECT *, row_number() OVER (ORDER BY users DESC, value NULLS LAST) AS rank FROM grouped
)
SELECT CASE WHEN r.rank <= ${TOP_VALUES} THEN r.value END AS value, r.rank > ${TOP_VALUES} AS other,
  CAST(sum(r.users) AS BIGINT) AS users, CAST(sum(r.churned) AS BIGINT) AS churned, sum(r.churned) / sum(r.users) AS churned_share,
  any_value(a.t) AS as_of, any_value(th.l) AS threshold
FROM ranked r CROSS JOIN as_of a CROSS JOIN threshold th
GROUP BY 1, 2
ORDER BY min(r.rank)`;
}
