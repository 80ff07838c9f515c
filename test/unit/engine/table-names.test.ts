// Issue 12: a statement that reads a table still being made waits for it. The CI run of 2026-12-03
// failed a segment query ("user_day_event does not exist"): DuckDB-WASM's parser refused to name
// the tables of every statement, and none was waited for.
import { describe, expect, it } from 'vitest';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { DuckDBSession } from '../../../src/engine/duckdb-session';

const refusing = {
  connect: () => ({ useUnsafe: (f: (b: unknown, id: number) => number) => f(null, 1) }),
  runQuery: () => new Uint8Array(),
  getTableNames: () => {
    throw new Error('{"exception_type":"Parser","exception_message":"Max expression depth limit of 0 exceeded."}');
  },
} as unknown as DuckDBBindings;

describe('the tables a statement reads', () => {
  it('include every table it names when the parser refuses to say', () => {
    const names = DuckDBSession.open(refusing).tableNames(
      `SELECT u.user_id FROM user_created u WHERE u.user_id IN (SELECT e.user_id FROM events e ASOF JOIN user_day_event d ON e.user_id = d.user_id AND e.day >= d.day) AND "城市" = 'x'`,
    );
    for (const table of ['user_created', 'events', 'user_day_event']) expect(names).toContain(table);
  });
});
