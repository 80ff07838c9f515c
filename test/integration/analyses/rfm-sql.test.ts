import { describe, expect, it } from 'vitest';
import { eventColumnsQuery, rfmCellsQuery, rfmCustomersQuery, type RfmSpec } from '../../../src/analyses/rfm/rfm-query';
import { exactAndValid } from '../../helpers/valid-sql';

const base: RfmSpec = {
  asOf: null,
  frequency: 'orders',
  orderColumn: null,
  monetary: 'total',
  split: 'mean',
  rBreaks: null,
  fBreaks: null,
  mBreaks: null,
};

describe('RFM SQL: exact text, and DuckDB binds it', () => {
  it('per customer: t0 after the last purchase, purchase events, total, quintiles, mean split', async () => {
    expect(await exactAndValid(rfmCustomersQuery(base))).toMatchInlineSnapshot(`
      "WITH customers AS (
        SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue
        FROM user_day_event
        WHERE amount_n > 0
        GROUP BY user_id
      ), reference AS (
        SELECT max(last_day) + 1 AS t0 FROM customers
      ), measured AS (
        SELECT c.user_id, r.t0 - c.last_day AS recency_days, c.purchases AS frequency, round(c.revenue, 6) AS monetary, c.revenue
        FROM customers c CROSS JOIN reference r
      ), cuts AS (
        SELECT r_split, f_split, m_split,
          r_sorted[(1 * n + 4) // 5] AS r1, r_sorted[(2 * n + 4) // 5] AS r2, r_sorted[(3 * n + 4) // 5] AS r3, r_sorted[(4 * n + 4) // 5] AS r4,
          f_sorted[(1 * n + 4) // 5] AS f1, f_sorted[(2 * n + 4) // 5] AS f2, f_sorted[(3 * n + 4) // 5] AS f3, f_sorted[(4 * n + 4) // 5] AS f4,
          m_sorted[(1 * n + 4) // 5] AS m1, m_sorted[(2 * n + 4) // 5] AS m2, m_sorted[(3 * n + 4) // 5] AS m3, m_sorted[(4 * n + 4) // 5] AS m4
        FROM (
          SELECT count(*) AS n, avg(recency_days) AS r_split, avg(frequency) AS f_split, avg(monetary) AS m_split,
            list_reverse_sort(list(recency_days)) AS r_sorted,
            list_sort(list(frequency)) AS f_sorted,
            list_sort(list(monetary)) AS m_sorted
          FROM measured
        )
      ), scored AS (
        SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
          1 + CAST(m.recency_days < q.r1 AS INTEGER) + CAST(m.recency_days < q.r2 AS INTEGER) + CAST(m.recency_days < q.r3 AS INTEGER) + CAST(m.recency_days < q.r4 AS INTEGER) AS r_score,
          1 + CAST(m.frequency > q.f1 AS INTEGER) + CAST(m.frequency > q.f2 AS INTEGER) + CAST(m.frequency > q.f3 AS INTEGER) + CAST(m.frequency > q.f4 AS INTEGER) AS f_score,
          1 + CAST(m.monetary > q.m1 AS INTEGER) + CAST(m.monetary > q.m2 AS INTEGER) + CAST(m.monetary > q.m3 AS INTEGER) + CAST(m.monetary > q.m4 AS INTEGER) AS m_score,
          CASE WHEN m.monetary > q.m_split THEN
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'important-value' ELSE 'important-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'important-keep' ELSE 'important-winback' END
            END
          ELSE
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'general-value' ELSE 'general-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'general-keep' ELSE 'general-winback' END
            END
          END AS "group"
        FROM measured m CROSS JOIN cuts q
      )
      SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, "group"
      FROM scored
      ORDER BY user_id"
    `);
  });

  it('per customer: t0 given, an order id column, mean order value, median split', async () => {
    expect(
      await exactAndValid(
        rfmCustomersQuery({ ...base, asOf: '2024-02-01', orderColumn: 'order_id', monetary: 'mean', split: 'median' }),
      ),
    ).toMatchInlineSnapshot(`
      "WITH customers AS (
        SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue
        FROM user_day_event
        WHERE amount_n > 0 AND day < DATE '2024-02-01'
        GROUP BY user_id
      ), reference AS (
        SELECT DATE '2024-02-01' AS t0
      ), orders AS (
        -- a purchase without an order id is an order of its own
        SELECT user_id, count(DISTINCT CAST("order_id" AS VARCHAR)) + count(*) FILTER (WHERE "order_id" IS NULL) AS orders
        FROM events
        WHERE amount IS NOT NULL
          AND ts <= (SELECT max(u.last_ts) FROM user_day_event u, reference r WHERE u.day < r.t0)
        GROUP BY user_id
      ), measured AS (
        SELECT c.user_id, r.t0 - c.last_day AS recency_days, o.orders AS frequency, round(c.revenue / o.orders, 6) AS monetary, c.revenue
        FROM customers c CROSS JOIN reference r
        JOIN orders o USING (user_id)
      ), cuts AS (
        SELECT r_split, f_split, m_split,
          r_sorted[(1 * n + 4) // 5] AS r1, r_sorted[(2 * n + 4) // 5] AS r2, r_sorted[(3 * n + 4) // 5] AS r3, r_sorted[(4 * n + 4) // 5] AS r4,
          f_sorted[(1 * n + 4) // 5] AS f1, f_sorted[(2 * n + 4) // 5] AS f2, f_sorted[(3 * n + 4) // 5] AS f3, f_sorted[(4 * n + 4) // 5] AS f4,
          m_sorted[(1 * n + 4) // 5] AS m1, m_sorted[(2 * n + 4) // 5] AS m2, m_sorted[(3 * n + 4) // 5] AS m3, m_sorted[(4 * n + 4) // 5] AS m4
        FROM (
          SELECT count(*) AS n, median(recency_days) AS r_split, median(frequency) AS f_split, median(monetary) AS m_split,
            list_reverse_sort(list(recency_days)) AS r_sorted,
            list_sort(list(frequency)) AS f_sorted,
            list_sort(list(monetary)) AS m_sorted
          FROM measured
        )
      ), scored AS (
        SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
          1 + CAST(m.recency_days < q.r1 AS INTEGER) + CAST(m.recency_days < q.r2 AS INTEGER) + CAST(m.recency_days < q.r3 AS INTEGER) + CAST(m.recency_days < q.r4 AS INTEGER) AS r_score,
          1 + CAST(m.frequency > q.f1 AS INTEGER) + CAST(m.frequency > q.f2 AS INTEGER) + CAST(m.frequency > q.f3 AS INTEGER) + CAST(m.frequency > q.f4 AS INTEGER) AS f_score,
          1 + CAST(m.monetary > q.m1 AS INTEGER) + CAST(m.monetary > q.m2 AS INTEGER) + CAST(m.monetary > q.m3 AS INTEGER) + CAST(m.monetary > q.m4 AS INTEGER) AS m_score,
          CASE WHEN m.monetary > q.m_split THEN
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'important-value' ELSE 'important-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'important-keep' ELSE 'important-winback' END
            END
          ELSE
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'general-value' ELSE 'general-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'general-keep' ELSE 'general-winback' END
            END
          END AS "group"
        FROM measured m CROSS JOIN cuts q
      )
      SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, "group"
      FROM scored
      ORDER BY user_id"
    `);
  });

  it('per customer: purchase days, custom breaks (a quoted column name too)', async () => {
    expect(
      await exactAndValid(
        rfmCustomersQuery({
          ...base,
          frequency: 'days',
          orderColumn: 'order"id',
          monetary: 'mean',
          rBreaks: [7, 30, 90, 180],
          fBreaks: [2, 3, 5, 10],
          mBreaks: [10.5, 50, 100, 500],
        }),
        'ALTER TABLE events ADD COLUMN IF NOT EXISTS "order""id" VARCHAR',
      ),
    ).toMatchInlineSnapshot(`
      "WITH customers AS (
        SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue, count(DISTINCT day) AS days
        FROM user_day_event
        WHERE amount_n > 0
        GROUP BY user_id
      ), reference AS (
        SELECT max(last_day) + 1 AS t0 FROM customers
      ), orders AS (
        -- a purchase without an order id is an order of its own
        SELECT user_id, count(DISTINCT CAST("order""id" AS VARCHAR)) + count(*) FILTER (WHERE "order""id" IS NULL) AS orders
        FROM events
        WHERE amount IS NOT NULL
          AND ts <= (SELECT max(u.last_ts) FROM user_day_event u, reference r WHERE u.day < r.t0)
        GROUP BY user_id
      ), measured AS (
        SELECT c.user_id, r.t0 - c.last_day AS recency_days, c.days AS frequency, round(c.revenue / o.orders, 6) AS monetary, c.revenue
        FROM customers c CROSS JOIN reference r
        JOIN orders o USING (user_id)
      ), cuts AS (
        SELECT avg(recency_days) AS r_split, avg(frequency) AS f_split, avg(monetary) AS m_split FROM measured
      ), scored AS (
        SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
          CASE WHEN m.recency_days <= 7 THEN 5 WHEN m.recency_days <= 30 THEN 4 WHEN m.recency_days <= 90 THEN 3 WHEN m.recency_days <= 180 THEN 2 ELSE 1 END AS r_score,
          CASE WHEN m.frequency >= 10 THEN 5 WHEN m.frequency >= 5 THEN 4 WHEN m.frequency >= 3 THEN 3 WHEN m.frequency >= 2 THEN 2 ELSE 1 END AS f_score,
          CASE WHEN m.monetary >= 500 THEN 5 WHEN m.monetary >= 100 THEN 4 WHEN m.monetary >= 50 THEN 3 WHEN m.monetary >= 10.5::DOUBLE THEN 2 ELSE 1 END AS m_score,
          CASE WHEN m.monetary > q.m_split THEN
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'important-value' ELSE 'important-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'important-keep' ELSE 'important-winback' END
            END
          ELSE
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'general-value' ELSE 'general-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'general-keep' ELSE 'general-winback' END
            END
          END AS "group"
        FROM measured m CROSS JOIN cuts q
      )
      SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, "group"
      FROM scored
      ORDER BY user_id"
    `);
  });

  it('per customer: purchase days and total leave the order column unread', async () => {
    expect(await exactAndValid(rfmCustomersQuery({ ...base, frequency: 'days', orderColumn: 'order_id' })))
      .toMatchInlineSnapshot(`
        "WITH customers AS (
          SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue, count(DISTINCT day) AS days
          FROM user_day_event
          WHERE amount_n > 0
          GROUP BY user_id
        ), reference AS (
          SELECT max(last_day) + 1 AS t0 FROM customers
        ), measured AS (
          SELECT c.user_id, r.t0 - c.last_day AS recency_days, c.days AS frequency, round(c.revenue, 6) AS monetary, c.revenue
          FROM customers c CROSS JOIN reference r
        ), cuts AS (
          SELECT r_split, f_split, m_split,
            r_sorted[(1 * n + 4) // 5] AS r1, r_sorted[(2 * n + 4) // 5] AS r2, r_sorted[(3 * n + 4) // 5] AS r3, r_sorted[(4 * n + 4) // 5] AS r4,
            f_sorted[(1 * n + 4) // 5] AS f1, f_sorted[(2 * n + 4) // 5] AS f2, f_sorted[(3 * n + 4) // 5] AS f3, f_sorted[(4 * n + 4) // 5] AS f4,
            m_sorted[(1 * n + 4) // 5] AS m1, m_sorted[(2 * n + 4) // 5] AS m2, m_sorted[(3 * n + 4) // 5] AS m3, m_sorted[(4 * n + 4) // 5] AS m4
          FROM (
            SELECT count(*) AS n, avg(recency_days) AS r_split, avg(frequency) AS f_split, avg(monetary) AS m_split,
              list_reverse_sort(list(recency_days)) AS r_sorted,
              list_sort(list(frequency)) AS f_sorted,
              list_sort(list(monetary)) AS m_sorted
            FROM measured
          )
        ), scored AS (
          SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
            1 + CAST(m.recency_days < q.r1 AS INTEGER) + CAST(m.recency_days < q.r2 AS INTEGER) + CAST(m.recency_days < q.r3 AS INTEGER) + CAST(m.recency_days < q.r4 AS INTEGER) AS r_score,
            1 + CAST(m.frequency > q.f1 AS INTEGER) + CAST(m.frequency > q.f2 AS INTEGER) + CAST(m.frequency > q.f3 AS INTEGER) + CAST(m.frequency > q.f4 AS INTEGER) AS f_score,
            1 + CAST(m.monetary > q.m1 AS INTEGER) + CAST(m.monetary > q.m2 AS INTEGER) + CAST(m.monetary > q.m3 AS INTEGER) + CAST(m.monetary > q.m4 AS INTEGER) AS m_score,
            CASE WHEN m.monetary > q.m_split THEN
              CASE WHEN m.recency_days < q.r_split
                THEN CASE WHEN m.frequency > q.f_split THEN 'important-value' ELSE 'important-develop' END
                ELSE CASE WHEN m.frequency > q.f_split THEN 'important-keep' ELSE 'important-winback' END
              END
            ELSE
              CASE WHEN m.recency_days < q.r_split
                THEN CASE WHEN m.frequency > q.f_split THEN 'general-value' ELSE 'general-develop' END
                ELSE CASE WHEN m.frequency > q.f_split THEN 'general-keep' ELSE 'general-winback' END
              END
            END AS "group"
          FROM measured m CROSS JOIN cuts q
        )
        SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, "group"
        FROM scored
        ORDER BY user_id"
      `);
  });

  it('per customer: mean order value over purchase events', async () => {
    expect(await exactAndValid(rfmCustomersQuery({ ...base, monetary: 'mean' }))).toMatchInlineSnapshot(`
      "WITH customers AS (
        SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue
        FROM user_day_event
        WHERE amount_n > 0
        GROUP BY user_id
      ), reference AS (
        SELECT max(last_day) + 1 AS t0 FROM customers
      ), measured AS (
        SELECT c.user_id, r.t0 - c.last_day AS recency_days, c.purchases AS frequency, round(c.revenue / c.purchases, 6) AS monetary, c.revenue
        FROM customers c CROSS JOIN reference r
      ), cuts AS (
        SELECT r_split, f_split, m_split,
          r_sorted[(1 * n + 4) // 5] AS r1, r_sorted[(2 * n + 4) // 5] AS r2, r_sorted[(3 * n + 4) // 5] AS r3, r_sorted[(4 * n + 4) // 5] AS r4,
          f_sorted[(1 * n + 4) // 5] AS f1, f_sorted[(2 * n + 4) // 5] AS f2, f_sorted[(3 * n + 4) // 5] AS f3, f_sorted[(4 * n + 4) // 5] AS f4,
          m_sorted[(1 * n + 4) // 5] AS m1, m_sorted[(2 * n + 4) // 5] AS m2, m_sorted[(3 * n + 4) // 5] AS m3, m_sorted[(4 * n + 4) // 5] AS m4
        FROM (
          SELECT count(*) AS n, avg(recency_days) AS r_split, avg(frequency) AS f_split, avg(monetary) AS m_split,
            list_reverse_sort(list(recency_days)) AS r_sorted,
            list_sort(list(frequency)) AS f_sorted,
            list_sort(list(monetary)) AS m_sorted
          FROM measured
        )
      ), scored AS (
        SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
          1 + CAST(m.recency_days < q.r1 AS INTEGER) + CAST(m.recency_days < q.r2 AS INTEGER) + CAST(m.recency_days < q.r3 AS INTEGER) + CAST(m.recency_days < q.r4 AS INTEGER) AS r_score,
          1 + CAST(m.frequency > q.f1 AS INTEGER) + CAST(m.frequency > q.f2 AS INTEGER) + CAST(m.frequency > q.f3 AS INTEGER) + CAST(m.frequency > q.f4 AS INTEGER) AS f_score,
          1 + CAST(m.monetary > q.m1 AS INTEGER) + CAST(m.monetary > q.m2 AS INTEGER) + CAST(m.monetary > q.m3 AS INTEGER) + CAST(m.monetary > q.m4 AS INTEGER) AS m_score,
          CASE WHEN m.monetary > q.m_split THEN
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'important-value' ELSE 'important-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'important-keep' ELSE 'important-winback' END
            END
          ELSE
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'general-value' ELSE 'general-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'general-keep' ELSE 'general-winback' END
            END
          END AS "group"
        FROM measured m CROSS JOIN cuts q
      )
      SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score, "group"
      FROM scored
      ORDER BY user_id"
    `);
  });

  it('cells: scores x classic group with sums, ranges, t0 and thresholds', async () => {
    expect(await exactAndValid(rfmCellsQuery({ ...base, asOf: '2024-02-01' }))).toMatchInlineSnapshot(`
      "WITH customers AS (
        SELECT user_id, max(day) AS last_day, CAST(sum(amount_n) AS BIGINT) AS purchases, sum(amount) AS revenue
        FROM user_day_event
        WHERE amount_n > 0 AND day < DATE '2024-02-01'
        GROUP BY user_id
      ), reference AS (
        SELECT DATE '2024-02-01' AS t0
      ), measured AS (
        SELECT c.user_id, r.t0 - c.last_day AS recency_days, c.purchases AS frequency, round(c.revenue, 6) AS monetary, c.revenue
        FROM customers c CROSS JOIN reference r
      ), cuts AS (
        SELECT r_split, f_split, m_split,
          r_sorted[(1 * n + 4) // 5] AS r1, r_sorted[(2 * n + 4) // 5] AS r2, r_sorted[(3 * n + 4) // 5] AS r3, r_sorted[(4 * n + 4) // 5] AS r4,
          f_sorted[(1 * n + 4) // 5] AS f1, f_sorted[(2 * n + 4) // 5] AS f2, f_sorted[(3 * n + 4) // 5] AS f3, f_sorted[(4 * n + 4) // 5] AS f4,
          m_sorted[(1 * n + 4) // 5] AS m1, m_sorted[(2 * n + 4) // 5] AS m2, m_sorted[(3 * n + 4) // 5] AS m3, m_sorted[(4 * n + 4) // 5] AS m4
        FROM (
          SELECT count(*) AS n, avg(recency_days) AS r_split, avg(frequency) AS f_split, avg(monetary) AS m_split,
            list_reverse_sort(list(recency_days)) AS r_sorted,
            list_sort(list(frequency)) AS f_sorted,
            list_sort(list(monetary)) AS m_sorted
          FROM measured
        )
      ), scored AS (
        SELECT m.user_id, m.recency_days, m.frequency, m.monetary, m.revenue,
          1 + CAST(m.recency_days < q.r1 AS INTEGER) + CAST(m.recency_days < q.r2 AS INTEGER) + CAST(m.recency_days < q.r3 AS INTEGER) + CAST(m.recency_days < q.r4 AS INTEGER) AS r_score,
          1 + CAST(m.frequency > q.f1 AS INTEGER) + CAST(m.frequency > q.f2 AS INTEGER) + CAST(m.frequency > q.f3 AS INTEGER) + CAST(m.frequency > q.f4 AS INTEGER) AS f_score,
          1 + CAST(m.monetary > q.m1 AS INTEGER) + CAST(m.monetary > q.m2 AS INTEGER) + CAST(m.monetary > q.m3 AS INTEGER) + CAST(m.monetary > q.m4 AS INTEGER) AS m_score,
          CASE WHEN m.monetary > q.m_split THEN
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'important-value' ELSE 'important-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'important-keep' ELSE 'important-winback' END
            END
          ELSE
            CASE WHEN m.recency_days < q.r_split
              THEN CASE WHEN m.frequency > q.f_split THEN 'general-value' ELSE 'general-develop' END
              ELSE CASE WHEN m.frequency > q.f_split THEN 'general-keep' ELSE 'general-winback' END
            END
          END AS "group"
        FROM measured m CROSS JOIN cuts q
      )
      SELECT c.r_score, c.f_score, c.m_score, c."group",
        count(*) AS users,
        sum(c.recency_days) AS recency_sum, sum(c.frequency) AS frequency_sum, sum(c.monetary) AS monetary_sum,
        sum(c.revenue) AS revenue,
        min(c.recency_days) AS recency_min, max(c.recency_days) AS recency_max,
        min(c.frequency) AS frequency_min, max(c.frequency) AS frequency_max,
        min(c.monetary) AS monetary_min, max(c.monetary) AS monetary_max,
        r.t0, q.r_split, q.f_split, q.m_split
      FROM scored c CROSS JOIN reference r CROSS JOIN cuts q
      GROUP BY ALL
      ORDER BY c.r_score DESC, c.f_score DESC, c.m_score DESC, c."group""
    `);
  });

  it('the events file own columns', async () => {
    expect(await exactAndValid(eventColumnsQuery())).toMatchInlineSnapshot(`
      "SELECT column_name FROM (DESCRIBE events)
      WHERE column_name NOT IN ('user_id', 'ts', 'event', 'amount')"
    `);
  });
});
