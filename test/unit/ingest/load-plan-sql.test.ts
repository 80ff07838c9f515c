import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  emptyUsersTableQuery,
  eventsTableQuery,
  eventsWallTimeQuery,
  usersTableQuery,
  dropTableQuery,
} from '../../../src/ingest/canonical-tables';
import {
  castRejectedColumnsQuery,
  csvSource,
  describeQuery,
  dropRejectsQueries,
  rejectsReportQuery,
} from '../../../src/ingest/csv-source';
import { sameDayStageQuery } from '../../../src/ingest/event-stage';
import { identityTableQuery } from '../../../src/ingest/identity-stage';
import { fileRoles, type FileRole, type FileSpec } from '../../../src/ingest/manifest';
import { stageBuilders, type StageBuilder } from '../../../src/ingest/stage-builders';
import type { SourceColumn } from '../../../src/ingest/stage-columns';
import { identityReportQuery, unreadableAmountsQueries } from '../../../src/ingest/stage-reports';
import type { Sql } from '../../../src/sql';
import type { OffsetSpan } from '../../../src/schema/time-zone';
import { exactAndValid } from '../../helpers/valid-sql';

/** Small files of each role, read by name through DuckDB's file_search_path. */
const files = {
  'events.csv': 'user_id,time,event,amount,country\nu1,2024-01-01 10:00:00,open,1.5,UK\n',
  'orders.csv': 'customer,ordered_at,price,qty,invoice\nc1,2024-01-01 10:00:00,"1,200.50",3,C1\n',
  'users.csv': 'user_id,signup_time,plan\nu1,2024-01-01,pro\n',
  'devices.csv': 'device_id,user_id\nd1,u1\n',
  'ragged.csv': 'a,b\n1,2\n3\n',
};

const events: FileSpec = {
  role: 'events',
  path: 'events.csv',
  format: 'csv',
  columns: { userId: 'user_id', time: 'time', event: 'event', amount: 'amount' },
};
const eventColumns: SourceColumn[] = [
  { name: 'user_id', type: 'VARCHAR' },
  { name: 'time', type: 'TIMESTAMP' },
  { name: 'event', type: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'country', type: 'VARCHAR' },
];
const orders: FileSpec = {
  role: 'orders',
  path: 'orders.csv',
  format: 'csv',
  columns: { userId: 'customer', time: 'ordered_at', amount: 'price', quantity: 'qty' },
  exclude: [{ column: 'invoice', op: 'starts-with', value: 'C' }],
  missingUserIdAs: 'guest',
};
const orderColumns: SourceColumn[] = [
  { name: 'customer', type: 'VARCHAR' },
  { name: 'ordered_at', type: 'TIMESTAMP' },
  { name: 'price', type: 'VARCHAR' },
  { name: 'qty', type: 'BIGINT' },
  { name: 'invoice', type: 'VARCHAR' },
];
const users: FileSpec = {
  role: 'users',
  path: 'users.csv',
  format: 'csv',
  columns: { userId: 'user_id', signupTime: 'signup_time' },
  exclude: [{ column: 'plan', op: 'is-empty' }],
};
const userColumns: SourceColumn[] = [
  { name: 'user_id', type: 'VARCHAR' },
  { name: 'signup_time', type: 'DATE' },
  { name: 'plan', type: 'VARCHAR' },
];
const identity: FileSpec = {
  role: 'identity',
  path: 'devices.csv',
  format: 'csv',
  columns: { userId: 'user_id', anonymousId: 'device_id' },
};
const identityColumns: SourceColumn[] = [
  { name: 'device_id', type: 'VARCHAR' },
  { name: 'user_id', type: 'VARCHAR' },
];

const shanghai: OffsetSpan[] = [{ fromMs: null, offsetSeconds: 28_800 }];
const salt = { salt: '0123456789abcdef' };

function created(statement: { ok: true; value: Sql } | { ok: false }): Sql {
  if (!statement.ok) throw new Error('no statement');
  return statement.value;
}

const source = (file: FileSpec) => csvSource(file.path, file, { textColumns: [file.columns.userId] });

let searchPath = '';
/** The stage tables, created for real, for the statements that read them. */
let stages = '';

beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-load-plan-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  searchPath = `SET file_search_path = '${dir}';`;
  stages = [
    searchPath,
    created(stageBuilders.events.create('stage_0', source(events), events, eventColumns)).text,
    created(stageBuilders.orders.create('stage_1', source(orders), orders, orderColumns)).text,
    created(stageBuilders.users.create('stage_2', source(users), users, userColumns)).text,
    created(stageBuilders.identity.create('stage_3', source(identity), identity, identityColumns)).text,
    'CREATE OR REPLACE TEMP TABLE identity (anonymous_id VARCHAR, user_id VARCHAR, user_ids BIGINT);',
  ].join(';\n');
});

describe('CSV source and rejects', () => {
  it('reads a file with the separator shown, ids as text, and malformed lines kept aside', async () => {
    const q = csvSource('orders.csv', { format: 'csv', delimiter: ';' }, { textColumns: ['customer'], rejects: 'r' });
    expect(await exactAndValid(describeQuery(q), searchPath)).toMatchInlineSnapshot(
      `"DESCRIBE SELECT * FROM read_csv('orders.csv', header = true, sample_size = 20480, delim = ';', types = {'customer': 'VARCHAR'}, store_rejects = true, rejects_table = 'r_errors', rejects_scan = 'r_scans')"`,
    );
  });

  it('reports rejected lines by reason, finds late-mistyped columns, and drops the rejects tables', async () => {
    const rejects = `${searchPath}
CREATE OR REPLACE TEMP TABLE ragged AS SELECT * FROM read_csv('ragged.csv', store_rejects = true, rejects_table = 'r_errors', rejects_scan = 'r_scans');`;
    expect(await exactAndValid(rejectsReportQuery('r'), rejects)).toMatchInlineSnapshot(`
      "WITH by_line AS (
        SELECT CAST(error_type AS VARCHAR) AS reason, line, any_value(column_name) AS column_name, any_value(csv_line) AS text
        FROM "r_errors"
        GROUP BY ALL
      ), counted AS (
        SELECT *, count(*) OVER (PARTITION BY reason) AS lines, row_number() OVER (PARTITION BY reason ORDER BY line) AS k
        FROM by_line
      )
      SELECT reason, lines, line, column_name, text FROM counted WHERE k <= 3
      ORDER BY lines DESC, reason, line"
    `);
    expect(await exactAndValid(castRejectedColumnsQuery('r'))).toMatchInlineSnapshot(`
      "SELECT DISTINCT column_name FROM "r_errors"
      WHERE CAST(error_type AS VARCHAR) = 'CAST' AND column_name IS NOT NULL"
    `);
    const [errors, scans] = dropRejectsQueries('r');
    expect(await exactAndValid(errors!)).toMatchInlineSnapshot(`"DROP TABLE IF EXISTS "r_errors""`);
    expect(await exactAndValid(scans!)).toMatchInlineSnapshot(`"DROP TABLE IF EXISTS "r_scans""`);
  });
});

describe('stage per file role', () => {
  it('has a builder for every role (a new role does not compile without one)', () => {
    expect(Object.keys(stageBuilders).sort()).toEqual([...fileRoles].sort());
    // @ts-expect-error a fifth role needs its own stage builder
    const withSessions: Record<FileRole | 'sessions', StageBuilder> = stageBuilders;
    expect(withSessions).toBe(stageBuilders);
  });

  it('events: canonical user, time, event and amount, then the file’s other columns', async () => {
    const q = created(stageBuilders.events.create('stage_0', source(events), events, eventColumns));
    expect(await exactAndValid(q, searchPath)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE "stage_0" AS SELECT
        CASE WHEN contains(CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END, '.') THEN regexp_replace(CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END, '^(-?[0-9]+)\\.0+$', '\\1') ELSE CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END END AS user_id,
        CAST("time" AS TIMESTAMP) AS ts_local,
        CAST(NULL AS TIMESTAMP) AS ts_utc,
        CASE WHEN CAST("event" AS VARCHAR) LIKE ' %' OR CAST("event" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("event" AS VARCHAR)), '') ELSE nullif(CAST("event" AS VARCHAR), '') END AS event,
        CAST("amount" AS DOUBLE) AS amount,
        false AS excluded,
        "country"
      FROM read_csv('events.csv', header = true, sample_size = 20480, delim = ',', types = {'user_id': 'VARCHAR'})"
    `);
  });

  it('orders: purchases priced by unit price x quantity, a rule, and a stand-in for missing ids', async () => {
    const q = created(stageBuilders.orders.create('stage_1', source(orders), orders, orderColumns));
    expect(await exactAndValid(q, searchPath)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE "stage_1" AS SELECT
        coalesce(CASE WHEN contains(CASE WHEN CAST("customer" AS VARCHAR) LIKE ' %' OR CAST("customer" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("customer" AS VARCHAR)), '') ELSE nullif(CAST("customer" AS VARCHAR), '') END, '.') THEN regexp_replace(CASE WHEN CAST("customer" AS VARCHAR) LIKE ' %' OR CAST("customer" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("customer" AS VARCHAR)), '') ELSE nullif(CAST("customer" AS VARCHAR), '') END, '^(-?[0-9]+)\\.0+$', '\\1') ELSE CASE WHEN CAST("customer" AS VARCHAR) LIKE ' %' OR CAST("customer" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("customer" AS VARCHAR)), '') ELSE nullif(CAST("customer" AS VARCHAR), '') END END, 'guest') AS user_id,
        CAST("ordered_at" AS TIMESTAMP) AS ts_local,
        CAST(NULL AS TIMESTAMP) AS ts_utc,
        'purchase' AS event,
        TRY_CAST(replace(trim(CAST("price" AS VARCHAR)), ',', '') AS DOUBLE) * CAST("qty" AS DOUBLE) AS amount,
        coalesce(starts_with(trim(CAST("invoice" AS VARCHAR)), 'C'), false) AS excluded,
        "price", "qty", "invoice"
      FROM read_csv('orders.csv', header = true, sample_size = 20480, delim = ',', types = {'customer': 'VARCHAR'})"
    `);
  });

  it('users: signup time and attributes', async () => {
    const q = created(stageBuilders.users.create('stage_2', source(users), users, userColumns));
    expect(await exactAndValid(q, searchPath)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TEMP TABLE "stage_2" AS SELECT
        CASE WHEN contains(CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END, '.') THEN regexp_replace(CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END, '^(-?[0-9]+)\\.0+$', '\\1') ELSE CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END END AS user_id,
        CAST("signup_time" AS TIMESTAMP) AS created_local,
        CAST(NULL AS TIMESTAMP) AS created_utc,
        coalesce((CAST("plan" AS VARCHAR) IS NULL OR trim(CAST("plan" AS VARCHAR)) = ''), false) AS excluded,
        "plan"
      FROM read_csv('users.csv', header = true, sample_size = 20480, delim = ',', types = {'user_id': 'VARCHAR'})"
    `);
  });

  it('identity: anonymous and user ids, pseudonymised', async () => {
    const q = created(stageBuilders.identity.create('stage_3', source(identity), identity, identityColumns, salt));
    expect(await exactAndValid(q, searchPath)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TEMP TABLE "stage_3" AS SELECT
        left(sha256('0123456789abcdef' || CASE WHEN contains(CASE WHEN CAST("device_id" AS VARCHAR) LIKE ' %' OR CAST("device_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("device_id" AS VARCHAR)), '') ELSE nullif(CAST("device_id" AS VARCHAR), '') END, '.') THEN regexp_replace(CASE WHEN CAST("device_id" AS VARCHAR) LIKE ' %' OR CAST("device_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("device_id" AS VARCHAR)), '') ELSE nullif(CAST("device_id" AS VARCHAR), '') END, '^(-?[0-9]+)\\.0+$', '\\1') ELSE CASE WHEN CAST("device_id" AS VARCHAR) LIKE ' %' OR CAST("device_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("device_id" AS VARCHAR)), '') ELSE nullif(CAST("device_id" AS VARCHAR), '') END END), 20) AS anonymous_id,
        left(sha256('0123456789abcdef' || CASE WHEN contains(CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END, '.') THEN regexp_replace(CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END, '^(-?[0-9]+)\\.0+$', '\\1') ELSE CASE WHEN CAST("user_id" AS VARCHAR) LIKE ' %' OR CAST("user_id" AS VARCHAR) LIKE '% ' THEN nullif(trim(CAST("user_id" AS VARCHAR)), '') ELSE nullif(CAST("user_id" AS VARCHAR), '') END END), 20) AS user_id,
        false AS excluded
      FROM read_csv('devices.csv', header = true, sample_size = 20480, delim = ',', types = {'user_id': 'VARCHAR'})"
    `);
  });

  it('names a chosen column that is not in the file', () => {
    const missing = stageBuilders.users.create('s', source(users), { ...users, columns: { userId: 'uid' } }, userColumns);
    expect(missing).toEqual({
      ok: false,
      problem: { code: 'column.missing', vars: { file: 'users.csv', column: 'uid', columns: 'user_id, signup_time, plan' } },
    });
  });
});

describe('stage reports', () => {
  it('events and orders: rows read, left out, without user, time or event name; the time range', async () => {
    expect(await exactAndValid(stageBuilders.events.report('stage_0'), stages)).toMatchInlineSnapshot(`
      "SELECT count(*) AS rows_read,
        count(*) FILTER (WHERE excluded) AS excluded,
        count(*) FILTER (WHERE NOT excluded AND user_id IS NULL) AS null_user_ids,
        count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND ts_local IS NULL AND ts_utc IS NULL) AS bad_times,
        count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL) AND event IS NULL) AS null_events,
        count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL) AND NOT isfinite(amount)) AS non_finite_amounts,
        least(min(ts_local), min(ts_utc)) AS min_ts,
        greatest(max(ts_local), max(ts_utc)) AS max_ts
      FROM "stage_0""
    `);
    expect(stageBuilders.orders.report('stage_1').text).toBe(stageBuilders.events.report('stage_1').text);
  });

  it('users: rows read, left out, without user id, repeated ids; the signup range', async () => {
    expect(await exactAndValid(stageBuilders.users.report('stage_2'), stages)).toMatchInlineSnapshot(`
      "SELECT count(*) AS rows_read,
        count(*) FILTER (WHERE excluded) AS excluded,
        count(*) FILTER (WHERE NOT excluded AND user_id IS NULL) AS null_user_ids,
        count(user_id) FILTER (WHERE NOT excluded) - count(DISTINCT user_id) FILTER (WHERE NOT excluded) AS duplicate_ids,
        least(min(created_local), min(created_utc)) AS min_ts,
        greatest(max(created_local), max(created_utc)) AS max_ts
      FROM "stage_2""
    `);
  });

  it('identity: rows read, left out, without either id', async () => {
    expect(await exactAndValid(stageBuilders.identity.report('stage_3'), stages)).toMatchInlineSnapshot(`
      "SELECT count(*) AS rows_read,
        count(*) FILTER (WHERE excluded) AS excluded,
        count(*) FILTER (WHERE NOT excluded AND (user_id IS NULL OR anonymous_id IS NULL)) AS null_user_ids,
        CAST(NULL AS TIMESTAMP) AS min_ts,
        CAST(NULL AS TIMESTAMP) AS max_ts
      FROM "stage_3""
    `);
  });

  it('counts the rows each role loads from its report', () => {
    const row = { rows_read: 10, excluded: 1, null_user_ids: 2, bad_times: 3, null_events: 1, duplicate_ids: 2 };
    expect(fileRoles.map((role) => stageBuilders[role].rowsLoaded(row))).toEqual([3, 5, 3, 7]);
  });

  it('finds amounts that are no number, and what the identity map moved', async () => {
    const amounts = unreadableAmountsQueries('stage_1', { amount: 'price', quantity: 'qty' });
    expect(await exactAndValid(amounts.count, stages)).toMatchInlineSnapshot(`
      "SELECT count(*) AS n FROM "stage_1"
      WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)
        AND amount IS NULL AND trim(CAST("price" AS VARCHAR)) <> '' AND trim(CAST("qty" AS VARCHAR)) <> ''"
    `);
    expect(await exactAndValid(amounts.examples)).toMatchInlineSnapshot(`
      "SELECT DISTINCT CAST("price" AS VARCHAR) || ' × ' || CAST("qty" AS VARCHAR) AS value FROM "stage_1"
      WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)
        AND amount IS NULL AND trim(CAST("price" AS VARCHAR)) <> '' AND trim(CAST("qty" AS VARCHAR)) <> '' ORDER BY value LIMIT 3"
    `);
    expect(await exactAndValid(identityReportQuery(['stage_0', 'stage_1']))).toMatchInlineSnapshot(`
      "SELECT (SELECT count(*) FROM identity) AS pairs,
        (SELECT count(*) FILTER (WHERE user_ids > 1) FROM identity) AS conflicts,
        (SELECT count(*) FROM (SELECT user_id FROM "stage_0" WHERE NOT excluded AND user_id IS NOT NULL
      UNION ALL BY NAME
      SELECT user_id FROM "stage_1" WHERE NOT excluded AND user_id IS NOT NULL) e JOIN identity m ON m.anonymous_id = e.user_id) AS moved_events,
        (SELECT count(DISTINCT e.user_id) FROM (SELECT user_id FROM "stage_0" WHERE NOT excluded AND user_id IS NOT NULL
      UNION ALL BY NAME
      SELECT user_id FROM "stage_1" WHERE NOT excluded AND user_id IS NOT NULL) e JOIN identity m ON m.anonymous_id = e.user_id) AS moved_ids"
    `);
  });
});

describe('canonical tables', () => {
  it('same-day purchases as one occasion', async () => {
    expect(await exactAndValid(sameDayStageQuery('stage_1', ['price', 'qty', 'invoice'], shanghai), stages))
      .toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE "stage_1" AS
      SELECT user_id, min(ts_local) AS ts_local, min(ts_utc) AS ts_utc, event, sum(amount) AS amount,
        false AS excluded,
        arg_min("price", local_time) AS "price", arg_min("qty", local_time) AS "qty", arg_min("invoice", local_time) AS "invoice"
      FROM (SELECT *, coalesce(ts_local, (ts_utc + to_seconds(28800))) AS local_time FROM "stage_1"
        WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL))
      GROUP BY user_id, event, CAST(local_time AS DATE)"
    `);
  });

  it('the identity map', async () => {
    expect(await exactAndValid(identityTableQuery(['stage_3']), stages)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE identity AS
      SELECT anonymous_id, min(user_id) AS user_id, count(DISTINCT user_id) AS user_ids
      FROM (SELECT anonymous_id, user_id FROM "stage_3" WHERE NOT excluded)
      WHERE anonymous_id IS NOT NULL AND user_id IS NOT NULL AND anonymous_id <> user_id
      GROUP BY anonymous_id"
    `);
  });

  it('events, with and without the identity map, and as wall times', async () => {
    expect(await exactAndValid(eventsTableQuery(['stage_0', 'stage_1'], shanghai), stages)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE VIEW "events" AS
      SELECT user_id, "ts", event, amount, * EXCLUDE (user_id, "ts", event, amount)
      FROM (SELECT coalesce((ts_local - to_seconds(28800)), ts_utc) AS "ts", * EXCLUDE (ts_local, ts_utc, excluded) FROM "stage_0"
      WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)
      UNION ALL BY NAME
      SELECT coalesce((ts_local - to_seconds(28800)), ts_utc) AS "ts", * EXCLUDE (ts_local, ts_utc, excluded) FROM "stage_1"
      WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL))"
    `);
    expect(await exactAndValid(eventsTableQuery(['stage_0'], shanghai, true))).toMatchInlineSnapshot(`
      "CREATE OR REPLACE VIEW "events" AS
      SELECT coalesce(m.user_id, e.user_id) AS user_id, e."ts", e.event, e.amount, e.* EXCLUDE (user_id, "ts", event, amount)
      FROM (SELECT coalesce((ts_local - to_seconds(28800)), ts_utc) AS "ts", * EXCLUDE (ts_local, ts_utc, excluded) FROM "stage_0"
      WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)) e LEFT JOIN identity m ON m.anonymous_id = e.user_id"
    `);
    expect(await exactAndValid(eventsWallTimeQuery(['stage_0'], shanghai, true))).toMatchInlineSnapshot(`
      "CREATE OR REPLACE VIEW "events_wall_time" AS
      SELECT coalesce(m.user_id, e.user_id) AS user_id, e."local_ts", e.event, e.amount
      FROM (SELECT coalesce(ts_local, (ts_utc + to_seconds(28800))) AS "local_ts", user_id, event, amount FROM "stage_0"
      WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)) e LEFT JOIN identity m ON m.anonymous_id = e.user_id"
    `);
  });

  it('users, or an empty users table, and dropping a stage', async () => {
    expect(await exactAndValid(usersTableQuery(['stage_2'], shanghai), stages)).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE users AS
      SELECT user_id, created_at, * EXCLUDE (user_id, created_at)
      FROM (SELECT coalesce((created_local - to_seconds(28800)), created_utc) AS created_at, * EXCLUDE (created_local, created_utc, excluded) FROM "stage_2"
      WHERE NOT excluded AND user_id IS NOT NULL)
      QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY created_at NULLS LAST) = 1"
    `);
    expect(await exactAndValid(emptyUsersTableQuery())).toMatchInlineSnapshot(
      `"CREATE OR REPLACE TABLE users (user_id VARCHAR, created_at TIMESTAMP)"`,
    );
    expect(await exactAndValid(dropTableQuery('stage_2'))).toMatchInlineSnapshot(`"DROP TABLE IF EXISTS "stage_2""`);
  });
});
