import { describe, expect, it } from 'vitest';
import { purchaseFactsQuery, purchaseSummaryQuery } from '../../../src/analyses/churn/bgnbd-query';
import { churnByAttributeQuery, churnByCohortQuery } from '../../../src/analyses/churn/churned-by-query';
import { gapQuantilesQuery } from '../../../src/analyses/churn/gap-quantiles';
import { stageFlowQuery } from '../../../src/analyses/churn/stage-flow-query';
import {
  atRiskQuery,
  churnedUsersQuery,
  churnRateQuery,
  churnStagesQuery,
  churnStatusQuery,
  inactivityGapsQuery,
} from '../../../src/analyses/churn/inactivity-query';
import { exactAndValid } from '../../helpers/valid-sql';

describe('Churn SQL: exact text, and DuckDB binds it', () => {
  it('BG/NBD purchase facts, any event with an amount', async () => {
    expect(await exactAndValid(purchaseFactsQuery({ event: null }))).toMatchInlineSnapshot(`
      "WITH purchases AS (
        SELECT count(*) AS purchase_rows, min(day) AS first_purchase_day, max(day) AS last_purchase_day
        FROM user_day_event WHERE amount_n > 0
      ), bounds AS (
        SELECT min(day) AS data_first_day, max(day) AS data_last_day FROM activity
      )
      SELECT b.data_first_day, b.data_last_day, p.purchase_rows, p.first_purchase_day, p.last_purchase_day
      FROM bounds b CROSS JOIN purchases p"
    `);
  });

  it('BG/NBD per-customer summary in days, one purchase event', async () => {
    expect(await exactAndValid(purchaseSummaryQuery({ event: "O'Brien's order" }, '1997-09-30'))).toMatchInlineSnapshot(`
      "SELECT user_id,
        CAST(count(*) FILTER (WHERE day <= DATE '1997-09-30') - 1 AS INTEGER) AS x,
        CAST(max(day) FILTER (WHERE day <= DATE '1997-09-30') - min(day) AS INTEGER) AS t_x_days,
        CAST(DATE '1997-09-30' - min(day) AS INTEGER) AS "T_days",
        CAST(count(*) FILTER (WHERE day > DATE '1997-09-30') AS INTEGER) AS holdout_x
      FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE amount_n > 0 AND event = 'O''Brien''s order')
      GROUP BY user_id
      HAVING min(day) <= DATE '1997-09-30'
      ORDER BY TRY_CAST(user_id AS BIGINT) NULLS LAST, user_id"
    `);
  });

  it('BG/NBD per-customer summary in days, any event with an amount', async () => {
    expect(await exactAndValid(purchaseSummaryQuery({ event: null }, '2024-01-31'))).toMatchInlineSnapshot(`
      "SELECT user_id,
        CAST(count(*) FILTER (WHERE day <= DATE '2024-01-31') - 1 AS INTEGER) AS x,
        CAST(max(day) FILTER (WHERE day <= DATE '2024-01-31') - min(day) AS INTEGER) AS t_x_days,
        CAST(DATE '2024-01-31' - min(day) AS INTEGER) AS "T_days",
        CAST(count(*) FILTER (WHERE day > DATE '2024-01-31') AS INTEGER) AS holdout_x
      FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE amount_n > 0)
      GROUP BY user_id
      HAVING min(day) <= DATE '2024-01-31'
      ORDER BY TRY_CAST(user_id AS BIGINT) NULLS LAST, user_id"
    `);
  });

  it('gaps between active days, any event', async () => {
    expect(await exactAndValid(inactivityGapsQuery({ coreEvents: [] }))).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      ), gaps AS (
        SELECT CAST(day - prev_day AS INTEGER) AS gap FROM days WHERE prev_day IS NOT NULL
      ), summary AS (
        SELECT CAST(quantile_disc(gap, 0.9::DOUBLE) AS INTEGER) AS proposed_threshold, median(gap) AS median_gap, count(*) AS total_gaps
        FROM gaps
      )
      SELECT g.gap, count(*) AS pairs, s.proposed_threshold, s.median_gap, s.total_gaps
      FROM gaps g CROSS JOIN summary s
      GROUP BY ALL
      ORDER BY g.gap"
    `);
  });

  it('gaps between active days, core events', async () => {
    expect(await exactAndValid(inactivityGapsQuery({ coreEvents: ['open', 'buy'] }))).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('open', 'buy'))
      ), gaps AS (
        SELECT CAST(day - prev_day AS INTEGER) AS gap FROM days WHERE prev_day IS NOT NULL
      ), summary AS (
        SELECT CAST(quantile_disc(gap, 0.9::DOUBLE) AS INTEGER) AS proposed_threshold, median(gap) AS median_gap, count(*) AS total_gaps
        FROM gaps
      )
      SELECT g.gap, count(*) AS pairs, s.proposed_threshold, s.median_gap, s.total_gaps
      FROM gaps g CROSS JOIN summary s
      GROUP BY ALL
      ORDER BY g.gap"
    `);
  });

  it('the gap quantiles that propose S and L, core events, in one pass', async () => {
    expect(await exactAndValid(gapQuantilesQuery(['open', 'buy']))).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('open', 'buy'))
      ), q AS (
        SELECT quantile_disc(day - prev_day, [0.5::DOUBLE, 0.9::DOUBLE]) AS q FROM days WHERE prev_day IS NOT NULL
      )
      SELECT CAST(q[1] AS INTEGER) AS median_gap, CAST(q[2] AS INTEGER) AS proposed FROM q"
    `);
  });

  it('churn and recall per week, threshold proposed from the data', async () => {
    expect(await exactAndValid(churnRateQuery({ grain: 'week', weekStart: 'monday', coreEvents: [], threshold: null })))
      .toMatchInlineSnapshot(`
        "WITH days AS NOT MATERIALIZED (
          SELECT user_id, day, prev_day FROM activity
        ), threshold AS (
          SELECT CAST(quantile_disc(day - prev_day, 0.9::DOUBLE) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL
        ), bounds AS (
          SELECT min(day) AS first_day, max(day) AS last_day FROM activity
        ), steps AS (
          SELECT prev_day, day, n FROM (WITH days AS (
          SELECT user_id, day, prev_day FROM activity
        )
        SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL)
        ), lasts AS (
          SELECT a.day, a.n - coalesce(b.n, 0) AS n
          FROM (SELECT day, sum(n) AS n FROM steps GROUP BY day) a
          LEFT JOIN (SELECT prev_day, sum(n) AS n FROM steps WHERE prev_day IS NOT NULL GROUP BY prev_day) b ON b.prev_day = a.day
          WHERE a.n > coalesce(b.n, 0)
        ), calendar AS (
          SELECT DISTINCT CAST(date_trunc('week', CAST(d AS DATE)) AS DATE) AS period
          FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
        ), firsts AS (
          SELECT CAST(date_trunc('week', day) AS DATE) AS period, prev_day, CAST(date_trunc('week', prev_day) AS DATE) AS prev_period, n
          FROM steps
          WHERE prev_day IS NULL OR prev_day < CAST(date_trunc('week', day) AS DATE)
        ), counts AS (
          SELECT f.period,
            CAST(sum(f.n) AS BIGINT) AS active,
            CAST(coalesce(sum(f.n) FILTER (WHERE f.prev_period = CAST(date_trunc('week', f.period - 1) AS DATE)), 0) AS BIGINT) AS stayed,
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
          s.period >= b.first_day AND (s.period + 6) <= b.last_day AS complete
        FROM series s CROSS JOIN bounds b CROSS JOIN threshold th
        ORDER BY s.period"
      `);
  });

  it('churn and recall per month, 30 days, core events', async () => {
    expect(await exactAndValid(churnRateQuery({ grain: 'month', weekStart: 'monday', coreEvents: ['buy'], threshold: 30 })))
      .toMatchInlineSnapshot(`
        "WITH days AS (
          SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
          FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('buy'))
        ), threshold AS (
          SELECT 30 AS l
        ), bounds AS (
          SELECT min(day) AS first_day, max(day) AS last_day FROM activity
        ), steps AS (
          SELECT prev_day, day, n FROM (WITH days AS (
          SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
          FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('buy'))
        )
        SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL)
        ), lasts AS (
          SELECT a.day, a.n - coalesce(b.n, 0) AS n
          FROM (SELECT day, sum(n) AS n FROM steps GROUP BY day) a
          LEFT JOIN (SELECT prev_day, sum(n) AS n FROM steps WHERE prev_day IS NOT NULL GROUP BY prev_day) b ON b.prev_day = a.day
          WHERE a.n > coalesce(b.n, 0)
        ), calendar AS (
          SELECT DISTINCT CAST(date_trunc('month', CAST(d AS DATE)) AS DATE) AS period
          FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
        ), firsts AS (
          SELECT CAST(date_trunc('month', day) AS DATE) AS period, prev_day, CAST(date_trunc('month', prev_day) AS DATE) AS prev_period, n
          FROM steps
          WHERE prev_day IS NULL OR prev_day < CAST(date_trunc('month', day) AS DATE)
        ), counts AS (
          SELECT f.period,
            CAST(sum(f.n) AS BIGINT) AS active,
            CAST(coalesce(sum(f.n) FILTER (WHERE f.prev_period = CAST(date_trunc('month', f.period - 1) AS DATE)), 0) AS BIGINT) AS stayed,
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
          s.period >= b.first_day AND CAST(s.period + INTERVAL 1 MONTH AS DATE) - 1 <= b.last_day AS complete
        FROM series s CROSS JOIN bounds b CROSS JOIN threshold th
        ORDER BY s.period"
      `);
  });

  it('churned as of a day', async () => {
    expect(await exactAndValid(churnStatusQuery({ coreEvents: [], threshold: 60, asOf: '1997-09-30' }))).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      ), threshold AS (
        SELECT 60 AS l
      ), as_of AS (
        SELECT DATE '1997-09-30' AS t
      ), last_active AS (
        SELECT d.user_id, max(d.day) AS last_day FROM days d CROSS JOIN as_of a WHERE d.day <= a.t GROUP BY d.user_id
      )
      SELECT a.t AS as_of, th.l AS threshold,
        count(u.user_id) AS users,
        count(u.user_id) FILTER (WHERE a.t - u.last_day > th.l) AS churned,
        CASE WHEN count(u.user_id) > 0 THEN count(u.user_id) FILTER (WHERE a.t - u.last_day > th.l) / count(u.user_id) END AS churned_share
      FROM as_of a CROSS JOIN threshold th LEFT JOIN last_active u ON TRUE
      GROUP BY ALL"
    `);
  });

  it('churned as of the last day, threshold proposed', async () => {
    expect(await exactAndValid(churnStatusQuery({ coreEvents: [], threshold: null, asOf: null }))).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      ), threshold AS (
        SELECT CAST(quantile_disc(day - prev_day, 0.9::DOUBLE) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL
      ), as_of AS (
        SELECT max(day) AS t FROM activity
      ), last_active AS (
        SELECT d.user_id, max(d.day) AS last_day FROM days d CROSS JOIN as_of a WHERE d.day <= a.t GROUP BY d.user_id
      )
      SELECT a.t AS as_of, th.l AS threshold,
        count(u.user_id) AS users,
        count(u.user_id) FILTER (WHERE a.t - u.last_day > th.l) AS churned,
        CASE WHEN count(u.user_id) > 0 THEN count(u.user_id) FILTER (WHERE a.t - u.last_day > th.l) / count(u.user_id) END AS churned_share
      FROM as_of a CROSS JOIN threshold th LEFT JOIN last_active u ON TRUE
      GROUP BY ALL"
    `);
  });

  it('at-risk users, only overdue or with fallen events', async () => {
    expect(
      await exactAndValid(
        atRiskQuery({ coreEvents: [], threshold: 90, asOf: '2024-01-31', alpha: 2, pAlive: null, window: 14, beta: 50 }, true),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      ), threshold AS (
        SELECT 90 AS l
      ), as_of AS (
        SELECT DATE '2024-01-31' AS t
      ), per_user AS (
        SELECT d.user_id, max(d.day) AS last_active, count(d.prev_day) AS gaps, median(d.day - d.prev_day) AS median_gap
        FROM days d CROSS JOIN as_of a
        WHERE d.day <= a.t
        GROUP BY d.user_id
      ), windows AS (
        SELECT e.user_id,
          CAST(coalesce(sum(e.n) FILTER (WHERE e.day > a.t - 14), 0) AS BIGINT) AS recent_events,
          CAST(coalesce(sum(e.n) FILTER (WHERE e.day <= a.t - 14), 0) AS BIGINT) AS earlier_events
        FROM (SELECT user_id, day, n FROM activity) e CROSS JOIN as_of a
        WHERE e.day > a.t - 28 AND e.day <= a.t
        GROUP BY e.user_id
      ), flagged AS (
        SELECT u.user_id, u.last_active, CAST(a.t - u.last_active AS INTEGER) AS days_since, u.gaps, u.median_gap,
          (a.t - u.last_active) / u.median_gap AS overdue_ratio,
          coalesce(u.gaps >= 2 AND a.t - u.last_active > 2 * u.median_gap, FALSE) AS overdue,
          CAST(coalesce(w.recent_events, 0) AS BIGINT) AS recent_events,
          CAST(coalesce(w.earlier_events, 0) AS BIGINT) AS earlier_events,
          coalesce(coalesce(w.earlier_events, 0) >= 3 AND 100 * coalesce(w.recent_events, 0) <= (100 - 50) * w.earlier_events, FALSE) AS fell
        FROM per_user u CROSS JOIN as_of a CROSS JOIN threshold th LEFT JOIN windows w ON w.user_id = u.user_id
        WHERE a.t - u.last_active <= th.l
      )
      SELECT * FROM flagged WHERE overdue OR fell
      ORDER BY CASE WHEN overdue THEN overdue_ratio END DESC NULLS LAST, days_since DESC, user_id"
    `);
  });

  it('at-risk users, all not churned (for the P(alive) rule)', async () => {
    expect(
      await exactAndValid(
        atRiskQuery({ coreEvents: [], threshold: null, asOf: null, alpha: 1.5, pAlive: 0.5, window: 7, beta: 62.5 }, false),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      ), threshold AS (
        SELECT CAST(quantile_disc(day - prev_day, 0.9::DOUBLE) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL
      ), as_of AS (
        SELECT max(day) AS t FROM activity
      ), per_user AS (
        SELECT d.user_id, max(d.day) AS last_active, count(d.prev_day) AS gaps, median(d.day - d.prev_day) AS median_gap
        FROM days d CROSS JOIN as_of a
        WHERE d.day <= a.t
        GROUP BY d.user_id
      ), windows AS (
        SELECT e.user_id,
          CAST(coalesce(sum(e.n) FILTER (WHERE e.day > a.t - 7), 0) AS BIGINT) AS recent_events,
          CAST(coalesce(sum(e.n) FILTER (WHERE e.day <= a.t - 7), 0) AS BIGINT) AS earlier_events
        FROM (SELECT user_id, day, n FROM activity) e CROSS JOIN as_of a
        WHERE e.day > a.t - 14 AND e.day <= a.t
        GROUP BY e.user_id
      ), flagged AS (
        SELECT u.user_id, u.last_active, CAST(a.t - u.last_active AS INTEGER) AS days_since, u.gaps, u.median_gap,
          (a.t - u.last_active) / u.median_gap AS overdue_ratio,
          coalesce(u.gaps >= 2 AND a.t - u.last_active > 1.5::DOUBLE * u.median_gap, FALSE) AS overdue,
          CAST(coalesce(w.recent_events, 0) AS BIGINT) AS recent_events,
          CAST(coalesce(w.earlier_events, 0) AS BIGINT) AS earlier_events,
          coalesce(coalesce(w.earlier_events, 0) >= 3 AND 100 * coalesce(w.recent_events, 0) <= (100 - 62.5::DOUBLE) * w.earlier_events, FALSE) AS fell
        FROM per_user u CROSS JOIN as_of a CROSS JOIN threshold th LEFT JOIN windows w ON w.user_id = u.user_id
        WHERE a.t - u.last_active <= th.l
      )
      SELECT * FROM flagged
      ORDER BY CASE WHEN overdue THEN overdue_ratio END DESC NULLS LAST, days_since DESC, user_id"
    `);
  });

  it('stages per month, S and L proposed from the data', async () => {
    expect(
      await exactAndValid(
        churnStagesQuery({ grain: 'month', weekStart: 'monday', coreEvents: [], threshold: null, silent: null }),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS NOT MATERIALIZED (
        SELECT user_id, day, prev_day FROM activity
      ), thresholds AS (
        SELECT least((SELECT CAST(quantile_disc(day - prev_day, 0.5) AS INTEGER) FROM days WHERE prev_day IS NOT NULL), l - 1) AS s, l FROM (SELECT CAST(quantile_disc(day - prev_day, 0.9::DOUBLE) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), steps AS (
        SELECT prev_day, day, n FROM (WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      )
      SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL)
      ), lasts AS (
        SELECT a.day, a.n - coalesce(b.n, 0) AS n
        FROM (SELECT day, sum(n) AS n FROM steps GROUP BY day) a
        LEFT JOIN (SELECT prev_day, sum(n) AS n FROM steps WHERE prev_day IS NOT NULL GROUP BY prev_day) b ON b.prev_day = a.day
        WHERE a.n > coalesce(b.n, 0)
      ), points AS (
        SELECT DISTINCT CAST(date_trunc('month', CAST(d AS DATE)) AS DATE) AS period
        FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
      ), ends AS (
        SELECT p.period, least(CAST(p.period + INTERVAL 1 MONTH AS DATE) - 1, b.last_day) AS t FROM points p CROSS JOIN bounds b
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
        SELECT c.user_id, CAST(date_trunc('month', c.created_day) AS DATE) AS period, c.first_active_day AS f, coalesce(c.first_active_day >= b.first_day AND CAST(date_trunc('month', c.created_day) AS DATE) = CAST(date_trunc('month', c.first_active_day) AS DATE), FALSE) AS plain
        FROM user_created c CROSS JOIN bounds b
        WHERE c.created_day IS NOT NULL AND c.first_active_day IS NOT NULL
      ), taken_users AS (
        -- The new and recalled users of each period with f, their first day in it (in the data).
        SELECT user_id, period, f, TRUE AS is_new FROM created WHERE plain
        UNION ALL
        -- The others (not plain) are looked up in their own days: new on their first day in the
        -- period of their creation, the hash join built on the few of them.
        SELECT d.user_id, c.period, d.day, TRUE
        FROM days d JOIN created c ON c.user_id = d.user_id AND c.period = CAST(date_trunc('month', d.day) AS DATE)
        WHERE NOT c.plain AND (d.prev_day IS NULL OR d.prev_day < greatest(c.period, (SELECT first_day FROM bounds)))
        UNION ALL
        -- Recalled: the first day in a period after a gap from before the period's start of more than
        -- L days, so that day - prev_day > L too: the few rows of the longest gaps.
        SELECT d.user_id, CAST(date_trunc('month', d.day) AS DATE), d.day, FALSE
        FROM days d JOIN user_created c ON c.user_id = d.user_id
        -- CASE: the period of only the few long gaps' days is computed (DuckDB-WASM spent more on all).
        WHERE CASE WHEN d.day - d.prev_day > (SELECT l FROM thresholds) THEN d.prev_day < CAST(date_trunc('month', d.day) AS DATE) - (SELECT l FROM thresholds) ELSE FALSE END
          AND CAST(date_trunc('month', c.created_day) AS DATE) <> CAST(date_trunc('month', d.day) AS DATE)
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
        n.t = CAST(n.period + INTERVAL 1 MONTH AS DATE) - 1 AS complete
      FROM counted n CROSS JOIN thresholds h
      ORDER BY n.period"
    `);
  });

  it('stages per Sunday week, S = 7, L = 30, core events', async () => {
    expect(
      await exactAndValid(
        churnStagesQuery({ grain: 'week', weekStart: 'sunday', coreEvents: ['buy'], threshold: 30, silent: 7 }),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('buy'))
      ), thresholds AS (
        SELECT least(7, l - 1) AS s, l FROM (SELECT 30 AS l)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), steps AS (
        SELECT prev_day, day, n FROM (WITH days AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('buy'))
      )
      SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL)
      ), lasts AS (
        SELECT a.day, a.n - coalesce(b.n, 0) AS n
        FROM (SELECT day, sum(n) AS n FROM steps GROUP BY day) a
        LEFT JOIN (SELECT prev_day, sum(n) AS n FROM steps WHERE prev_day IS NOT NULL GROUP BY prev_day) b ON b.prev_day = a.day
        WHERE a.n > coalesce(b.n, 0)
      ), points AS (
        SELECT DISTINCT (CAST(date_trunc('week', CAST(d AS DATE) + 1) AS DATE) - 1) AS period
        FROM bounds, unnest(generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY)) AS t(d)
      ), ends AS (
        SELECT p.period, least((p.period + 6), b.last_day) AS t FROM points p CROSS JOIN bounds b
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
        SELECT c.user_id, (CAST(date_trunc('week', c.created_day + 1) AS DATE) - 1) AS period, c.first_active_day AS f, coalesce(FALSE, FALSE) AS plain
        FROM user_created c CROSS JOIN bounds b
        WHERE c.created_day IS NOT NULL AND c.first_active_day IS NOT NULL
      ), taken_users AS (
        -- The new and recalled users of each period with f, their first day in it (in the data).
        SELECT user_id, period, f, TRUE AS is_new FROM created WHERE plain
        UNION ALL
        -- The others (not plain) are looked up in their own days: new on their first day in the
        -- period of their creation, the hash join built on the few of them.
        SELECT d.user_id, c.period, d.day, TRUE
        FROM days d JOIN created c ON c.user_id = d.user_id AND c.period = (CAST(date_trunc('week', d.day + 1) AS DATE) - 1)
        WHERE NOT c.plain AND (d.prev_day IS NULL OR d.prev_day < greatest(c.period, (SELECT first_day FROM bounds)))
        UNION ALL
        -- Recalled: the first day in a period after a gap from before the period's start of more than
        -- L days, so that day - prev_day > L too: the few rows of the longest gaps.
        SELECT d.user_id, (CAST(date_trunc('week', d.day + 1) AS DATE) - 1), d.day, FALSE
        FROM days d JOIN user_created c ON c.user_id = d.user_id
        -- CASE: the period of only the few long gaps' days is computed (DuckDB-WASM spent more on all).
        WHERE CASE WHEN d.day - d.prev_day > 30 THEN d.prev_day < (CAST(date_trunc('week', d.day + 1) AS DATE) - 1) - 30 ELSE FALSE END
          AND (CAST(date_trunc('week', c.created_day + 1) AS DATE) - 1) <> (CAST(date_trunc('week', d.day + 1) AS DATE) - 1)
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
        n.t = (n.period + 6) AS complete
      FROM counted n CROSS JOIN thresholds h
      ORDER BY n.period"
    `);
  });

  it('churned users as of a day, by cohort of first activity (weeks)', async () => {
    expect(
      await exactAndValid(
        churnByCohortQuery({ coreEvents: ['open'], threshold: 30, asOf: '2024-01-31', grain: 'week', weekStart: 'sunday' }),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('open'))
      ), threshold AS (
        SELECT 30 AS l
      ), as_of AS (
        SELECT DATE '2024-01-31' AS t
      )
      SELECT (CAST(date_trunc('week', u.first_day + 1) AS DATE) - 1) AS cohort, any_value(a.t) AS as_of, any_value(th.l) AS threshold,
        CAST(sum(u.users) AS BIGINT) AS users,
        CAST(sum(u.churned) AS BIGINT) AS churned,
        sum(u.churned) / sum(u.users) AS churned_share,
        CAST(coalesce(sum(u.users) FILTER (WHERE a.t - u.first_day > th.l), 0) AS BIGINT) AS measurable_users
      FROM (WITH days AS (
        SELECT user_id, day, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day
        FROM (SELECT DISTINCT user_id, day FROM user_day_event WHERE event IN ('open'))
      ), threshold AS (
        SELECT 30 AS l
      ), as_of AS (
        SELECT DATE '2024-01-31' AS t
      ), per_user AS (
        SELECT d.user_id, min(d.day) AS first_day, a.t - max(d.day) > any_value(th.l) AS churned
        FROM days d CROSS JOIN as_of a CROSS JOIN threshold th
        WHERE d.day <= a.t
        GROUP BY d.user_id, a.t
      )
      SELECT first_day, count(*) AS users, count(*) FILTER (WHERE churned) AS churned FROM per_user GROUP BY first_day) u CROSS JOIN as_of a CROSS JOIN threshold th
      GROUP BY cohort
      ORDER BY cohort"
    `);
  });

  it('churned users as of a day, by a users-file attribute', async () => {
    expect(await exactAndValid(churnByAttributeQuery({ coreEvents: [], threshold: null, asOf: null, attribute: 'plan' })))
      .toMatchInlineSnapshot(`
      "WITH days AS NOT MATERIALIZED (
        SELECT user_id, day, prev_day FROM activity
      ), threshold AS (
        SELECT CAST(quantile_disc(day - prev_day, 0.9::DOUBLE) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL
      ), as_of AS (
        SELECT max(day) AS t FROM activity
      ), per_user AS (
        SELECT d.user_id, min(d.day) AS first_day, a.t - max(d.day) > any_value(th.l) AS churned
        FROM days d CROSS JOIN as_of a CROSS JOIN threshold th
        WHERE d.day <= a.t
        GROUP BY d.user_id, a.t
      ), valued AS (
        SELECT CAST(x."plan" AS VARCHAR) AS value, u.churned
        FROM per_user u LEFT JOIN users x ON x.user_id = u.user_id
      ), grouped AS (
        SELECT value, count(*) AS users, count(*) FILTER (WHERE churned) AS churned FROM valued GROUP BY value
      ), ranked AS (
        SELECT *, row_number() OVER (ORDER BY users DESC, value NULLS LAST) AS rank FROM grouped
      )
      SELECT CASE WHEN r.rank <= 10 THEN r.value END AS value, r.rank > 10 AS other,
        CAST(sum(r.users) AS BIGINT) AS users, CAST(sum(r.churned) AS BIGINT) AS churned, sum(r.churned) / sum(r.users) AS churned_share,
        any_value(a.t) AS as_of, any_value(th.l) AS threshold
      FROM ranked r CROSS JOIN as_of a CROSS JOIN threshold th
      GROUP BY 1, 2
      ORDER BY min(r.rank)"
    `);
  });

  it('the churned users themselves, for a segment', async () => {
    expect(await exactAndValid(churnedUsersQuery({ coreEvents: [], threshold: 60, asOf: '2024-01-31', churned: true })))
      .toMatchInlineSnapshot(`
      "WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      ), threshold AS (
        SELECT 60 AS l
      ), as_of AS (
        SELECT DATE '2024-01-31' AS t
      )
      SELECT d.user_id
      FROM days d CROSS JOIN as_of a CROSS JOIN threshold th
      WHERE d.day <= a.t
      GROUP BY d.user_id
      HAVING any_value(a.t) - max(d.day) > any_value(th.l)
      ORDER BY d.user_id"
    `);
  });

  it('stage flow into a chosen month, and into the last complete week', async () => {
    expect(
      await exactAndValid(
        stageFlowQuery({ grain: 'month', weekStart: 'monday', coreEvents: [], threshold: 60, silent: 14, period: '2024-01-15' }),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS NOT MATERIALIZED (
        SELECT user_id, day, prev_day FROM activity
      ), thresholds AS (
        SELECT least(14, l - 1) AS s, l FROM (SELECT 60 AS l)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), starts AS (
        SELECT CAST(date_trunc('month', DATE '2024-01-15') AS DATE) AS s1 FROM bounds b
      ), w AS (
        SELECT x.s0, least(CAST(x.s0 + INTERVAL 1 MONTH AS DATE) - 1, b.last_day) AS t0, x.s1, least(CAST(x.s1 + INTERVAL 1 MONTH AS DATE) - 1, b.last_day) AS t1
        FROM (SELECT CAST(date_trunc('month', s1 - 1) AS DATE) AS s0, s1 FROM starts) x CROSS JOIN bounds b
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
          SELECT x.day AS d, x.n FROM (WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      )
      SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL) x CROSS JOIN w WHERE x.day < w.s0
          UNION ALL
          SELECT x.prev_day, -x.n FROM (WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      )
      SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL) x CROSS JOIN w WHERE x.prev_day < w.s0 AND x.day <= w.t1
        )
        GROUP BY d
        HAVING sum(n) > 0
      ), created_in AS (
        -- Only users created in the two periods can be new in them.
        SELECT c.user_id, CAST(date_trunc('month', c.created_day) AS DATE) = w.s0 AS in0, CAST(date_trunc('month', c.created_day) AS DATE) = w.s1 AS in1
        FROM user_created c CROSS JOIN w
        WHERE c.created_day >= w.s0 AND c.created_day <= CAST(w.s1 + INTERVAL 1 MONTH AS DATE) - 1
      ), staged AS (
        SELECT CASE
          WHEN u.last0 IS NULL THEN NULL
          WHEN u.in0 AND u.created_in0 THEN 'new'
          WHEN u.in0 AND u.before0 IS NOT NULL AND w.s0 - u.before0 > h.l THEN 'recalled'
          WHEN w.t0 - u.last0 <= h.s THEN 'active'
          WHEN w.t0 - u.last0 <= h.l THEN 'silent'
          ELSE 'churned'
        END AS from_stage, CASE
          WHEN u.last1 IS NULL THEN NULL
          WHEN u.in1 AND u.created_in1 THEN 'new'
          WHEN u.in1 AND u.before1 IS NOT NULL AND w.s1 - u.before1 > h.l THEN 'recalled'
          WHEN w.t1 - u.last1 <= h.s THEN 'active'
          WHEN w.t1 - u.last1 <= h.l THEN 'silent'
          ELSE 'churned'
        END AS to_stage, u.n
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
      ORDER BY from_stage, to_stage"
    `);
    expect(
      await exactAndValid(
        stageFlowQuery({ grain: 'week', weekStart: 'monday', coreEvents: [], threshold: null, silent: null, period: null }),
      ),
    ).toMatchInlineSnapshot(`
      "WITH days AS NOT MATERIALIZED (
        SELECT user_id, day, prev_day FROM activity
      ), thresholds AS (
        SELECT least((SELECT CAST(quantile_disc(day - prev_day, 0.5) AS INTEGER) FROM days WHERE prev_day IS NOT NULL), l - 1) AS s, l FROM (SELECT CAST(quantile_disc(day - prev_day, 0.9::DOUBLE) AS INTEGER) AS l FROM days WHERE prev_day IS NOT NULL)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), starts AS (
        SELECT CASE WHEN (CAST(date_trunc('week', b.last_day) AS DATE) + 6) <= b.last_day THEN CAST(date_trunc('week', b.last_day) AS DATE) ELSE CAST(date_trunc('week', CAST(date_trunc('week', b.last_day) AS DATE) - 1) AS DATE) END AS s1 FROM bounds b
      ), w AS (
        SELECT x.s0, least((x.s0 + 6), b.last_day) AS t0, x.s1, least((x.s1 + 6), b.last_day) AS t1
        FROM (SELECT CAST(date_trunc('week', s1 - 1) AS DATE) AS s0, s1 FROM starts) x CROSS JOIN bounds b
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
          SELECT x.day AS d, x.n FROM (WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      )
      SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL) x CROSS JOIN w WHERE x.day < w.s0
          UNION ALL
          SELECT x.prev_day, -x.n FROM (WITH days AS (
        SELECT user_id, day, prev_day FROM activity
      )
      SELECT prev_day, day, count(*) AS n FROM days GROUP BY ALL) x CROSS JOIN w WHERE x.prev_day < w.s0 AND x.day <= w.t1
        )
        GROUP BY d
        HAVING sum(n) > 0
      ), created_in AS (
        -- Only users created in the two periods can be new in them.
        SELECT c.user_id, CAST(date_trunc('week', c.created_day) AS DATE) = w.s0 AS in0, CAST(date_trunc('week', c.created_day) AS DATE) = w.s1 AS in1
        FROM user_created c CROSS JOIN w
        WHERE c.created_day >= w.s0 AND c.created_day <= (w.s1 + 6)
      ), staged AS (
        SELECT CASE
          WHEN u.last0 IS NULL THEN NULL
          WHEN u.in0 AND u.created_in0 THEN 'new'
          WHEN u.in0 AND u.before0 IS NOT NULL AND w.s0 - u.before0 > h.l THEN 'recalled'
          WHEN w.t0 - u.last0 <= h.s THEN 'active'
          WHEN w.t0 - u.last0 <= h.l THEN 'silent'
          ELSE 'churned'
        END AS from_stage, CASE
          WHEN u.last1 IS NULL THEN NULL
          WHEN u.in1 AND u.created_in1 THEN 'new'
          WHEN u.in1 AND u.before1 IS NOT NULL AND w.s1 - u.before1 > h.l THEN 'recalled'
          WHEN w.t1 - u.last1 <= h.s THEN 'active'
          WHEN w.t1 - u.last1 <= h.l THEN 'silent'
          ELSE 'churned'
        END AS to_stage, u.n
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
      ORDER BY from_stage, to_stage"
    `);
  });
});
