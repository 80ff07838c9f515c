import { dateLit, raw, sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';

export type BgNbdUnit = 'day' | 'week';

export interface BgNbdSpec {
  /** Last local day (YYYY-MM-DD) of the calibration period; null = the data's last day. */
  calibrationEnd: string | null;
  unit: BgNbdUnit;
  /** Periods (in `unit`) over which expected purchases are predicted. */
  horizon: number;
  /** The purchase event; null = any event with an amount. */
  event: string | null;
}

const daysPerUnit: Record<BgNbdUnit, number> = { day: 1, week: 7 };

/**
 * Purchase occasions: the distinct local days on which a customer made a purchase (an event
 * with an amount), so several purchases on one day are one occasion (METRICS.md, BG/NBD).
 */
function purchaseDays(event: string | null): Sql {
  const which = event === null ? raw('') : sql` AND event = ${event}`;
  return sql`SELECT DISTINCT user_id, day FROM ${tables.userDayEvent} WHERE amount_n > 0${which}`;
}

/**
 * What the BG/NBD panel checks before it fits: the data's first and last day, and the
 * purchase occasions and customers with their first and last purchase day.
 */
export function purchaseFactsQuery(spec: Pick<BgNbdSpec, 'event'>): Sql {
  return sql`WITH purchases AS (
  ${purchaseDays(spec.event)}
), bounds AS (
  SELECT min(day) AS data_first_day, max(day) AS data_last_day FROM ${tables.activity}
)
SELECT b.data_first_day, b.data_last_day,
  count(p.day) AS occasions,
  count(DISTINCT p.user_id) AS customers,
  min(p.day) AS first_purchase_day,
  max(p.day) AS last_purchase_day
FROM bounds b LEFT JOIN purchases p ON TRUE
GROUP BY ALL`;
}

/**
 * Per customer whose first purchase is on or before the calibration end (Fader, Hardie & Lee
 * 2005): x = repeat purchase occasions up to it, t_x = first to last of those occasions, T =
 * first purchase to the calibration end, in `unit`; and holdout_x, the occasions after it.
 */
export function purchaseSummaryQuery(spec: Pick<BgNbdSpec, 'event' | 'unit'>, calibrationEnd: string): Sql {
  const end = dateLit(calibrationEnd);
  const per = daysPerUnit[spec.unit];
  const inUnit = (days: Sql) => (per === 1 ? sql`CAST(${days} AS DOUBLE)` : sql`CAST(${days} AS DOUBLE) / ${per}`);
  return sql`SELECT user_id,
  CAST(count(*) FILTER (WHERE day <= ${end}) - 1 AS INTEGER) AS x,
  ${inUnit(sql`max(day) FILTER (WHERE day <= ${end}) - min(day)`)} AS t_x,
  ${inUnit(sql`${end} - min(day)`)} AS "T",
  CAST(count(*) FILTER (WHERE day > ${end}) AS INTEGER) AS holdout_x
FROM (${purchaseDays(spec.event)})
GROUP BY user_id
HAVING min(day) <= ${end}
ORDER BY TRY_CAST(user_id AS BIGINT) NULLS LAST, user_id`;
}

/** Days in one unit. */
export function unitDays(unit: BgNbdUnit): number {
  return daysPerUnit[unit];
}
