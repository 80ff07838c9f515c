import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

// Hand-checked fixture: Asia/Shanghai (UTC+8). Event times are naive local wall times.
// u1 active 05-01, 05-02, 05-09; u2 active 05-01, 05-20; u3 active 05-03 (its 23:30 event
// is still 05-03 locally); u4 only in the users file, signed up 05-05, never active.
const eventsCsv = `uid,time,name,price
u1,2024-05-01 09:00:00,app_open,
u1,2024-05-01 09:05:00,purchase,10.5
u1,2024-05-02 10:00:00,app_open,
u2,2024-05-01 23:59:00,app_open,
u3,2024-05-03 23:30:00,purchase,20
u1,2024-05-09 08:00:00,app_open,
u2,2024-05-20 12:00:00,purchase,5
,2024-05-02 10:00:00,app_open,
u1,not a time,app_open,
`;
const usersCsv = `uid,signup
u1,2024-04-30 22:00:00
u2,2024-05-01 23:00:00
u3,2024-05-03 08:00:00
u4,2024-05-05 12:00:00
`;

const manifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'fixture',
  timeZone: 'Asia/Shanghai',
  weekStart: 'monday',
  files: [
    {
      role: 'events',
      path: 'events.csv',
      format: 'csv',
      columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' },
    },
    { role: 'users', path: 'users.csv', format: 'csv', columns: { userId: 'uid', signupTime: 'signup' } },
  ],
};

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('overview queries on the fixture', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const info = expectOk(
      await engine.loadWorkspace(
        'load',
        manifest,
        new Map([
          ['events.csv', bytes(eventsCsv)],
          ['users.csv', bytes(usersCsv)],
        ]),
      ),
    );
    expect(info.files[0]).toMatchObject({ rowsRead: 9, rowsLoaded: 7, nullUserIds: 1, badTimes: 1 });
    expect(info.events).toBe(7);
    expect(info.users).toBe(4);
    // u4 is in the users file only.
    expect(info.activeUsers).toBe(3);
    expect(info.firstDay).toBe(day('2024-05-01'));
    expect(info.lastDay).toBe(day('2024-05-20'));
    expect(info.hasAmount).toBe(true);
  });

  it('stores times as UTC instants', async () => {
    const rows = expectOk(await engine.sql(`SELECT epoch_ms(ts) AS t FROM events WHERE user_id = 'u3'`));
    expect(rows[0]!.t).toBe(Date.parse('2024-05-03T15:30:00Z'));
  });

  it('counts DAU, WAU and MAU per local day', async () => {
    const { rows } = expectOk(await engine.run('q', { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] } }));
    expect(rows).toHaveLength(20);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    expect(byDay.get(day('2024-05-01'))).toMatchObject({ dau: 2, wau: 2, mau: 2, wau_complete: false });
    expect(byDay.get(day('2024-05-03'))).toMatchObject({ dau: 1, wau: 3, mau: 3 });
    // 05-08: window 05-02..05-08 holds u1 (05-02) and u3 (05-03); u2's 05-01 dropped out.
    expect(byDay.get(day('2024-05-08'))).toMatchObject({ dau: 0, wau: 2, mau: 3, wau_complete: true });
    expect(byDay.get(day('2024-05-10'))).toMatchObject({ dau: 0, wau: 1, mau: 3 });
    // 05-17: u1's last day 05-09 is 8 days back.
    expect(byDay.get(day('2024-05-17'))).toMatchObject({ dau: 0, wau: 0, mau: 3 });
    expect(byDay.get(day('2024-05-20'))).toMatchObject({ dau: 1, wau: 1, mau: 3, dau_mau: 1 / 3 });
  });

  it('honours core events and a 28-day window', async () => {
    const { rows } = expectOk(await engine.run('q', { kind: 'active-users', spec: { mauWindow: 28, coreEvents: ['purchase'] } }));
    const byDay = new Map(rows.map((r) => [r.day, r]));
    expect(rows[0]!.day).toBe(day('2024-05-01'));
    expect(byDay.get(day('2024-05-03'))).toMatchObject({ dau: 1, wau: 2, mau: 2 });
    expect(byDay.get(day('2024-05-20'))).toMatchObject({ dau: 1, wau: 1, mau: 3 });
  });

  it('counts new users by signup day in the workspace time zone', async () => {
    const { rows } = expectOk(await engine.run('q', { kind: 'new-users', spec: { grain: 'day', weekStart: 'monday' } }));
    // u1 signed up 04-30 local: before the first active day, so that period is incomplete.
    expect(rows.map((r) => [r.period, r.new_users, r.complete])).toEqual([
      [day('2024-04-30'), 1, false],
      [day('2024-05-01'), 1, true],
      [day('2024-05-03'), 1, true],
      [day('2024-05-05'), 1, true],
    ]);
    const weeks = expectOk(await engine.run('q', { kind: 'new-users', spec: { grain: 'week', weekStart: 'sunday' } })).rows;
    expect(weeks.map((r) => [r.period, r.new_users])).toEqual([
      [day('2024-04-28'), 3],
      [day('2024-05-05'), 1],
    ]);
  });

  it('sums revenue and paying users per week', async () => {
    const { rows } = expectOk(await engine.run('q', { kind: 'revenue', spec: { grain: 'week', weekStart: 'monday' } }));
    expect(rows.map((r) => [r.period, r.revenue, r.paying_users, r.orders, r.arppu])).toEqual([
      [day('2024-04-29'), 30.5, 2, 2, 15.25],
      [day('2024-05-20'), 5, 1, 1, 5],
    ]);
  });

  it('ranks events', async () => {
    const { rows } = expectOk(await engine.run('q', { kind: 'top-events', spec: { limit: 10 } }));
    expect(rows.map((r) => [r.event, r.events, r.users])).toEqual([
      ['app_open', 4, 2],
      ['purchase', 3, 3],
    ]);
  });

  it('summarises the dataset', async () => {
    const { rows } = expectOk(await engine.run('q', { kind: 'summary', spec: {} }));
    expect(rows[0]).toMatchObject({ events: 7, users: 4, active_users: 3, event_names: 2 });
  });
});

describe('result normalisation', () => {
  it('turns HUGEINT, DECIMAL, BIGINT, DATE and TIMESTAMP into plain numbers', async () => {
    const engine = await createWasmEngine();
    expectOk(
      await engine.loadWorkspace(
        'load',
        manifest,
        new Map([
          ['events.csv', bytes(eventsCsv)],
          ['users.csv', bytes(usersCsv)],
        ]),
      ),
    );
    const [row] = expectOk(
      await engine.sql(
        `SELECT sum(1::INTEGER) AS huge, 12.34::DECIMAL(10,2) AS dec, 9007199254740991::BIGINT AS big, DATE '2024-05-01' AS d, TIMESTAMP '2024-05-01 01:02:03' AS t`,
      ),
    );
    expect(row).toEqual({
      huge: 1,
      dec: 12.34,
      big: 9007199254740991,
      d: day('2024-05-01'),
      t: Date.parse('2024-05-01T01:02:03Z'),
    });
  });
});
