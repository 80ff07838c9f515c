import { dateLit, ident, join, raw, sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';

/** Four ascending breaks give five scores (see `scoreExpression`). */
export type ScoreBreaks = readonly number[];

export interface RfmSpec {
  /** Reference date t0 (YYYY-MM-DD, a local day); null = the day after the last purchase. */
  asOf: string | null;
  /** F counts orders, or distinct purchase days. */
  frequency: 'orders' | 'days';
  /** A column of the events table holding an order id; null = each purchase event is one order. */
  orderColumn: string | null;
  /** M is the total amount, or the mean order value (total / orders). */
  monetary: 'total' | 'mean';
  /** High or low against the mean or the median, for the eight classic groups. */
  split: 'mean' | 'median';
  /** Custom score breaks per measure; null = quintiles. */
  rBreaks: ScoreBreaks | null;
  fBreaks: ScoreBreaks | null;
  mBreaks: ScoreBreaks | null;
}

/** The eight classic groups (RFM 八大客户类型), as codes: M high or low, then R and F. */
export const classicGroups = [
  'important-value',
  'important-develop',
  'important-keep',
  'important-winback',
  'general-value',
  'general-develop',
  'general-keep',
  'general-winback',
] as const;
export type ClassicGroup = (typeof classicGroups)[number];

/** The columns of the per-customer table (and of its CSV), in order. */
export const customerColumns = [
  'user_id',
  'recency_days',
  'frequency',
  'monetary',
  'r_score',
  'f_score',
  'm_score',
  'group',
] as const;

type Measure = 'r' | 'f' | 'm';

const measureColumn: Record<Measure, Sql> = {
  r: raw('recency_days'),
  f: raw('frequency'),
  m: raw('monetary'),
};

/**
 * The score of one measure. Quintiles keep ties together: a customer's score is the fifth
 * of the sorted customers in which the first customer with the same value stands,
 * floor(5 (rank - 1) / n) + 1 with rank() (ties share the lowest rank), so equal values
 * never get different scores, unlike NTILE. That is 1 + the number of k = 1..4 for which
 * the value lies strictly beyond the ceil(k n / 5)-th sorted value: four order statistics
 * (`cuts`) instead of a window sort per measure. R is sorted from the longest recency
 * down, so the most recent get 5. Custom breaks b1 < b2 < b3 < b4: F and M score 1 + the
 * number of breaks they reach (value >= b); R scores 5 when recency <= b1, 4 when <= b2,
 * ..., 1 above b4.
 */
function scoreExpression(measure: Measure, breaks: ScoreBreaks | null): Sql {
  const c = sql`m.${measureColumn[measure]}`;
  const reversed = measure === 'r';
  if (breaks === null) {
    const beyond = (k: number) => sql`CAST(${c} ${raw(reversed ? '<' : '>')} q.${raw(`${measure}${k}`)} AS INTEGER)`;
    return sql`1 + ${join([1, 2, 3, 4].map(beyond), ' + ')}`;
  }
  const [b1, b2, b3, b4] = breaks;
  if (b1 === undefined || b2 === undefined || b3 === undefined || b4 === undefined) throw new Error('four breaks expected');
  return reversed
    ? sql`CASE WHEN ${c} <= ${b1} THEN 5 WHEN ${c} <= ${b2} THEN 4 WHEN ${c} <= ${b3} THEN 3 WHEN ${c} <= ${b4} THEN 2 ELSE 1 END`
    : sql`CASE WHEN ${c} >= ${b4} THEN 5 WHEN ${c} >= ${b3} THEN 4 WHEN ${c} >= ${b2} THEN 3 WHEN ${c} >= ${b1} THEN 2 ELSE 1 END`;
}

/** One row: the high/low thresholds, and the quintile cuts r1..r4, f1..f4, m1..m4 of measures without custom breaks. */
function cutsQuery(spec: RfmSpec): Sql {
  const center = spec.split === 'mean' ? raw('avg') : raw('median');
  const splits = sql`${center}(recency_days) AS r_split, ${center}(frequency) AS f_split, ${center}(monetary) AS m_split`;
  const quintile = (['r', 'f', 'm'] as const).filter((m) => spec[`${m}Breaks`] === null);
  if (quintile.length === 0) return sql`SELECT ${splits} FROM measured`;
  const lists = quintile.map(
    (m) => sql`${raw(m === 'r' ? 'list_reverse_sort' : 'list_sort')}(list(${measureColumn[m]})) AS ${raw(`${m}_sorted`)}`,
  );
  const cuts = quintile.map((m) =>
    join([1, 2, 3, 4].map((k) => sql`${raw(`${m}_sorted`)}[(${k} * n + 4) // 5] AS ${raw(`${m}${k}`)}`)),
  );
  return sql`SELECT r_split, f_split, m_split,
    ${join(cuts, ',\n    ')}
  FROM (
    SELECT count(*) AS n, ${splits},
      ${join(lists, ',\n      ')}
    FROM measured
  )`;
}

/**
 * Per-customer R, F, M, scores and classic group as common table expressions ending in
 * `scored`. Purchases are events with an amount, before t0. R and the amounts come from
 * user_day_event (local days); order ids from the events table, whose rows before local
 * day t0 are exactly those up to the last instant seen on a day before t0 (days follow
 * instants), which spares the time-zone conversion per event.
 */
function scoredCustomers(spec: RfmSpec): Sql {
  const t0 = spec.asOf === null ? null : dateLit(spec.asOf);
  const beforeT0 = t0 === null ? raw('') : sql` AND day < ${t0}`;
  const reference = t0 === null ? sql`SELECT max(last_day) + 1 AS t0 FROM customers` : sql`SELECT ${t0} AS t0`;
  // Order ids are read only when something counts orders: F, or M as the mean order value.
  const countsOrders = spec.frequency === 'orders' || spec.monetary === 'mean';
  const order = spec.orderColumn === null || !countsOrders ? null : ident(spec.orderColumn);
  const orders =
    order === null
      ? raw('')
      : sql`, orders AS (
  -- a purchase without an order id is an order of its own
  SELECT user_id, count(DISTINCT CAST(${order} AS VARCHAR)) + count(*) FILTER (WHERE ${order} IS NULL) AS orders
  FROM ${tables.events}
  WHERE amount IS NOT NULL
    AND ts <= (SELECT max(u.last_ts) FROM ${tables.userDayEvent} u, reference r WHERE u.day < r.t0)
  GROUP BY user_id
)`;
  const orderCount = order === null ? raw('c.purchases') : raw('o.orders');
  // Distinct days cost a distinct aggregate: only when F counts them.
  const days = spec.frequency === 'days' ? raw(', count(DISTINCT day) AS days') : raw('');
  const frequency = spec.frequency === 'days' ? raw('c.days') : orderCount;
  // Rounded so that equal amounts summed in another order still tie.
  const monetary = spec.monetary === 'total' ? raw('round(c.revenue, 6)') : sql`round(c.revenue / ${orderCount}, 6)`;
  const joinOrders = order === null ? raw('') : raw('\n  JOIN orders o USING (user_id)');
  const classic = (tier: string) => sql`CASE WHEN m.recency_days < q.r_split
        THEN CASE WHEN m.frequency > q.f_split THEN ${`${tier}-value`} ELSE ${`${tier}-develop`} END
        ELSE CASE WHEN m.frequency > q.f_split THEN ${`${tier}-keep`} ELSE ${`${tier}-winback`} END
      END`;
  return sql`customers AS (
  SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue${days}
  FROM ${tables.userDayEvent}
  WHERE amount_n > 0${beforeT0}
  GROUP BY user_id
), reference AS (
  ${reference}
)${orders}, measured AS (
  SELECT c.user_id, r.t0 - c.last_day AS recency_days, ${frequency} AS frequency, ${monetary} AS monetary, c.revenue
  FROM customers c CROSS JOIN reference r${joinOrders}
), cuts AS (
  ${cutsQuery(spec)}
), scored AS (
  SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
    ${scoreExpression('r', spec.rBreaks)} AS r_score,
    ${scoreExpression('f', spec.fBreaks)} AS f_score,
    ${scoreExpression('m', spec.mBreaks)} AS m_score,
    CASE WHEN m.monetary > q.m_split THEN
      ${classic('important')}
    ELSE
      ${classic('general')}
    END AS ${ident('group')}
  FROM measured m CROSS JOIN cuts q
)`;
}

/**
 * RFM per customer (METRICS.md, RFM): user_id, recency_days (days from the last purchase
 * day to t0), frequency, monetary, the three scores and the classic group, one row per
 * customer with a purchase before t0, by user id.
 */
export function rfmCustomersQuery(spec: RfmSpec): Sql {
  return sql`WITH ${scoredCustomers(spec)}
SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, ${ident('group')}
FROM scored
ORDER BY user_id`;
}

/**
 * One customer's row of rfmCustomersQuery: scored against every customer, then picked, since
 * quintiles and the high/low thresholds are relative to everyone. No row = no purchase before t0.
 */
export function rfmCustomerQuery(spec: RfmSpec, userId: string): Sql {
  return sql`WITH ${scoredCustomers(spec)}
SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, ${ident('group')}
FROM scored
WHERE user_id = ${userId}`;
}

/**
 * RFM per cell (r_score, f_score, m_score, classic group): customers, sums for the means,
 * revenue (the total amount, whatever M is), the value range of each measure, and t0 and
 * the high/low thresholds (the same on every row). Everything the page draws adds these up.
 */
export function rfmCellsQuery(spec: RfmSpec): Sql {
  return sql`WITH ${scoredCustomers(spec)}
SELECT c.r_score, c.f_score, c.m_score, c.${ident('group')},
  count(*) AS users,
  sum(c.recency_days) AS recency_sum, sum(c.frequency) AS frequency_sum, sum(c.monetary) AS monetary_sum,
  sum(c.revenue) AS revenue,
  min(c.recency_days) AS recency_min, max(c.recency_days) AS recency_max,
  min(c.frequency) AS frequency_min, max(c.frequency) AS frequency_max,
  min(c.monetary) AS monetary_min, max(c.monetary) AS monetary_max,
  r.t0, q.r_split, q.f_split, q.m_split
FROM scored c CROSS JOIN reference r CROSS JOIN cuts q
GROUP BY ALL
ORDER BY c.r_score DESC, c.f_score DESC, c.m_score DESC, c.${ident('group')}`;
}

/** The events table's columns other than the canonical ones: candidates for an order id. */
export function eventColumnsQuery(): Sql {
  return sql`SELECT column_name FROM (DESCRIBE ${tables.events})
WHERE column_name NOT IN ('user_id', 'ts', 'event', 'amount')`;
}
