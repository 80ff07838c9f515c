import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../src/analyses/contract';
import { seededRandom } from '../helpers/seeded-random';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

const events = ['open', 'view', 'search', 'cart', 'buy', 'share'];

/** 200,000 events of a few thousand users over 60 days (UTC instants), with the answers counted here in JS. */
function generated() {
  const random = seededRandom(12);
  const lines = ['u,t,e,amount'];
  const perEvent = new Map<string, { events: number; users: Set<string> }>();
  const users = new Set<string>();
  const userDays = new Set<string>();
  for (let i = 0; i < 200_000; i++) {
    const user = `u${Math.floor(random() * 5000)}`;
    const event = events[Math.floor(random() * events.length)]!;
    const ms = Date.UTC(2024, 0, 1) + Math.floor(random() * 60 * 86_400_000);
    lines.push(`${user},${new Date(ms).toISOString()},${event},${event === 'buy' ? (random() * 100).toFixed(2) : ''}`);
    const totals = perEvent.get(event) ?? { events: 0, users: new Set<string>() };
    users.add(user);
    totals.events++;
    totals.users.add(user);
    perEvent.set(event, totals);
    // Asia/Shanghai is UTC+8 all year.
    userDays.add(`${user}|${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)}`);
  }
  const totals = [...perEvent]
    .map(([event, t]) => ({ event, events: t.events, users: t.users.size }))
    .sort((a, b) => a.event.localeCompare(b.event));
  return { csv: `${lines.join('\n')}\n`, totals, users: users.size, userDays: userDays.size };
}

const manifest = (path: string) =>
  manifestOf(path, 'Asia/Shanghai', [
    { role: 'events', path, format: 'csv', columns: { userId: 'u', time: 't', event: 'e', amount: 'amount' } },
  ]);

describe('an import is in use before its per-event tables are built (issue 12, progressive load)', () => {
  const data = generated();

  it('answers at once from activity; a request that reads user_day_event or event_totals says it waits, then gets them whole', async () => {
    const engine = await createWasmEngine();
    const info = expectOk(await engine.loadWorkspace('a', manifest('a.csv'), new Map([['a.csv', bytes(data.csv)]])));
    expect(info.events).toBe(200_000);
    expect(info.users).toBe(data.users);
    expect(info.hasAmount).toBe(true);
    expect([...info.eventNames].sort()).toEqual([...events].sort());
    const steps: RunProgress['step'][] = [];
    const top = engine.run('top', { kind: 'top-events', spec: { limit: 10 } }, (p) => steps.push(p.step));
    const active = expectOk(await engine.sql('SELECT count(*) AS n FROM activity'));
    expect(active[0]?.n).toBe(data.userDays);
    const { rows } = expectOk(await top);
    expect(steps).toContain('prepare');
    expect(rows.map((r) => [r.event, r.events, r.users]).sort()).toEqual(
      data.totals.map((t) => [t.event, t.events, t.users]).sort(),
    );
    // activity, built straight from the events, holds what user_day_event sums to per user and day.
    const differing = expectOk(
      await engine.sql(`SELECT count(*) AS n FROM (
  (SELECT user_id, day, n, round(amount, 6) AS amount FROM activity
   EXCEPT SELECT user_id, day, CAST(sum(n) AS BIGINT), round(sum(amount), 6) FROM user_day_event GROUP BY ALL)
  UNION ALL
  (SELECT user_id, day, CAST(sum(n) AS BIGINT), round(sum(amount), 6) FROM user_day_event GROUP BY ALL
   EXCEPT SELECT user_id, day, n, round(amount, 6) AS amount FROM activity))`),
    );
    expect(differing[0]?.n).toBe(0);
  });

  it('a workspace replaced while its tables are still being built: the new one is whole, the old one gone', async () => {
    const engine = await createWasmEngine();
    expectOk(await engine.loadWorkspace('a', manifest('a.csv'), new Map([['a.csv', bytes(data.csv)]])));
    // Loaded at once, before the first workspace's per-event tables are there.
    const small = 'u,t,e,amount\nx,2024-02-01T10:00:00Z,open,\ny,2024-02-01T11:00:00Z,buy,5\n';
    expectOk(await engine.loadWorkspace('b', manifest('b.csv'), new Map([['b.csv', bytes(small)]])));
    expect(engine.workspace?.name).toBe('b.csv');
    const totals = expectOk(await engine.sql('SELECT event, events, users FROM event_totals ORDER BY event'));
    expect(totals).toEqual([
      { event: 'buy', events: 1, users: 1 },
      { event: 'open', events: 1, users: 1 },
    ]);
    const schemas = expectOk(await engine.sql("SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'ws_1'"));
    expect(schemas[0]?.n).toBe(0);
  });
});
