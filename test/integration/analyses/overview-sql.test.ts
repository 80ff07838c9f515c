import { describe, expect, it } from 'vitest';
import { exactAndValid } from '../../helpers/valid-sql';
import { activeUsersQuery } from '../../../src/analyses/overview/active-users-query';
import { newUsersQuery } from '../../../src/analyses/overview/new-users-query';
import { revenueQuery } from '../../../src/analyses/overview/revenue-query';
import { topEventsQuery } from '../../../src/analyses/overview/top-events-query';
import { datasetSummaryQuery } from '../../../src/analyses/overview/summary-query';

describe('Overview SQL: exact text, and DuckDB binds it', () => {
  it('active users with core events and a 28-day window', async () => {
    expect(await exactAndValid(activeUsersQuery({ mauWindow: 28, coreEvents: ['app_open', "it's"] }))).toMatchInlineSnapshot(`
      "WITH ud AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('app_open', 'it''s'))
      ), deltas AS (
        SELECT day AS d, 1 AS dau, 1 AS wau, 1 AS mau FROM ud WHERE prev IS NULL
        UNION ALL SELECT day, 1, CASE WHEN prev + 7 <= day THEN 1 ELSE 0 END, CASE WHEN prev + 28 <= day THEN 1 ELSE 0 END FROM ud WHERE prev IS NOT NULL
        UNION ALL SELECT prev + 7, 0, 1, 0 FROM ud WHERE prev + 7 > day
        UNION ALL SELECT prev + 28, 0, 0, 1 FROM ud WHERE prev + 28 > day
        UNION ALL SELECT day + 7, 0, -1, 0 FROM ud
        UNION ALL SELECT day + 28, 0, 0, -1 FROM ud
      ), per_day AS (
        SELECT d, sum(dau) AS dau, sum(wau) AS wau, sum(mau) AS mau FROM deltas GROUP BY d
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM ud
      ), calendar AS (
        SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day FROM bounds
      ), running AS (
        SELECT c.day,
          coalesce(p.dau, 0) AS dau,
          sum(coalesce(p.wau, 0)) OVER (ORDER BY c.day ROWS UNBOUNDED PRECEDING) AS wau,
          sum(coalesce(p.mau, 0)) OVER (ORDER BY c.day ROWS UNBOUNDED PRECEDING) AS mau
        FROM calendar c LEFT JOIN per_day p ON p.d = c.day
      )
      SELECT r.day, CAST(r.dau AS BIGINT) AS dau, CAST(r.wau AS BIGINT) AS wau, CAST(r.mau AS BIGINT) AS mau,
        CASE WHEN r.mau > 0 THEN r.dau / r.mau END AS dau_mau,
        r.day >= b.first_day + 6 AS wau_complete,
        r.day >= b.first_day + 27 AS mau_complete
      FROM running r, bounds b
      ORDER BY r.day"
    `);
  });

  it('new users by Sunday weeks', async () => {
    expect(await exactAndValid(newUsersQuery({ grain: 'week', weekStart: 'sunday' }))).toMatchInlineSnapshot(`
      "WITH bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), per_period AS (
        SELECT (CAST(date_trunc('week', created_day + 1) AS DATE) - 1) AS period, count(*) AS new_users
        FROM user_created
        WHERE created_day IS NOT NULL
        GROUP BY ALL
      )
      SELECT p.period, p.new_users,
        p.period >= b.first_day AND (p.period + 6) <= b.last_day AS complete
      FROM per_period p, bounds b
      ORDER BY p.period"
    `);
  });

  it('revenue by month', async () => {
    expect(await exactAndValid(revenueQuery({ grain: 'month', weekStart: 'monday' }))).toMatchInlineSnapshot(`
      "WITH bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), per_period AS (
        SELECT CAST(date_trunc('month', day) AS DATE) AS period,
          sum(amount) AS revenue,
          count(DISTINCT user_id) FILTER (WHERE amount > 0) AS paying_users,
          sum(amount_n) AS orders
        FROM user_day_event
        WHERE amount_n > 0
        GROUP BY ALL
      )
      SELECT p.period, p.revenue, p.paying_users, CAST(p.orders AS BIGINT) AS orders,
        CASE WHEN p.paying_users > 0 THEN p.revenue / p.paying_users END AS arppu,
        p.period >= b.first_day AND CAST(p.period + INTERVAL 1 MONTH AS DATE) - 1 <= b.last_day AS complete
      FROM per_period p, bounds b
      ORDER BY p.period"
    `);
  });

  it('top events', async () => {
    expect(await exactAndValid(topEventsQuery({ limit: 10.7 }))).toMatchInlineSnapshot(`
      "-- event_totals, built at load:
      --   SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
      --   FROM user_day_event
      --   GROUP BY event
      SELECT event, events, users, events / (SELECT sum(events) FROM event_totals) AS share
      FROM event_totals
      ORDER BY events DESC, event
      LIMIT 10"
    `);
  });
});

describe('Overview SQL: the rest', () => {
  it('dataset summary', async () => {
    expect(await exactAndValid(datasetSummaryQuery())).toMatchInlineSnapshot(`
      "SELECT
        (SELECT CAST(coalesce(sum(events), 0) AS BIGINT) FROM event_totals) AS events,
        (SELECT count(*) FROM user_created) AS users,
        (SELECT count(*) FROM user_created WHERE first_active_day IS NOT NULL) AS active_users,
        (SELECT count(*) FROM event_totals) AS event_names,
        (SELECT min(day) FROM activity) AS first_day,
        (SELECT max(day) FROM activity) AS last_day"
    `);
  });

  it('active users on any event, 30-day window', async () => {
    expect(await exactAndValid(activeUsersQuery({ mauWindow: 30, coreEvents: [] }))).toMatchInlineSnapshot(`
      "WITH ud AS (
        SELECT user_id, day, prev_day AS prev FROM activity
      ), deltas AS (
        SELECT day AS d, 1 AS dau, 1 AS wau, 1 AS mau FROM ud WHERE prev IS NULL
        UNION ALL SELECT day, 1, CASE WHEN prev + 7 <= day THEN 1 ELSE 0 END, CASE WHEN prev + 30 <= day THEN 1 ELSE 0 END FROM ud WHERE prev IS NOT NULL
        UNION ALL SELECT prev + 7, 0, 1, 0 FROM ud WHERE prev + 7 > day
        UNION ALL SELECT prev + 30, 0, 0, 1 FROM ud WHERE prev + 30 > day
        UNION ALL SELECT day + 7, 0, -1, 0 FROM ud
        UNION ALL SELECT day + 30, 0, 0, -1 FROM ud
      ), per_day AS (
        SELECT d, sum(dau) AS dau, sum(wau) AS wau, sum(mau) AS mau FROM deltas GROUP BY d
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM ud
      ), calendar AS (
        SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day FROM bounds
      ), running AS (
        SELECT c.day,
          coalesce(p.dau, 0) AS dau,
          sum(coalesce(p.wau, 0)) OVER (ORDER BY c.day ROWS UNBOUNDED PRECEDING) AS wau,
          sum(coalesce(p.mau, 0)) OVER (ORDER BY c.day ROWS UNBOUNDED PRECEDING) AS mau
        FROM calendar c LEFT JOIN per_day p ON p.d = c.day
      )
      SELECT r.day, CAST(r.dau AS BIGINT) AS dau, CAST(r.wau AS BIGINT) AS wau, CAST(r.mau AS BIGINT) AS mau,
        CASE WHEN r.mau > 0 THEN r.dau / r.mau END AS dau_mau,
        r.day >= b.first_day + 6 AS wau_complete,
        r.day >= b.first_day + 29 AS mau_complete
      FROM running r, bounds b
      ORDER BY r.day"
    `);
  });
});
