import { describe, expect, it } from 'vitest';
import {
  profileAttributesQuery,
  profileSegmentsQuery,
  profileSummaryQuery,
  profileTimelineQuery,
} from '../../../src/analyses/profile/profile-queries';
import { canonicalSources, scopeTables, withinScope } from '../../../src/analyses/scope';
import type { SegmentRule } from '../../../src/analyses/segment-rule';
import { segmentMembersQuery } from '../../../src/analyses/segment-sql';
import { segmentCompareQuery } from '../../../src/analyses/segments/compare-query';
import { segmentCountQuery, segmentMembersListQuery } from '../../../src/analyses/segments/segment-queries';
import { datasetSummaryQuery } from '../../../src/analyses/overview/summary-query';
import { canonicalSchema, exactAndValid } from '../../helpers/valid-sql';

const everyCondition: SegmentRule = {
  kind: 'group',
  op: 'and',
  rules: [
    { kind: 'attribute', column: 'ci"ty', op: 'in', values: ['上海', "O'Hare"], min: null, max: null },
    { kind: 'attribute', column: 'age', op: 'range', values: [], min: 18, max: null },
    { kind: 'attribute', column: 'phone', op: 'empty', values: [], min: null, max: null },
    {
      kind: 'event',
      event: 'purchase',
      did: true,
      count: 'at-least',
      n: 2,
      measure: 'times',
      window: { kind: 'last', days: 30 },
      universe: 'all',
    },
    {
      kind: 'event',
      event: null,
      did: true,
      count: 'exactly',
      n: 0,
      measure: 'days',
      window: { kind: 'between', from: '2024-01-01', to: '2024-01-31' },
      universe: 'all',
    },
    {
      kind: 'group',
      op: 'or',
      rules: [
        {
          kind: 'event',
          event: 'open',
          did: false,
          count: 'at-least',
          n: 1,
          measure: 'times',
          window: { kind: 'last', days: 7 },
          universe: 'active',
        },
        { kind: 'amount', aggregate: 'mean', op: '>=', value: 99.5, window: { kind: 'all' } },
        { kind: 'seen', which: 'last', op: 'within', date: null, days: 14 },
        { kind: 'seen', which: 'first', op: 'before', date: '2024-02-01', days: null },
        { kind: 'sequence', first: 'open', then: 'purchase', withinDays: 1, window: { kind: 'all' } },
      ],
    },
  ],
};

describe('segment SQL: exact text of every condition, and DuckDB binds it', () => {
  it('members of a rule with every kind of condition', async () => {
    expect(
      await exactAndValid(
        segmentMembersQuery(everyCondition, canonicalSources),
        `ALTER TABLE users ADD COLUMN IF NOT EXISTS "ci""ty" VARCHAR`,
      ),
    ).toMatchInlineSnapshot(`
      "WITH last_day AS MATERIALIZED (SELECT (SELECT max(day) FROM activity) AS d)
      SELECT u.user_id FROM user_created u WHERE (u.user_id IN (SELECT user_id FROM users WHERE CAST("ci""ty" AS VARCHAR) IN ('上海', 'O''Hare')))
        AND (u.user_id IN (SELECT user_id FROM users WHERE TRY_CAST("age" AS DOUBLE) >= 18))
        AND (u.user_id NOT IN (SELECT user_id FROM users WHERE "phone" IS NOT NULL AND trim(CAST("phone" AS VARCHAR)) <> ''))
        AND (u.user_id IN (SELECT user_id FROM user_day_event WHERE user_id IS NOT NULL AND ((event = 'purchase' AND day BETWEEN (SELECT d FROM last_day) - 29 AND (SELECT d FROM last_day)) OR (day BETWEEN CAST('2024-01-01' AS DATE) AND CAST('2024-01-31' AS DATE)))
          GROUP BY user_id HAVING coalesce(sum(n) FILTER (WHERE event = 'purchase' AND day BETWEEN (SELECT d FROM last_day) - 29 AND (SELECT d FROM last_day)), 0) >= 2 AND count(DISTINCT day) FILTER (WHERE day BETWEEN CAST('2024-01-01' AS DATE) AND CAST('2024-01-31' AS DATE)) = 0))
        AND ((u.user_id NOT IN (SELECT user_id FROM user_day_event WHERE user_id IS NOT NULL AND event = 'open' AND day BETWEEN (SELECT d FROM last_day) - 6 AND (SELECT d FROM last_day)) AND u.user_id IN (SELECT user_id FROM activity WHERE day BETWEEN (SELECT d FROM last_day) - 6 AND (SELECT d FROM last_day)))
        OR (u.user_id IN (SELECT user_id FROM user_day_event WHERE amount_n > 0 AND TRUE GROUP BY user_id HAVING sum(amount) / sum(amount_n) >= 99.5::DOUBLE))
        OR (u.user_id IN (SELECT user_id FROM activity GROUP BY user_id HAVING max(day) >= (SELECT d FROM last_day) - 13))
        OR (u.first_active_day < CAST('2024-02-01' AS DATE))
        OR (u.user_id IN (
          SELECT a.user_id FROM user_day_event a JOIN user_day_event b ON a.user_id = b.user_id
          WHERE a.event = 'open' AND b.event = 'purchase' AND b.last_ts > a.first_ts AND b.day - a.day <= 1
            AND TRUE AND TRUE
        )))"
    `);
  });

  it('an event condition with property filters reads the events table, each event on its local day (issue 9)', async () => {
    const rule: SegmentRule = {
      kind: 'event',
      event: 'purchase',
      did: true,
      count: 'at-least',
      n: 2,
      measure: 'days',
      window: { kind: 'last', days: 30 },
      universe: 'all',
      filters: [
        { column: 'country', op: 'in', values: ["O'Hare", '<script>', '上海'], min: null, max: null },
        { column: 'order_id', op: 'empty', values: [], min: null, max: null },
      ],
    };
    expect(await exactAndValid(segmentMembersQuery(rule, canonicalSources))).toMatchInlineSnapshot(`
      "WITH last_day AS MATERIALIZED (SELECT (SELECT max(day) FROM activity) AS d)
      SELECT u.user_id FROM user_created u WHERE u.user_id IN (SELECT user_id FROM (
          SELECT e.user_id, d.day, d.event, 1 AS n
          FROM events e ASOF JOIN user_day_event d ON e.user_id = d.user_id AND e.event = d.event AND e.ts >= d.first_ts
          WHERE e.ts <= d.last_ts AND e.event = 'purchase' AND (CAST(e."country" AS VARCHAR) IN ('O''Hare', '<script>', '上海')) AND ((e."order_id" IS NULL OR trim(CAST(e."order_id" AS VARCHAR)) = ''))
        ) WHERE user_id IS NOT NULL AND TRUE AND day BETWEEN (SELECT d FROM last_day) - 29 AND (SELECT d FROM last_day) GROUP BY user_id HAVING count(DISTINCT day) >= 2)"
    `);
  });

  it('count, reach list and comparison', async () => {
    const rule: SegmentRule = { kind: 'seen', which: 'last', op: 'after', date: '2024-01-15', days: null };
    expect(await exactAndValid(segmentCountQuery({ rule }))).toMatchInlineSnapshot(
      `
      "SELECT (SELECT count(*) FROM (WITH last_day AS MATERIALIZED (SELECT (SELECT max(day) FROM activity) AS d)
      SELECT u.user_id FROM user_created u WHERE u.user_id IN (SELECT user_id FROM activity GROUP BY user_id HAVING max(day) > CAST('2024-01-15' AS DATE)))) AS members, (SELECT count(*) FROM user_created) AS users"
    `,
    );
    expect(await exactAndValid(segmentMembersListQuery({ ids: ['u1', "o'x"] }, ['phone', 'email']))).toMatchInlineSnapshot(`
      "SELECT m.user_id, a."phone", a."email"
      FROM (SELECT u.user_id FROM user_created u WHERE u.user_id IN (SELECT CAST(unnest(['u1', 'o''x']) AS VARCHAR))) m
      LEFT JOIN users a ON a.user_id = m.user_id
      ORDER BY m.user_id"
    `);
    expect(await exactAndValid(segmentCompareQuery([{ rule }, { ids: [] }]))).toMatchInlineSnapshot(`
      "WITH m0 AS (WITH last_day AS MATERIALIZED (SELECT (SELECT max(day) FROM activity) AS d)
      SELECT u.user_id FROM user_created u WHERE u.user_id IN (SELECT user_id FROM activity GROUP BY user_id HAVING max(day) > CAST('2024-01-15' AS DATE))),
      m1 AS (SELECT u.user_id FROM user_created u WHERE u.user_id IN (SELECT CAST(unnest(CAST([] AS VARCHAR[])) AS VARCHAR))),
      last AS (SELECT max(day) AS day FROM activity)
      SELECT 0 AS segment,
          (SELECT count(*) FROM m0) AS members,
          (SELECT count(DISTINCT a.user_id) FROM activity a JOIN m0 USING (user_id), last WHERE a.day > last.day - 7) AS active_7d,
          (SELECT count(DISTINCT a.user_id) FROM activity a JOIN m0 USING (user_id), last WHERE a.day > last.day - 30) AS active_30d,
          (SELECT coalesce(sum(a.amount), 0) FROM activity a JOIN m0 USING (user_id)) AS revenue,
          (SELECT count(*) FROM m0 JOIN m0 USING (user_id)) AS overlap_0,
          (SELECT count(*) FROM m0 JOIN m1 USING (user_id)) AS overlap_1
      UNION ALL
      SELECT 1 AS segment,
          (SELECT count(*) FROM m1) AS members,
          (SELECT count(DISTINCT a.user_id) FROM activity a JOIN m1 USING (user_id), last WHERE a.day > last.day - 7) AS active_7d,
          (SELECT count(DISTINCT a.user_id) FROM activity a JOIN m1 USING (user_id), last WHERE a.day > last.day - 30) AS active_30d,
          (SELECT coalesce(sum(a.amount), 0) FROM activity a JOIN m1 USING (user_id)) AS revenue,
          (SELECT count(*) FROM m1 JOIN m0 USING (user_id)) AS overlap_0,
          (SELECT count(*) FROM m1 JOIN m1 USING (user_id)) AS overlap_1
      ORDER BY segment"
    `);
  });

  it('a segment scope shadows the canonical tables for any analysis', async () => {
    const workspace = `CREATE SCHEMA IF NOT EXISTS ws_2; ${canonicalSchema.replace(/CREATE TABLE (\w+)/g, 'CREATE TABLE IF NOT EXISTS ws_2.$1').replace(/INSERT INTO (\w+)/g, 'INSERT INTO ws_2.$1')}`;
    const scoped = withinScope(
      datasetSummaryQuery(),
      scopeTables(
        {
          asOf: '2024-01-31',
          from: null,
          segment: { rule: { kind: 'seen', which: 'last', op: 'within', date: null, days: 7 } },
          filters: [],
        },
        'ws_2',
      ),
    );
    expect(await exactAndValid(scoped, workspace)).toMatchInlineSnapshot(`
      "WITH segment_members AS (WITH last_day AS MATERIALIZED (SELECT CAST('2024-01-31' AS DATE) AS d)
      SELECT u.user_id FROM (SELECT * FROM "ws_2"."user_created" WHERE created_day <= CAST('2024-01-31' AS DATE)) u WHERE u.user_id IN (SELECT user_id FROM (SELECT * FROM "ws_2"."activity" WHERE day <= CAST('2024-01-31' AS DATE)) GROUP BY user_id HAVING max(day) >= (SELECT d FROM last_day) - 6)),
      activity AS (SELECT * FROM "ws_2"."activity" WHERE day <= CAST('2024-01-31' AS DATE) AND user_id IN (SELECT user_id FROM segment_members)),
      user_day_event AS (SELECT * FROM "ws_2"."user_day_event" WHERE day <= CAST('2024-01-31' AS DATE) AND user_id IN (SELECT user_id FROM segment_members)),
      user_created AS (
        SELECT user_id, created_day, CASE WHEN first_active_day <= CAST('2024-01-31' AS DATE) THEN first_active_day END AS first_active_day
        FROM "ws_2"."user_created" WHERE created_day <= CAST('2024-01-31' AS DATE) AND user_id IN (SELECT user_id FROM segment_members)
      ),
      event_totals AS (
        SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
        FROM "ws_2"."user_day_event" WHERE day <= CAST('2024-01-31' AS DATE) AND user_id IN (SELECT user_id FROM segment_members) GROUP BY event
      ),
      users AS (SELECT * FROM "ws_2"."users" WHERE user_id IN (SELECT user_id FROM segment_members))
      SELECT
        (SELECT CAST(coalesce(sum(events), 0) AS BIGINT) FROM event_totals) AS events,
        (SELECT count(*) FROM user_created) AS users,
        (SELECT count(*) FROM user_created WHERE first_active_day IS NOT NULL) AS active_users,
        (SELECT count(*) FROM event_totals) AS event_names,
        (SELECT min(day) FROM activity) AS first_day,
        (SELECT max(day) FROM activity) AS last_day"
    `);
  });
});

describe('user profile SQL: exact text, and DuckDB binds it', () => {
  it('summary, attributes, segments and timeline of one user', async () => {
    const id = "<script>'0";
    expect(await exactAndValid(profileSummaryQuery(id))).toMatchInlineSnapshot(`
      "SELECT
        (SELECT created_day FROM user_created WHERE user_id = '<script>''0') AS created_day,
        min(day) AS first_day,
        max(day) AS last_day,
        count(DISTINCT day) AS active_days,
        CAST(coalesce(sum(n), 0) AS BIGINT) AS events,
        CAST(coalesce(sum(amount_n), 0) AS BIGINT) AS purchases,
        sum(amount) AS amount
      FROM user_day_event
      WHERE user_id = '<script>''0'"
    `);
    expect(await exactAndValid(profileAttributesQuery(id))).toMatchInlineSnapshot(
      `"SELECT * FROM users WHERE user_id = '<script>''0'"`,
    );
    expect(
      await exactAndValid(
        profileSegmentsQuery(id, [
          { id: 's1', definition: { rule: { kind: 'seen', which: 'first', op: 'after', date: '2024-01-01', days: null } } },
          { id: 's2', definition: { ids: [id] } },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "SELECT 's1' AS segment_id WHERE '<script>''0' IN (SELECT user_id FROM (WITH last_day AS MATERIALIZED (SELECT (SELECT max(day) FROM activity) AS d)
      SELECT u.user_id FROM user_created u WHERE u.first_active_day > CAST('2024-01-01' AS DATE)))
      UNION ALL
      SELECT 's2' AS segment_id WHERE '<script>''0' IN (SELECT user_id FROM (SELECT '<script>''0' AS user_id))"
    `);
    expect(await exactAndValid(profileTimelineQuery(id, 500, 500))).toMatchInlineSnapshot(`
      "SELECT local_ts, event, amount FROM events_wall_time WHERE user_id = '<script>''0'
      ORDER BY local_ts, event, amount NULLS FIRST
      LIMIT 500 OFFSET 500"
    `);
  });
});
