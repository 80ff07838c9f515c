import { describe, expect, it } from 'vitest';
import { derivedTables } from '../../../src/ingest/derived-tables';
import type { OffsetSpan } from '../../../src/schema/time-zone';
import { exactAndValid } from '../../helpers/valid-sql';

const shanghai: OffsetSpan[] = [{ fromMs: null, offsetSeconds: 28_800 }];
/** Europe/London around the 2024 switch to summer time. */
const london: OffsetSpan[] = [
  { fromMs: null, offsetSeconds: 0 },
  { fromMs: Date.UTC(2024, 2, 31, 1), offsetSeconds: 3600 },
];

describe('derived tables', () => {
  it('builds activity and user_created first, user_day_event and event_totals after the workspace is in use', () => {
    expect(derivedTables(shanghai).map((t) => [t.name, t.later])).toEqual([
      ['activity', false],
      ['user_created', false],
      ['user_day_event', true],
      ['event_totals', true],
    ]);
  });

  it('with one UTC offset: activity and user_day_event grouped by wall time', async () => {
    const [activity, userCreated, userDayEvent, eventTotals] = derivedTables(shanghai).map((t) => t.query);
    expect(await exactAndValid(userDayEvent!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE user_day_event AS
      SELECT user_id, day, event, n, amount, amount_n,
        (first_local - to_seconds(28800)) AS first_ts,
        (last_local - to_seconds(28800)) AS last_ts
      FROM (
        SELECT user_id, CAST(local_ts AS DATE) AS day, event,
        count(*) AS n,
        sum(amount) AS amount,
        count(amount) AS amount_n,
        min(local_ts) AS first_local,
        max(local_ts) AS last_local
        FROM events_wall_time
        GROUP BY ALL
      )"
    `);
    expect(await exactAndValid(activity!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE activity AS
      SELECT user_id, day, n, amount,
        lag(day) OVER by_user AS prev_day,
        min(day) OVER by_user AS first_day
      FROM (SELECT user_id, CAST(local_ts AS DATE) AS day, count(*) AS n, sum(amount) AS amount FROM events_wall_time GROUP BY ALL)
      WINDOW by_user AS (PARTITION BY user_id ORDER BY day)"
    `);
    expect(await exactAndValid(userCreated!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE user_created AS
      WITH first_active AS (SELECT user_id, day AS first_active_day FROM activity WHERE prev_day IS NULL)
      SELECT coalesce(u.user_id, f.user_id) AS user_id,
        coalesce(CAST((u.created_at + to_seconds(28800)) AS DATE), f.first_active_day) AS created_day,
        f.first_active_day
      FROM first_active f FULL OUTER JOIN users u ON u.user_id = f.user_id"
    `);
    expect(await exactAndValid(eventTotals!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE event_totals AS
      SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
      FROM user_day_event
      GROUP BY event"
    `);
  });

  it('where the offset changes: activity and user_day_event take every row as its instant', async () => {
    const [activity, userCreated, userDayEvent] = derivedTables(london).map((t) => t.query);
    expect(await exactAndValid(activity!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE activity AS
      SELECT user_id, day, n, amount,
        lag(day) OVER by_user AS prev_day,
        min(day) OVER by_user AS first_day
      FROM (SELECT user_id, CAST((ts + to_seconds(CASE WHEN ts < TIMESTAMP '2024-03-31 01:00:00.000' THEN 0 ELSE 3600 END)) AS DATE) AS day, count(*) AS n, sum(amount) AS amount FROM events GROUP BY ALL)
      WINDOW by_user AS (PARTITION BY user_id ORDER BY day)"
    `);
    expect(await exactAndValid(userDayEvent!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE user_day_event AS
      SELECT user_id, CAST((ts + to_seconds(CASE WHEN ts < TIMESTAMP '2024-03-31 01:00:00.000' THEN 0 ELSE 3600 END)) AS DATE) AS day, event,
        count(*) AS n,
        sum(amount) AS amount,
        count(amount) AS amount_n,
        min(ts) AS first_ts,
        max(ts) AS last_ts
      FROM events
      GROUP BY ALL"
    `);
    expect(await exactAndValid(userCreated!)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE user_created AS
      WITH first_active AS (SELECT user_id, day AS first_active_day FROM activity WHERE prev_day IS NULL)
      SELECT coalesce(u.user_id, f.user_id) AS user_id,
        coalesce(CAST((u.created_at + to_seconds(CASE WHEN u.created_at < TIMESTAMP '2024-03-31 01:00:00.000' THEN 0 ELSE 3600 END)) AS DATE), f.first_active_day) AS created_day,
        f.first_active_day
      FROM first_active f FULL OUTER JOIN users u ON u.user_id = f.user_id"
    `);
  });
});
