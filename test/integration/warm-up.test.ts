import { describe, expect, it } from 'vitest';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { Engine } from '../../src/engine/engine';
import { warmUp, warmUpCsv, warmUpRows } from '../../src/engine/warm-up';
import { bytes, createWasmBindings, expectOk, manifestOf } from '../helpers/wasm-engine';

/** What the warm-up could leave behind: its schema, and its file registered with DuckDB. */
function leftovers(db: DuckDBBindings) {
  const conn = db.connect();
  try {
    const schemas = conn.query(`SELECT count(*) AS n FROM duckdb_schemas() WHERE schema_name = 'strata_warm_up'`);
    return { schemas: Number(schemas.toArray()[0]!.toJSON().n), files: db.globFiles('*warm_up*').length };
  } finally {
    conn.close();
  }
}

const manifest = manifestOf('shop', 'UTC', [
  { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't', event: 'e' } },
]);
const csv = 'u,t,e\na,2024-03-01 10:00:00,open\nb,2024-03-01 11:00:00,open\na,2024-03-02 09:00:00,buy\n';

describe('warming the engine up while idle', () => {
  it('makes a file of the rows it says, with a user, a time and an event on every line', () => {
    const lines = new TextDecoder().decode(warmUpCsv(1000)).trim().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines.slice(1).every((l) => /^u\d+,2024-02-\d\d \d\d:\d\d:00,[a-z_]+,(\d+\.5)?$/.test(l))).toBe(true);
    expect(warmUpRows).toBeGreaterThanOrEqual(50_000);
  });

  it('imports its file to the end and leaves nothing behind', async () => {
    const db = await createWasmBindings();
    await warmUp(db, { cancelled: false });
    expect(leftovers(db)).toEqual({ schemas: 0, files: 0 });
  });

  it('stops when cancelled, leaving nothing behind', async () => {
    const db = await createWasmBindings();
    const token = { cancelled: false };
    const stopped = warmUp(db, token);
    setTimeout(() => (token.cancelled = true), 30);
    await expect(stopped).rejects.toMatchObject({ detail: { kind: 'cancelled' } });
    expect(leftovers(db)).toEqual({ schemas: 0, files: 0 });
  });

  it('gives way to a load: the load answers as without it, and the warm-up ends later, cleanly', async () => {
    const db = await createWasmBindings();
    const engine = new Engine(db);
    const warm = engine.warmUpWhenIdle(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const info = expectOk(await engine.loadWorkspace('1', manifest, new Map([['e.csv', bytes(csv)]])));
    expect({ events: info.events, users: info.users }).toEqual({ events: 3, users: 2 });
    await warm.settled;
    // Started again once the engine was idle, and run to its end this time.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await warm.settled;
    expect(leftovers(db)).toEqual({ schemas: 0, files: 0 });
    const rows = expectOk(await engine.sql('SELECT user_id, count(*) AS days FROM activity GROUP BY ALL ORDER BY user_id'));
    expect(rows).toEqual([
      { user_id: 'a', days: 2 },
      { user_id: 'b', days: 1 },
    ]);
  });
});
