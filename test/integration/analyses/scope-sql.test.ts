import { describe, expect, it } from 'vitest';
import { newUsersQuery } from '../../../src/analyses/overview/new-users-query';
import { topEventsQuery } from '../../../src/analyses/overview/top-events-query';
import { scopeTables, withinScope } from '../../../src/analyses/scope';
import { canonicalSchema, exactAndValid } from '../../helpers/valid-sql';

// The canonical schema lives in `main`; a workspace schema named like the engine's holds a copy.
const workspace = `CREATE SCHEMA IF NOT EXISTS ws_1; ${canonicalSchema.replace(/CREATE TABLE (\w+)/g, 'CREATE TABLE IF NOT EXISTS ws_1.$1').replace(/INSERT INTO (\w+)/g, 'INSERT INTO ws_1.$1')}`;

describe('Scope: an "as of" date narrows every analysis the same way', () => {
  it('puts the scoped tables it reads first in a builder that starts WITH', async () => {
    const statement = withinScope(
      newUsersQuery({ grain: 'day', weekStart: 'monday' }),
      scopeTables({ asOf: '2024-01-31', from: null, segment: null, filters: [] }, 'ws_1'),
    );
    expect(await exactAndValid(statement, workspace)).toMatchInlineSnapshot(`
      "WITH activity AS (SELECT * FROM "ws_1"."activity" WHERE day <= CAST('2024-01-31' AS DATE)),
      user_created AS (
        SELECT user_id, created_day, CASE WHEN first_active_day <= CAST('2024-01-31' AS DATE) THEN first_active_day END AS first_active_day
        FROM "ws_1"."user_created" WHERE created_day <= CAST('2024-01-31' AS DATE)
      ),
      bounds AS (
        SELECT min(day) AS first_day, max(day) AS last_day FROM activity
      ), per_period AS (
        SELECT created_day AS period, count(*) AS new_users
        FROM user_created
        WHERE created_day IS NOT NULL
        GROUP BY ALL
      )
      SELECT p.period, p.new_users,
        p.period >= b.first_day AND p.period <= b.last_day AS complete
      FROM per_period p, bounds b
      ORDER BY p.period"
    `);
  });

  it('keeps leading comments and scopes a plain SELECT', async () => {
    const statement = withinScope(
      topEventsQuery({ limit: 3 }),
      scopeTables({ asOf: '2024-01-31', from: null, segment: null, filters: [] }, 'ws_1'),
    );
    expect(await exactAndValid(statement, workspace)).toMatchInlineSnapshot(`
      "-- event_totals, built at load:
      --   SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
      --   FROM user_day_event
      --   GROUP BY event
      WITH user_day_event AS (SELECT * FROM "ws_1"."user_day_event" WHERE day <= CAST('2024-01-31' AS DATE)),
      event_totals AS (
        SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
        FROM "ws_1"."user_day_event" WHERE day <= CAST('2024-01-31' AS DATE) GROUP BY event
      )
      SELECT event, events, users, events / (SELECT sum(events) FROM event_totals) AS share
      FROM event_totals
      ORDER BY events DESC, event
      LIMIT 3"
    `);
  });

  it('keeps what the tables it reads are made of: with an event filter, activity needs the filtered chain', () => {
    const statement = withinScope(
      newUsersQuery({ grain: 'day', weekStart: 'monday' }),
      scopeTables(
        {
          asOf: null,
          from: null,
          segment: null,
          filters: [
            { on: 'event', column: 'country', op: 'equals', values: ['FR'], min: null, max: null },
            { on: 'user', column: 'plan', op: 'equals', values: ['pro'], min: null, max: null },
          ],
        },
        'ws_1',
        [{ fromMs: null, offsetSeconds: 0 }],
      ),
    );
    const ctes = [...statement.text.matchAll(/^(?:WITH |,?\s*)(\w+) AS \(/gm)].map((m) => m[1]);
    expect(ctes.slice(0, 6)).toEqual([
      'events',
      'filtered_day_event',
      'filtered_activity',
      'filtered_user_created',
      'activity',
      'user_created',
    ]);
    expect(statement.text).not.toMatch(/^\s*user_day_event AS \(/m);
    expect(statement.text).not.toMatch(/^\s*event_totals AS \(/m);
  });

  it('leaves a statement alone in the full scope', () => {
    const statement = newUsersQuery({ grain: 'day', weekStart: 'monday' });
    expect(withinScope(statement, scopeTables({ asOf: null, from: null, segment: null, filters: [] }, 'ws_1')).text).toBe(
      statement.text,
    );
  });
});
