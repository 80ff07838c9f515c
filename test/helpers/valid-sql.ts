import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import type { Sql } from '../../src/sql';

/**
 * The canonical tables (src/schema/tables.ts) with a few rows and users-file attributes, so
 * that EXPLAIN binds every name a builder writes: the same shape the loader produces.
 */
export const canonicalSchema = `
CREATE TABLE events (user_id VARCHAR, ts TIMESTAMP, event VARCHAR, amount DOUBLE, country VARCHAR, order_id VARCHAR);
CREATE TABLE events_wall_time (user_id VARCHAR, local_ts TIMESTAMP, event VARCHAR, amount DOUBLE);
CREATE TABLE users (user_id VARCHAR, created_at TIMESTAMP, country VARCHAR, plan VARCHAR, age BIGINT, phone VARCHAR, email VARCHAR);
CREATE TABLE user_day_event (user_id VARCHAR, day DATE, event VARCHAR, n BIGINT, amount DOUBLE, amount_n BIGINT, first_ts TIMESTAMP, last_ts TIMESTAMP);
CREATE TABLE activity (user_id VARCHAR, day DATE, n BIGINT, amount DOUBLE, prev_day DATE, first_day DATE);
CREATE TABLE user_created (user_id VARCHAR, created_day DATE, first_active_day DATE);
CREATE TABLE event_totals (event VARCHAR, events BIGINT, users BIGINT);
INSERT INTO events VALUES ('u1', TIMESTAMP '2024-01-01 10:00:00', 'open', NULL, 'UK', NULL);
INSERT INTO activity VALUES ('u1', DATE '2024-01-01', 1, NULL, NULL, DATE '2024-01-01');
`;

let connection: Promise<DuckDBConnection> | null = null;

async function canonicalConnection(): Promise<DuckDBConnection> {
  connection ??= (async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(canonicalSchema);
    return conn;
  })();
  return connection;
}

/**
 * Asserts that native DuckDB (the same 1.4 line as the WASM build) binds and plans a
 * statement against the canonical schema: names, types and syntax, without running it.
 * `setup` runs first in its own transaction-free scope (e.g. a temp table a statement reads).
 */
export async function expectValidSql(sqlText: string, setup?: string): Promise<void> {
  const conn = await canonicalConnection();
  if (setup) await conn.run(setup);
  let error: string | null = null;
  try {
    await conn.run(`EXPLAIN ${sqlText}`);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  expect(error, `DuckDB rejects:\n${sqlText}`).toBeNull();
}

/** A builder's SQL text, after asserting that DuckDB binds it: for `toMatchInlineSnapshot`. */
export async function exactAndValid(statement: Sql, setup?: string): Promise<string> {
  await expectValidSql(statement.text, setup);
  return statement.text;
}
