// Issue 13, bug 7: changing the time zone of a loaded workspace rebuilds only the tables that
// depend on it (events views, users, per-user-per-day tables), not the whole import; the days
// then match an independent computation in the new zone, and match a fresh import in it.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { LoadProgress } from '../../src/engine/load-progress';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';
import { dailyCustomers, shopOrdersCsv } from '../helpers/uk-shop';

const usersCsv = ['customer,signed_up', 'c0,2024-03-01 23:30:00', 'c1,2024-03-31 00:30:00', 'c2,2024-03-31 01:30:00'].join('\n');

function shopManifest(timeZone: string, sameDayAsOne = false) {
  return manifestOf('uk shop', timeZone, [
    {
      role: 'orders',
      path: 'orders.csv',
      format: 'csv',
      columns: { userId: 'customer', time: 'ordered_at', amount: 'total' },
      ...(sameDayAsOne ? { sameDayAsOne } : {}),
    },
    { role: 'users', path: 'users.csv', format: 'csv', columns: { userId: 'customer', signupTime: 'signed_up' } },
  ]);
}

const files = () =>
  new Map([
    ['orders.csv', bytes(shopOrdersCsv())],
    ['users.csv', bytes(usersCsv)],
  ]);

async function loaded(timeZone: string, sameDayAsOne = false): Promise<Engine> {
  const engine = await createWasmEngine();
  expectOk(await engine.loadWorkspace('load', shopManifest(timeZone, sameDayAsOne), files()));
  return engine;
}

async function dau(engine: Engine): Promise<Record<string, number>> {
  const rows = expectOk(
    await engine.sql('SELECT CAST(day AS VARCHAR) AS day, count(DISTINCT user_id) AS n FROM activity GROUP BY day ORDER BY day'),
  );
  return Object.fromEntries(rows.map((r) => [String(r.day), Number(r.n)]));
}

/** Every zone-dependent table, in a stable order, to compare a rezoned workspace with a fresh import. */
async function zonedTables(engine: Engine) {
  const q = async (text: string) => expectOk(await engine.sql(text)).map((r) => JSON.stringify(r));
  return {
    events: await q('SELECT user_id, CAST(ts AS VARCHAR) AS ts, event, amount FROM events ORDER BY ALL'),
    wall: await q('SELECT user_id, CAST(local_ts AS VARCHAR) AS t FROM events_wall_time ORDER BY ALL'),
    users: await q('SELECT user_id, CAST(created_at AS VARCHAR) AS c FROM users ORDER BY ALL'),
    userDayEvent: await q(
      'SELECT user_id, CAST(day AS VARCHAR) d, event, n, amount, CAST(first_ts AS VARCHAR) f, CAST(last_ts AS VARCHAR) l FROM user_day_event ORDER BY ALL',
    ),
    activity: await q(
      'SELECT user_id, CAST(day AS VARCHAR) d, n, amount, CAST(prev_day AS VARCHAR) p, CAST(first_day AS VARCHAR) f FROM activity ORDER BY ALL',
    ),
    created: await q(
      'SELECT user_id, CAST(created_day AS VARCHAR) c, CAST(first_active_day AS VARCHAR) f FROM user_created ORDER BY ALL',
    ),
    totals: await q('SELECT * FROM event_totals ORDER BY ALL'),
  };
}

describe('issue 13 bug 7: a change of time zone rebuilds only the derived tables', () => {
  it('moves the days of a UK shop from Asia/Shanghai to Europe/London as an independent computation says', async () => {
    const engine = await loaded('Asia/Shanghai');
    expect(await dau(engine)).toEqual(dailyCustomers('Asia/Shanghai'));
    const before = engine.workspace!;
    const [stageBefore] = expectOk(await engine.sql('SELECT count(*) AS n, sum(hash(ts_utc)) AS h FROM stage_0'));
    const phases: LoadProgress['phase'][] = [];
    const info = expectOk(await engine.rezone('rezone', 'Europe/London', (p) => phases.push(p.phase)));

    const london = dailyCustomers('Europe/London');
    expect(london).not.toEqual(dailyCustomers('Asia/Shanghai'));
    expect(await dau(engine)).toEqual(london);
    expect(info.timeZone).toBe('Europe/London');
    const days = Object.keys(london);
    const asDay = (d: number | null) => (d === null ? null : new Date(d).toISOString().slice(0, 10));
    expect([asDay(info.firstDay), asDay(info.lastDay)]).toEqual([days[0], days.at(-1)]);

    // Not imported again: the same workspace schema and stage table, the import's own numbers
    // kept, and only the derive step reported.
    expect(expectOk(await engine.sql('SELECT current_schema() AS s'))[0]!.s).toBe('ws_1');
    expect(expectOk(await engine.sql('SELECT count(*) AS n, sum(hash(ts_utc)) AS h FROM stage_0'))[0]).toEqual(stageBefore);
    expect(info.loadMs).toBe(before.loadMs);
    expect(info.files).toEqual(before.files);
    expect(info.rezonedMs).toBeGreaterThanOrEqual(0);
    expect(phases).toEqual(['derive']);
  });

  it('leaves every zone-dependent table as a fresh import in the new zone builds it', async () => {
    const rezoned = await loaded('Asia/Shanghai');
    expectOk(await rezoned.rezone('rezone', 'Europe/London'));
    const fresh = await loaded('Europe/London');
    const [a, b] = [await zonedTables(rezoned), await zonedTables(fresh)];
    expect(a.users).toHaveLength(3);
    expect(a).toEqual(b);
    // Naive signup times are read in the zone: 2024-03-01 23:30 is 23:30 UTC in London.
    expect(a.users[0]).toBe(JSON.stringify({ user_id: 'c0', c: '2024-03-01 23:30:00' }));
  });

  it('keeps the tables as they were when cancelled', async () => {
    const engine = await loaded('Asia/Shanghai');
    engine.cancel('rezone');
    const outcome = await engine.rezone('rezone', 'Europe/London');
    expect(outcome.ok ? null : outcome.error.kind).toBe('cancelled');
    expect(await dau(engine)).toEqual(dailyCustomers('Asia/Shanghai'));
    expect(engine.workspace!.timeZone).toBe('Asia/Shanghai');
  });

  it('asks for a new import when same-day purchases were merged by day in the old zone', async () => {
    const engine = await loaded('Asia/Shanghai', true);
    const outcome = await engine.rezone('rezone', 'Europe/London');
    expect(outcome.ok ? null : outcome.error.code).toBe('rezone.reimport');
    expect(await dau(engine)).toEqual(dailyCustomers('Asia/Shanghai'));
  });
});
