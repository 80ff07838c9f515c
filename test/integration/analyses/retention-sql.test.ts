import { describe, expect, it } from 'vitest';
import { retentionQuery, retentionUsersQuery, type RetentionSpec } from '../../../src/analyses/retention/retention-query';
import { exactAndValid } from '../../helpers/valid-sql';

const weekly: RetentionSpec = {
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'week',
  weekStart: 'monday',
  periodMode: 'calendar',
  measure: 'on',
  periods: 2,
  brackets: [],
  breakdown: null,
};

describe('Retention SQL: exact text of each branch, and DuckDB binds it', () => {
  it('first-time, any event, calendar weeks, on', async () => {
    expect(await exactAndValid(retentionQuery(weekly))).toMatchInlineSnapshot(`
      "WITH members AS (
        SELECT a.user_id, CAST(date_trunc('week', a.first_day) AS DATE) AS cohort, CAST(NULL AS VARCHAR) AS breakdown
        FROM activity a 
        WHERE a.prev_day IS NULL
      ), period_days AS (
        SELECT day, CAST(date_trunc('week', day) AS DATE) AS period, ((CAST(date_trunc('week', day) AS DATE) - CAST(date_trunc('week', span_first) AS DATE)) // 7) AS i
        FROM (
          SELECT span_first, CAST(unnest(generate_series(span_first, span_last, INTERVAL 1 DAY)) AS DATE) AS day
          FROM (SELECT min(first_day) AS span_first, max(day) AS span_last FROM activity)
        )
      ), hits AS (
        SELECT a.user_id, f.period AS cohort, CAST(NULL AS VARCHAR) AS breakdown, d.i - f.i AS n
        FROM activity a
        JOIN period_days f ON f.day = a.first_day
        JOIN period_days d ON d.day = a.day 
        WHERE a.prev_day IS NULL OR a.prev_day < d.period
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), columns AS (
        SELECT range AS period_n, range AS low, range AS high FROM range(0, 3)
      ), cohorts AS (
        SELECT cohort, breakdown, count(*) AS cohort_size FROM hits WHERE n = 0 GROUP BY ALL
      ), retained AS (
        SELECT h.cohort, h.breakdown, h.n AS period_n, count(*) AS retained
        FROM hits h WHERE h.n BETWEEN 0 AND 2
        GROUP BY ALL
      )
      SELECT c.cohort, c.breakdown, c.cohort_size, CAST(k.period_n AS INTEGER) AS period_n,
        CASE WHEN (c.cohort + 7 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) END AS retained,
        CASE WHEN (c.cohort + 7 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) / c.cohort_size END AS rate,
        (c.cohort + 7 * CAST(k.low AS INTEGER)) >= b.first_day AND ((c.cohort + 7 * CAST(k.high AS INTEGER)) + 6) <= b.last_day AS complete
      FROM cohorts c CROSS JOIN columns k CROSS JOIN bounds b
      LEFT JOIN retained r ON r.cohort = c.cohort AND r.breakdown IS NOT DISTINCT FROM c.breakdown AND r.period_n = k.period_n
      ORDER BY c.breakdown NULLS FIRST, c.cohort, k.period_n"
    `);
  });

  it('start and return events differ, on or after, Sunday weeks', async () => {
    const spec: RetentionSpec = {
      ...weekly,
      startEvent: 'sign_up',
      returnEvent: "it's",
      measure: 'on-or-after',
      weekStart: 'sunday',
    };
    expect(await exactAndValid(retentionQuery(spec))).toMatchInlineSnapshot(`
      "WITH starts AS (
        SELECT user_id, min(day) AS start_day, min(first_ts) AS start_ts
          FROM user_day_event WHERE event = 'sign_up' GROUP BY user_id
      ), members AS (
        SELECT s.user_id, (CAST(date_trunc('week', s.start_day + 1) AS DATE) - 1) AS cohort, s.start_day, s.start_ts, CAST(NULL AS VARCHAR) AS breakdown
        FROM starts s
      ), returns AS (
        SELECT user_id, day, first_ts, last_ts FROM user_day_event WHERE event = 'it''s'
      ), hits AS (
        SELECT DISTINCT m.user_id, m.cohort, m.breakdown, (((CAST(date_trunc('week', r.day + 1) AS DATE) - 1) - m.cohort) // 7) AS n
          FROM members m JOIN returns r ON r.user_id = m.user_id AND r.day >= m.start_day AND r.last_ts >= m.start_ts
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), columns AS (
        SELECT range AS period_n, range AS low, range AS high FROM range(0, 3)
      ), cohorts AS (
        SELECT cohort, breakdown, count(*) AS cohort_size FROM members GROUP BY ALL
      ), retained AS (
        SELECT h.cohort, h.breakdown, k.period_n, count(DISTINCT h.user_id) AS retained
        FROM hits h JOIN columns k ON h.n >= k.low
        GROUP BY ALL
      )
      SELECT c.cohort, c.breakdown, c.cohort_size, CAST(k.period_n AS INTEGER) AS period_n,
        CASE WHEN (c.cohort + 7 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) END AS retained,
        CASE WHEN (c.cohort + 7 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) / c.cohort_size END AS rate,
        (c.cohort + 7 * CAST(k.low AS INTEGER)) >= b.first_day AND ((c.cohort + 7 * CAST(k.high AS INTEGER)) + 6) <= b.last_day AS complete
      FROM cohorts c CROSS JOIN columns k CROSS JOIN bounds b
      LEFT JOIN retained r ON r.cohort = c.cohort AND r.breakdown IS NOT DISTINCT FROM c.breakdown AND r.period_n = k.period_n
      ORDER BY c.breakdown NULLS FIRST, c.cohort, k.period_n"
    `);
  });

  it('recurring cohorts by month, rolling', async () => {
    const spec: RetentionSpec = { ...weekly, cohortType: 'recurring', grain: 'month', periodMode: 'rolling', startEvent: 'open' };
    expect(await exactAndValid(retentionQuery(spec))).toMatchInlineSnapshot(`
      "WITH starts AS (
        SELECT user_id, min(day) AS start_day, min(first_ts) AS start_ts
          FROM user_day_event WHERE event = 'open'
          GROUP BY user_id, CAST(date_trunc('month', day) AS DATE)
      ), members AS (
        SELECT s.user_id, CAST(date_trunc('month', s.start_day) AS DATE) AS cohort, s.start_day, s.start_ts, CAST(NULL AS VARCHAR) AS breakdown
        FROM starts s
      ), returns AS (
        SELECT user_id, day, min(first_ts) AS first_ts, max(last_ts) AS last_ts FROM user_day_event GROUP BY user_id, day
      ), hits AS (
        SELECT DISTINCT m.user_id, m.cohort, m.breakdown, unnest([
            floor(epoch(greatest(r.first_ts, m.start_ts) - m.start_ts) / 2592000),
            floor(epoch(r.last_ts - m.start_ts) / 2592000)
          ]) AS n
          FROM members m JOIN returns r ON r.user_id = m.user_id AND r.day >= m.start_day AND r.last_ts >= m.start_ts AND r.day <= (m.start_day + 90)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), columns AS (
        SELECT range AS period_n, range AS low, range AS high FROM range(0, 3)
      ), cohorts AS (
        SELECT cohort, breakdown, count(*) AS cohort_size FROM members GROUP BY ALL
      ), retained AS (
        SELECT h.cohort, h.breakdown, h.n AS period_n, count(DISTINCT h.user_id) AS retained
        FROM hits h WHERE h.n BETWEEN 0 AND 2
        GROUP BY ALL
      )
      SELECT c.cohort, c.breakdown, c.cohort_size, CAST(k.period_n AS INTEGER) AS period_n,
        CASE WHEN (c.cohort + 30 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) END AS retained,
        CASE WHEN (c.cohort + 30 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) / c.cohort_size END AS rate,
        (c.cohort + 30 * CAST(k.low AS INTEGER)) >= b.first_day AND (CAST(c.cohort + INTERVAL 1 MONTH AS DATE) - 1 + 30 * CAST(k.high + 1 AS INTEGER) - 1) <= b.last_day AS complete
      FROM cohorts c CROSS JOIN columns k CROSS JOIN bounds b
      LEFT JOIN retained r ON r.cohort = c.cohort AND r.breakdown IS NOT DISTINCT FROM c.breakdown AND r.period_n = k.period_n
      ORDER BY c.breakdown NULLS FIRST, c.cohort, k.period_n"
    `);
  });

  it('brackets by day', async () => {
    const spec: RetentionSpec = {
      ...weekly,
      grain: 'day',
      measure: 'bracket',
      brackets: [
        [0, 0],
        [1, 1],
        [2, 7],
      ],
    };
    expect(await exactAndValid(retentionQuery(spec))).toMatchInlineSnapshot(`
      "WITH members AS (
        SELECT a.user_id, a.first_day AS cohort, CAST(NULL AS VARCHAR) AS breakdown
        FROM activity a 
        WHERE a.prev_day IS NULL
      ), hits AS (
        SELECT a.user_id, a.first_day AS cohort, CAST(NULL AS VARCHAR) AS breakdown,
          (a.day - a.first_day) AS n
        FROM activity a 
        WHERE a.prev_day IS NULL OR a.prev_day < a.day
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), columns AS (
        SELECT * FROM (VALUES (0, 0, 0), (1, 1, 1), (2, 2, 7)) AS c(period_n, low, high)
      ), cohorts AS (
        SELECT cohort, breakdown, count(*) AS cohort_size FROM hits WHERE n = 0 GROUP BY ALL
      ), retained AS (
        SELECT h.cohort, h.breakdown, k.period_n, count(DISTINCT h.user_id) AS retained
        FROM hits h JOIN columns k ON h.n BETWEEN k.low AND k.high
        GROUP BY ALL
      )
      SELECT c.cohort, c.breakdown, c.cohort_size, CAST(k.period_n AS INTEGER) AS period_n,
        CASE WHEN (c.cohort + CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) END AS retained,
        CASE WHEN (c.cohort + CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) / c.cohort_size END AS rate,
        (c.cohort + CAST(k.low AS INTEGER)) >= b.first_day AND (c.cohort + CAST(k.high AS INTEGER)) <= b.last_day AS complete
      FROM cohorts c CROSS JOIN columns k CROSS JOIN bounds b
      LEFT JOIN retained r ON r.cohort = c.cohort AND r.breakdown IS NOT DISTINCT FROM c.breakdown AND r.period_n = k.period_n
      ORDER BY c.breakdown NULLS FIRST, c.cohort, k.period_n"
    `);
  });

  it('signup cohorts broken down by a users-file column', async () => {
    const spec: RetentionSpec = { ...weekly, cohortBy: 'signup', breakdown: 'country' };
    expect(await exactAndValid(retentionQuery(spec))).toMatchInlineSnapshot(`
      "WITH breakdown_source AS (
        SELECT user_id, CAST("country" AS VARCHAR) AS v FROM users
      ), breakdown_rank AS (
        SELECT coalesce(v, '(none)') AS v, row_number() OVER (ORDER BY count(*) DESC, coalesce(v, '(none)')) AS r
        FROM breakdown_source GROUP BY 1
      ), breakdown_of AS (
        SELECT s.user_id, CASE WHEN k.r <= 10 OR k.v = '(none)' THEN k.v ELSE '(other)' END AS breakdown
        FROM breakdown_source s JOIN breakdown_rank k ON k.v = coalesce(s.v, '(none)')
      ), starts AS (
        SELECT u.user_id, c.created_day AS start_day, u.created_at AS start_ts
          FROM users u JOIN user_created c USING (user_id)
          WHERE u.created_at IS NOT NULL
      ), members AS (
        SELECT s.user_id, CAST(date_trunc('week', s.start_day) AS DATE) AS cohort, s.start_day, s.start_ts, coalesce(b.breakdown, '(none)') AS breakdown
        FROM starts s LEFT JOIN breakdown_of b ON b.user_id = s.user_id
      ), returns AS (
        SELECT user_id, day, min(first_ts) AS first_ts, max(last_ts) AS last_ts FROM user_day_event GROUP BY user_id, day
      ), hits AS (
        SELECT DISTINCT m.user_id, m.cohort, m.breakdown, ((CAST(date_trunc('week', r.day) AS DATE) - m.cohort) // 7) AS n
          FROM members m JOIN returns r ON r.user_id = m.user_id AND r.day >= m.start_day AND r.last_ts >= m.start_ts AND r.day <= ((m.cohort + 7 * CAST(2 AS INTEGER)) + 6)
      ), bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), columns AS (
        SELECT range AS period_n, range AS low, range AS high FROM range(0, 3)
      ), cohorts AS (
        SELECT cohort, breakdown, count(*) AS cohort_size FROM members GROUP BY ALL
      ), retained AS (
        SELECT h.cohort, h.breakdown, h.n AS period_n, count(DISTINCT h.user_id) AS retained
        FROM hits h WHERE h.n BETWEEN 0 AND 2
        GROUP BY ALL
      )
      SELECT c.cohort, c.breakdown, c.cohort_size, CAST(k.period_n AS INTEGER) AS period_n,
        CASE WHEN (c.cohort + 7 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) END AS retained,
        CASE WHEN (c.cohort + 7 * CAST(k.low AS INTEGER)) <= b.last_day THEN coalesce(r.retained, 0) / c.cohort_size END AS rate,
        (c.cohort + 7 * CAST(k.low AS INTEGER)) >= b.first_day AND ((c.cohort + 7 * CAST(k.high AS INTEGER)) + 6) <= b.last_day AS complete
      FROM cohorts c CROSS JOIN columns k CROSS JOIN bounds b
      LEFT JOIN retained r ON r.cohort = c.cohort AND r.breakdown IS NOT DISTINCT FROM c.breakdown AND r.period_n = k.period_n
      ORDER BY c.breakdown NULLS FIRST, c.cohort, k.period_n"
    `);
  });

  it('the users behind one cell', async () => {
    const cell = { cohort: '2024-01-01', breakdown: "O'Brien", periodN: 1 };
    expect(await exactAndValid(retentionUsersQuery({ ...weekly, breakdown: 'country' }, cell))).toMatchInlineSnapshot(`
      "WITH breakdown_source AS (
        SELECT user_id, CAST("country" AS VARCHAR) AS v FROM users
      ), breakdown_rank AS (
        SELECT coalesce(v, '(none)') AS v, row_number() OVER (ORDER BY count(*) DESC, coalesce(v, '(none)')) AS r
        FROM breakdown_source GROUP BY 1
      ), breakdown_of AS (
        SELECT s.user_id, CASE WHEN k.r <= 10 OR k.v = '(none)' THEN k.v ELSE '(other)' END AS breakdown
        FROM breakdown_source s JOIN breakdown_rank k ON k.v = coalesce(s.v, '(none)')
      ), members AS (
        SELECT a.user_id, CAST(date_trunc('week', a.first_day) AS DATE) AS cohort, coalesce(b.breakdown, '(none)') AS breakdown
        FROM activity a LEFT JOIN breakdown_of b ON b.user_id = a.user_id
        WHERE a.prev_day IS NULL
      ), period_days AS (
        SELECT day, CAST(date_trunc('week', day) AS DATE) AS period, ((CAST(date_trunc('week', day) AS DATE) - CAST(date_trunc('week', span_first) AS DATE)) // 7) AS i
        FROM (
          SELECT span_first, CAST(unnest(generate_series(span_first, span_last, INTERVAL 1 DAY)) AS DATE) AS day
          FROM (SELECT min(first_day) AS span_first, max(day) AS span_last FROM activity)
        )
      ), hits AS (
        SELECT a.user_id, f.period AS cohort, coalesce(b.breakdown, '(none)') AS breakdown, d.i - f.i AS n
        FROM activity a
        JOIN period_days f ON f.day = a.first_day
        JOIN period_days d ON d.day = a.day LEFT JOIN breakdown_of b ON b.user_id = a.user_id
        WHERE a.prev_day IS NULL OR a.prev_day < d.period
      ), columns AS (
        SELECT range AS period_n, range AS low, range AS high FROM range(0, 3)
      )
      SELECT DISTINCT h.user_id, h.cohort
      FROM hits h JOIN columns k ON h.n BETWEEN k.low AND k.high
      WHERE h.cohort = CAST('2024-01-01' AS DATE) AND h.breakdown IS NOT DISTINCT FROM 'O''Brien' AND k.period_n = 1
      ORDER BY h.user_id"
    `);
  });
});
