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
 * What the BG/NBD panel checks before it fits: the data's first and last day, and the number of
 * (user, day, event) rows with a purchase and the first and last purchase day. No DISTINCT here:
 * the check needs only whether there are purchases and when.
 */
export function purchaseFactsQuery(spec: Pick<BgNbdSpec, 'event'>): Sql {
  const which = spec.event === null ? raw('') : sql` AND event = ${spec.event}`;
  return sql`WITH purchases AS (
  SELECT count(*) AS purchase_rows, min(day) AS first_purchase_day, max(day) AS last_purchase_day
  FROM ${tables.userDayEvent} WHERE amount_n > 0${which}
), bounds AS (
  SELECT min(day) AS data_first_day, max(day) AS data_last_day FROM ${tables.activity}
)
SELECT b.data_first_day, b.data_last_day, p.purchase_rows, p.first_purchase_day, p.last_purchase_day
FROM bounds b CROSS JOIN purchases p`;
}

/**
 * Per customer whose first purchase is on or before the calibration end (Fader, Hardie & Lee
 * 2005): x = repeat purchase occasions up to it, t_x_days = days from the first to the last of
 * those occasions, T_days = days from the first purchase to the calibration end, and holdout_x,
 * the occasions after it; ordered by user id (numerically when ids are numbers). Whole days, so
 * that customers group exactly by (x, t_x, T) in the run; it divides by the unit's days.
 */
export function purchaseSummaryQuery(spec: Pick<BgNbdSpec, 'event'>, calibrationEnd: string): Sql {
  const end = dateLit(calibrationEnd);
  return sql`SELECT user_id,
  CAST(count(*) FILTER (WHERE day <= ${end}) - 1 AS INTEGER) AS x,
  CAST(max(day) FILTER (WHERE day <= ${end}) - min(day) AS INTEGER) AS t_x_days,
  CAST(${end} - min(day) AS INTEGER) AS "T_days",
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
