import { ident, raw, sql, type Sql } from '../sql';
import { unionByName } from './union-by-name';

/** An events stage's rows that load: kept by the rules, with a user, a time and an event. */
const loadedEventRows = raw(
  'NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)',
);

/**
 * Per events stage: rows read, rows left out by a rule, then among the rest rows without a
 * user id, rows whose time did not parse, rows without an event name; among the rows that
 * load, amounts that are numbers but no finite ones (see nonFiniteAmountsQueries); and the
 * naive time range. One scan of the stage for all of them.
 */
export function eventStageReportQuery(stage: string): Sql {
  const t = ident(stage);
  return sql`SELECT count(*) AS rows_read,
  count(*) FILTER (WHERE excluded) AS excluded,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NULL) AS null_user_ids,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND ts_local IS NULL AND ts_utc IS NULL) AS bad_times,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL) AND event IS NULL) AS null_events,
  count(*) FILTER (WHERE ${loadedEventRows} AND NOT isfinite(amount)) AS non_finite_amounts,
  least(min(ts_local), min(ts_utc)) AS min_ts,
  greatest(max(ts_local), max(ts_utc)) AS max_ts
FROM ${t}`;
}

/** Per users stage: rows read, left out by a rule, without a user id, repeated ids; the signup range. */
export function userStageReportQuery(stage: string): Sql {
  const t = ident(stage);
  return sql`SELECT count(*) AS rows_read,
  count(*) FILTER (WHERE excluded) AS excluded,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NULL) AS null_user_ids,
  count(user_id) FILTER (WHERE NOT excluded) - count(DISTINCT user_id) FILTER (WHERE NOT excluded) AS duplicate_ids,
  least(min(created_local), min(created_utc)) AS min_ts,
  greatest(max(created_local), max(created_utc)) AS max_ts
FROM ${t}`;
}

/** Per identity stage: rows read, left out by a rule, and rows missing either id. */
export function identityStageReportQuery(stage: string): Sql {
  return sql`SELECT count(*) AS rows_read,
  count(*) FILTER (WHERE excluded) AS excluded,
  count(*) FILTER (WHERE NOT excluded AND (user_id IS NULL OR anonymous_id IS NULL)) AS null_user_ids,
  CAST(NULL AS TIMESTAMP) AS min_ts,
  CAST(NULL AS TIMESTAMP) AS max_ts
FROM ${ident(stage)}`;
}

/** What the identity map did: pairs, anonymous ids with several users, events re-attributed. */
export function identityReportQuery(eventStages: readonly string[]): Sql {
  const body = unionByName(eventStages, (s) => sql`SELECT user_id FROM ${s} WHERE NOT excluded AND user_id IS NOT NULL`);
  return sql`SELECT (SELECT count(*) FROM identity) AS pairs,
  (SELECT count(*) FILTER (WHERE user_ids > 1) FROM identity) AS conflicts,
  (SELECT count(*) FROM (${body}) e JOIN identity m ON m.anonymous_id = e.user_id) AS moved_events,
  (SELECT count(DISTINCT e.user_id) FROM (${body}) e JOIN identity m ON m.anonymous_id = e.user_id) AS moved_ids`;
}

/** The amount's columns as a stage holds them: the price (or amount) and the quantity. */
export interface AmountInputs {
  amount: string;
  quantity?: string;
}

/**
 * Among the rows an events stage loads, those with every amount column filled and still no
 * amount (a value that is no number): `count` counts them, `examples` gives up to three.
 */
export function unreadableAmountsQueries(stage: string, inputs: AmountInputs): { count: Sql; examples: Sql } {
  const filled = (c: string) => sql`trim(CAST(${ident(c)} AS VARCHAR)) <> ''`;
  const quantity = inputs.quantity;
  const rows = sql`FROM ${ident(stage)}
WHERE ${loadedEventRows}
  AND amount IS NULL AND ${filled(inputs.amount)}${quantity ? sql` AND ${filled(quantity)}` : raw('')}`;
  const shown = quantity
    ? sql`CAST(${ident(inputs.amount)} AS VARCHAR) || ' × ' || CAST(${ident(quantity)} AS VARCHAR)`
    : sql`CAST(${ident(inputs.amount)} AS VARCHAR)`;
  return {
    count: sql`SELECT count(*) AS n ${rows}`,
    examples: sql`SELECT DISTINCT ${shown} AS value ${rows} ORDER BY value LIMIT 3`,
  };
}

/**
 * Amounts that DuckDB read as numbers but are none for revenue: `NaN`, `Infinity`, `-inf`,
 * and values beyond DOUBLE such as `1e400` (read as infinity). The stage's report counts them
 * among the rows it loads; `examples` gives up to three of those, and `clear` makes every
 * such amount NULL (no amount), as for text that is no number.
 */
export function nonFiniteAmountsQueries(stage: string): { examples: Sql; clear: Sql } {
  const t = ident(stage);
  const rows = sql`FROM ${t}
WHERE ${loadedEventRows} AND NOT isfinite(amount)`;
  return {
    examples: sql`SELECT DISTINCT CAST(amount AS VARCHAR) AS value ${rows} ORDER BY value LIMIT 3`,
    clear: sql`UPDATE ${t} SET amount = NULL WHERE NOT isfinite(amount)`,
  };
}
