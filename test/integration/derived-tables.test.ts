import { describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

/**
 * Events of one user from two exports, one with naive wall times, one with instants. The
 * expected days and first/last instants are worked out by hand from the zones' offsets:
 * Asia/Shanghai is UTC+8 all year; New York switches to EDT on 2024-03-10 at 02:00.
 */
const naive = [
  'u,t,e',
  'a,2024-03-09 23:30:00,open',
  'a,2024-03-10 00:20:00,open',
  'a,2024-03-10 09:00:00,buy', // after the switch in New York
].join('\n');
const instants = [
  'u,t,e',
  'a,2024-03-10T04:10:00Z,open', // 12:10 in Shanghai; 23:10 on the 9th in New York
  'a,2024-03-10T13:30:00Z,buy', // 21:30 in Shanghai; 09:30 in New York
].join('\n');

async function userDayEvents(timeZone: string) {
  const engine = await createWasmEngine();
  const manifest = manifestOf(
    'd',
    timeZone,
    ['naive.csv', 'instants.csv'].map((path) => ({
      role: 'events',
      path,
      format: 'csv',
      columns: { userId: 'u', time: 't', event: 'e' },
    })),
  );
  const files = new Map([
    ['naive.csv', bytes(naive)],
    ['instants.csv', bytes(instants)],
  ]);
  expectOk(await engine.loadWorkspace('1', manifest, files));
  const rows = expectOk(
    await engine.sql(`SELECT CAST(day AS VARCHAR) AS day, event, n, strftime(first_ts, '%Y-%m-%d %H:%M') AS first_utc,
  strftime(last_ts, '%Y-%m-%d %H:%M') AS last_utc FROM user_day_event ORDER BY day, event`),
  );
  const totals = expectOk(await engine.sql('SELECT event, events, users FROM event_totals ORDER BY event'));
  return { rows: rows.map((r) => [r.day, r.event, r.n, r.first_utc, r.last_utc]), totals };
}

describe('user_day_event: one row per user, local day and event, with first and last instants in UTC', () => {
  it('with one offset over the data (Asia/Shanghai): wall times grouped, then shifted', async () => {
    const { rows, totals } = await userDayEvents('Asia/Shanghai');
    expect(rows).toEqual([
      ['2024-03-09', 'open', 1, '2024-03-09 15:30', '2024-03-09 15:30'],
      ['2024-03-10', 'buy', 2, '2024-03-10 01:00', '2024-03-10 13:30'],
      ['2024-03-10', 'open', 2, '2024-03-09 16:20', '2024-03-10 04:10'],
    ]);
    expect(totals).toEqual([
      { event: 'buy', events: 2, users: 1 },
      { event: 'open', events: 3, users: 1 },
    ]);
  });

  it('across a DST switch (America/New_York): each row taken as its instant', async () => {
    const { rows } = await userDayEvents('America/New_York');
    expect(rows).toEqual([
      ['2024-03-09', 'open', 2, '2024-03-10 04:10', '2024-03-10 04:30'],
      ['2024-03-10', 'buy', 2, '2024-03-10 13:00', '2024-03-10 13:30'],
      ['2024-03-10', 'open', 1, '2024-03-10 05:20', '2024-03-10 05:20'],
    ]);
  });
});

describe('the wall-time view the per-user-per-day tables read', () => {
  it('does not clash with a file column of the same name, which stays in events', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('clash', 'Asia/Shanghai', [
      { role: 'events', path: 'c.csv', format: 'csv', columns: { userId: 'u', time: 't', event: 'e' } },
    ]);
    const csv = 'u,t,e,local_ts\na,2024-03-09 23:30:00,open,kept\n';
    expectOk(await engine.loadWorkspace('1', manifest, new Map([['c.csv', bytes(csv)]])));
    expect(expectOk(await engine.sql('SELECT CAST(day AS VARCHAR) AS day, n FROM user_day_event'))).toEqual([
      { day: '2024-03-09', n: 1 },
    ]);
    expect(expectOk(await engine.sql('SELECT local_ts FROM events'))).toEqual([{ local_ts: 'kept' }]);
  });
});
