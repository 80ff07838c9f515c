import { describe, expect, it } from 'vitest';
import { lifecycleQuery, lifecycleUsersQuery } from '../../../src/analyses/lifecycle/lifecycle-query';
import { stickinessQuery, stickinessUsersQuery } from '../../../src/analyses/stickiness/stickiness-query';
import { exactAndValid } from '../../helpers/valid-sql';

describe('Lifecycle SQL: exact text, and DuckDB binds it', () => {
  it('weeks, any event', async () => {
    expect(await exactAndValid(lifecycleQuery({ grain: 'week', weekStart: 'monday', coreEvents: [] }))).toMatchInlineSnapshot(`
      "WITH starts AS (
        SELECT user_id, CAST(date_trunc('week', day) AS DATE) AS period, CAST(date_trunc('week', prev_day) AS DATE) AS prev_period
        FROM activity
        WHERE prev_day IS NULL OR prev_day < CAST(date_trunc('week', day) AS DATE)
      ), states AS (
        SELECT s.user_id, s.period,
          CASE
            WHEN s.prev_period = CAST(date_trunc('week', s.period - 1) AS DATE) THEN 'returning'
            WHEN s.period = CAST(date_trunc('week', c.created_day) AS DATE) THEN 'new'
            ELSE 'resurrecting'
          END AS state
        FROM starts s JOIN user_created c USING (user_id)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), calendar AS (
        SELECT DISTINCT CAST(date_trunc('week', CAST(d AS DATE)) AS DATE) AS period
        FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
      ), counts AS (
        SELECT period,
          count(*) FILTER (WHERE state = 'new') AS new,
          count(*) FILTER (WHERE state = 'returning') AS returning,
          count(*) FILTER (WHERE state = 'resurrecting') AS resurrecting
        FROM states GROUP BY period
      ), series AS (
        SELECT c.period,
          coalesce(n.new, 0) AS new,
          coalesce(n.returning, 0) AS returning,
          coalesce(n.resurrecting, 0) AS resurrecting,
          coalesce(n.new, 0) + coalesce(n.returning, 0) + coalesce(n.resurrecting, 0) AS active
        FROM calendar c LEFT JOIN counts n ON n.period = c.period
      ), with_dormant AS (
        SELECT *, coalesce(lag(active) OVER (ORDER BY period), 0) - "returning" AS dormant FROM series
      )
      SELECT s.period, s.new, s."returning", s.resurrecting, s.dormant, s.active,
        CASE WHEN s.dormant > 0 THEN (s.new + s.resurrecting) / s.dormant END AS quick_ratio,
        s.period >= b.first_day AND (s.period + 6) <= b.last_day AS complete
      FROM with_dormant s CROSS JOIN bounds b
      ORDER BY s.period"
    `);
  });

  it('months, core events', async () => {
    expect(await exactAndValid(lifecycleQuery({ grain: 'month', weekStart: 'monday', coreEvents: ['purchase'] })))
      .toMatchInlineSnapshot(`
      "WITH starts AS (
        SELECT user_id, period, lag(period) OVER (PARTITION BY user_id ORDER BY period) AS prev_period
        FROM (SELECT DISTINCT user_id, CAST(date_trunc('month', day) AS DATE) AS period FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('purchase')))
      ), states AS (
        SELECT s.user_id, s.period,
          CASE
            WHEN s.prev_period = CAST(date_trunc('month', s.period - 1) AS DATE) THEN 'returning'
            WHEN s.period = CAST(date_trunc('month', c.created_day) AS DATE) THEN 'new'
            ELSE 'resurrecting'
          END AS state
        FROM starts s JOIN user_created c USING (user_id)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), calendar AS (
        SELECT DISTINCT CAST(date_trunc('month', CAST(d AS DATE)) AS DATE) AS period
        FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
      ), counts AS (
        SELECT period,
          count(*) FILTER (WHERE state = 'new') AS new,
          count(*) FILTER (WHERE state = 'returning') AS returning,
          count(*) FILTER (WHERE state = 'resurrecting') AS resurrecting
        FROM states GROUP BY period
      ), series AS (
        SELECT c.period,
          coalesce(n.new, 0) AS new,
          coalesce(n.returning, 0) AS returning,
          coalesce(n.resurrecting, 0) AS resurrecting,
          coalesce(n.new, 0) + coalesce(n.returning, 0) + coalesce(n.resurrecting, 0) AS active
        FROM calendar c LEFT JOIN counts n ON n.period = c.period
      ), with_dormant AS (
        SELECT *, coalesce(lag(active) OVER (ORDER BY period), 0) - "returning" AS dormant FROM series
      )
      SELECT s.period, s.new, s."returning", s.resurrecting, s.dormant, s.active,
        CASE WHEN s.dormant > 0 THEN (s.new + s.resurrecting) / s.dormant END AS quick_ratio,
        s.period >= b.first_day AND CAST(s.period + INTERVAL 1 MONTH AS DATE) - 1 <= b.last_day AS complete
      FROM with_dormant s CROSS JOIN bounds b
      ORDER BY s.period"
    `);
  });
});

describe('Stickiness SQL: exact text, and DuckDB binds it', () => {
  it('the last complete week, any event', async () => {
    expect(await exactAndValid(stickinessQuery({ grain: 'week', weekStart: 'sunday', coreEvents: [], span: null })))
      .toMatchInlineSnapshot(`
      "WITH span AS (
        SELECT CASE WHEN ((CAST(date_trunc('week', max(day) + 1) AS DATE) - 1) + 6) <= max(day) THEN (CAST(date_trunc('week', max(day) + 1) AS DATE) - 1) ELSE (CAST(date_trunc('week', (CAST(date_trunc('week', max(day) + 1) AS DATE) - 1) - 1 + 1) AS DATE) - 1) END AS span_start
        FROM activity
      ), bounds AS (
        SELECT span_start, (span_start + 6) AS span_end FROM span
      ), per_user AS (
        SELECT a.user_id, count(DISTINCT a.day) AS k
        FROM (SELECT user_id, day FROM activity) a, bounds b
        WHERE a.day BETWEEN b.span_start AND b.span_end
        GROUP BY a.user_id
      ), ks AS (
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
      ORDER BY c.k"
    `);
  });

  it('a chosen month, core events', async () => {
    expect(
      await exactAndValid(stickinessQuery({ grain: 'month', weekStart: 'monday', coreEvents: ['open'], span: '2024-02-10' })),
    ).toMatchInlineSnapshot(`
      "WITH span AS (
        SELECT CAST(date_trunc('month', CAST('2024-02-10' AS DATE)) AS DATE) AS span_start
      ), bounds AS (
        SELECT span_start, CAST(span_start + INTERVAL 1 MONTH AS DATE) - 1 AS span_end FROM span
      ), per_user AS (
        SELECT a.user_id, count(DISTINCT a.day) AS k
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('open')) a, bounds b
        WHERE a.day BETWEEN b.span_start AND b.span_end
        GROUP BY a.user_id
      ), ks AS (
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
      ORDER BY c.k"
    `);
  });
});

describe('The users behind a bar: exact text, and DuckDB binds it', () => {
  it('a lifecycle state in a week', async () => {
    const spec = { grain: 'week', weekStart: 'monday', coreEvents: [] } as const;
    expect(await exactAndValid(lifecycleUsersQuery(spec, { period: '2024-01-08', state: 'resurrecting' })))
      .toMatchInlineSnapshot(`
      "WITH starts AS (
        SELECT user_id, CAST(date_trunc('week', day) AS DATE) AS period, CAST(date_trunc('week', prev_day) AS DATE) AS prev_period
        FROM activity
        WHERE prev_day IS NULL OR prev_day < CAST(date_trunc('week', day) AS DATE)
      ), states AS (
        SELECT s.user_id, s.period,
          CASE
            WHEN s.prev_period = CAST(date_trunc('week', s.period - 1) AS DATE) THEN 'returning'
            WHEN s.period = CAST(date_trunc('week', c.created_day) AS DATE) THEN 'new'
            ELSE 'resurrecting'
          END AS state
        FROM starts s JOIN user_created c USING (user_id)
      ), bar_users AS (
        SELECT user_id FROM states WHERE period = CAST(date_trunc('week', CAST('2024-01-08' AS DATE)) AS DATE) AND state = 'resurrecting'
      )
      SELECT user_id, CAST(date_trunc('week', CAST('2024-01-08' AS DATE)) AS DATE) AS period FROM bar_users
      ORDER BY user_id"
    `);
  });

  it('the dormant users of a month, core events', async () => {
    const spec = { grain: 'month', weekStart: 'monday', coreEvents: ['open'] } as const;
    expect(await exactAndValid(lifecycleUsersQuery(spec, { period: '2024-03-01', state: 'dormant' }))).toMatchInlineSnapshot(`
      "WITH starts AS (
        SELECT user_id, period, lag(period) OVER (PARTITION BY user_id ORDER BY period) AS prev_period
        FROM (SELECT DISTINCT user_id, CAST(date_trunc('month', day) AS DATE) AS period FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('open')))
      ), states AS (
        SELECT s.user_id, s.period,
          CASE
            WHEN s.prev_period = CAST(date_trunc('month', s.period - 1) AS DATE) THEN 'returning'
            WHEN s.period = CAST(date_trunc('month', c.created_day) AS DATE) THEN 'new'
            ELSE 'resurrecting'
          END AS state
        FROM starts s JOIN user_created c USING (user_id)
      ), bar_users AS (
        SELECT user_id FROM states WHERE period = CAST(date_trunc('month', CAST(date_trunc('month', CAST('2024-03-01' AS DATE)) AS DATE) - 1) AS DATE)
        EXCEPT
        SELECT user_id FROM states WHERE period = CAST(date_trunc('month', CAST('2024-03-01' AS DATE)) AS DATE)
      )
      SELECT user_id, CAST(date_trunc('month', CAST('2024-03-01' AS DATE)) AS DATE) AS period FROM bar_users
      ORDER BY user_id"
    `);
  });

  it('a stickiness bucket, at least k days', async () => {
    const spec = { grain: 'week', weekStart: 'sunday', coreEvents: [], span: null } as const;
    expect(await exactAndValid(stickinessUsersQuery(spec, { span: '2024-01-07', k: 3, atLeast: true }))).toMatchInlineSnapshot(`
      "WITH span AS (
        SELECT (CAST(date_trunc('week', CAST('2024-01-07' AS DATE) + 1) AS DATE) - 1) AS span_start
      ), bounds AS (
        SELECT span_start, (span_start + 6) AS span_end FROM span
      ), per_user AS (
        SELECT a.user_id, count(DISTINCT a.day) AS k
        FROM (SELECT user_id, day FROM activity) a, bounds b
        WHERE a.day BETWEEN b.span_start AND b.span_end
        GROUP BY a.user_id
      )
      SELECT user_id FROM per_user
      WHERE k >= 3
      ORDER BY user_id"
    `);
  });
});
