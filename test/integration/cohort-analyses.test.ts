import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { RetentionSpec } from '../../src/analyses/retention/retention-query';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

// Hand-checked fixture, UTC, Monday weeks: wk1 = 01-01, wk2 = 01-08, wk3 = 01-15, wk4 = 01-22
// (the data ends Sunday 01-28, so wk4 is complete).
const eventsCsv = `user,time,event
a,2024-01-01 10:00:00,open
a,2024-01-09 10:00:00,open
a,2024-01-23 10:00:00,open
b,2024-01-02 10:00:00,open
b,2024-01-03 10:00:00,purchase
b,2024-01-16 10:00:00,open
c,2024-01-08 10:00:00,open
c,2024-01-10 10:00:00,open
c,2024-01-15 10:00:00,purchase
d,2024-01-22 10:00:00,open
d,2024-01-28 10:00:00,open
`;
const usersCsv = `user,signup,channel
a,2023-12-30 10:00:00,ads
b,2024-01-02 09:00:00,friends
c,2024-01-08 09:00:00,ads
d,2024-01-22 09:00:00,
`;

function manifest(timeZone: string, withUsers: boolean) {
  return {
    format: 'strata.workspace',
    version: 1,
    name: 'fixture',
    timeZone,
    files: [
      { role: 'events', path: 'events.csv', format: 'csv', columns: { userId: 'user', time: 'time', event: 'event' } },
      ...(withUsers
        ? [{ role: 'users', path: 'users.csv', format: 'csv', columns: { userId: 'user', signupTime: 'signup' } }]
        : []),
    ],
  };
}

async function load(csv: string, timeZone = 'UTC', users?: string): Promise<Engine> {
  const engine = await createWasmEngine();
  const files = new Map([['events.csv', bytes(csv)]]);
  if (users) files.set('users.csv', bytes(users));
  expectOk(await engine.loadWorkspace('l', manifest(timeZone, users !== undefined), files));
  return engine;
}

const weekly: RetentionSpec = {
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'week',
  weekStart: 'monday',
  periodMode: 'calendar',
  measure: 'on',
  periods: 3,
  brackets: [],
  breakdown: null,
};

const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
type Table = [string, number, number, boolean][];

async function retention(engine: Engine, spec: Partial<RetentionSpec>): Promise<Table> {
  const { rows } = expectOk(await engine.run('r', { kind: 'retention', spec: { ...weekly, ...spec } }));
  return rows.map((r) => [
    new Date(Number(r.cohort)).toISOString().slice(0, 10),
    Number(r.period_n),
    Number(r.retained),
    r.complete === true,
  ]);
}

describe('retention on the fixture', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await load(eventsCsv, 'UTC', usersCsv);
  });

  it('counts "on" with cohort sizes and incomplete cells', async () => {
    const { rows } = expectOk(await engine.run('r', { kind: 'retention', spec: { ...weekly } }));
    expect(rows.filter((r) => r.period_n === 0).map((r) => r.cohort_size)).toEqual([2, 1, 1]);
    expect(await retention(engine, {})).toEqual([
      ['2024-01-01', 0, 2, true],
      ['2024-01-01', 1, 1, true],
      ['2024-01-01', 2, 1, true],
      ['2024-01-01', 3, 1, true],
      ['2024-01-08', 0, 1, true],
      ['2024-01-08', 1, 1, true],
      ['2024-01-08', 2, 0, true],
      ['2024-01-08', 3, 0, false],
      ['2024-01-22', 0, 1, true],
      ['2024-01-22', 1, 0, false],
      ['2024-01-22', 2, 0, false],
      ['2024-01-22', 3, 0, false],
    ]);
  });

  it('counts "on or after", which never rises with N', async () => {
    const table = await retention(engine, { measure: 'on-or-after' });
    expect(table.filter((r) => r[0] === '2024-01-01').map((r) => r[2])).toEqual([2, 2, 2, 1]);
    expect(table.filter((r) => r[0] === '2024-01-08').map((r) => r[2])).toEqual([1, 1, 0, 0]);
  });

  it('Issue 13, bug 2: a period that begins after the data ends has no value; a begun one is incomplete', async () => {
    const { rows } = expectOk(await engine.run('r', { kind: 'retention', spec: { ...weekly, measure: 'on-or-after' } }));
    const cells = (cohort: string) =>
      rows.filter((r) => r.cohort === d(cohort)).map((r) => [r.period_n, r.retained, r.rate, r.complete]);
    // The data ends Sunday 01-28: week 01-29 (wk2's period 3, wk4's period 1) has not begun.
    expect(cells('2024-01-08')).toEqual([
      [0, 1, 1, true],
      [1, 1, 1, true],
      [2, 0, 0, true],
      [3, null, null, false],
    ]);
    expect(cells('2024-01-22')).toEqual([
      [0, 1, 1, true],
      [1, null, null, false],
      [2, null, null, false],
      [3, null, null, false],
    ]);
    // Brackets of wk2: [1, 3] (01-15 to 02-04) has begun but not ended; [4, 4] (from 02-05) has not begun.
    const { rows: brackets } = expectOk(
      await engine.run('r', {
        kind: 'retention',
        spec: {
          ...weekly,
          measure: 'bracket',
          brackets: [
            [0, 0],
            [1, 3],
            [4, 4],
          ],
        },
      }),
    );
    expect(brackets.filter((r) => r.cohort === d('2024-01-08')).map((r) => [r.retained, r.complete])).toEqual([
      [1, true],
      [1, false],
      [null, false],
    ]);
  });

  it('counts brackets [0,0], [1,2], [1,3]', async () => {
    const table = await retention(engine, {
      measure: 'bracket',
      brackets: [
        [0, 0],
        [1, 2],
        [1, 3],
      ],
    });
    expect(table.filter((r) => r[0] === '2024-01-01').map((r) => r.slice(1))).toEqual([
      [0, 2, true],
      [1, 2, true],
      [2, 2, true],
    ]);
    expect(table.filter((r) => r[0] === '2024-01-08').map((r) => r.slice(1))).toEqual([
      [0, 1, true],
      [1, 1, true],
      [2, 1, false],
    ]);
  });

  it('counts a return in period 0 only at or after the start event when they differ', async () => {
    // b opened on 01-02 and bought on 01-03: no open after the purchase in wk1, one in wk3.
    // c opened on 01-08 and 01-10 and bought on 01-15: no open after it.
    expect(await retention(engine, { startEvent: 'purchase', returnEvent: 'open' })).toEqual([
      ['2024-01-01', 0, 0, true],
      ['2024-01-01', 1, 0, true],
      ['2024-01-01', 2, 1, true],
      ['2024-01-01', 3, 0, true],
      ['2024-01-15', 0, 0, true],
      ['2024-01-15', 1, 0, true],
      ['2024-01-15', 2, 0, false],
      ['2024-01-15', 3, 0, false],
    ]);
  });

  it('puts a user in every period of a recurring cohort', async () => {
    const table = await retention(engine, { cohortType: 'recurring', periods: 1 });
    // wk2 members: a (wk1 too) and c; next week: c only. wk3 members: b, c; wk4: none of them.
    expect(table).toEqual([
      ['2024-01-01', 0, 2, true],
      ['2024-01-01', 1, 1, true],
      ['2024-01-08', 0, 2, true],
      ['2024-01-08', 1, 1, true],
      ['2024-01-15', 0, 2, true],
      ['2024-01-15', 1, 0, true],
      ['2024-01-22', 0, 2, true],
      ['2024-01-22', 1, 0, false],
    ]);
  });

  it('measures rolling 7-day periods from the start instant', async () => {
    // a starts Mon 01-01 10:00: 01-09 10:00 is 8 days later (period 1), 01-23 is 22 days (period 3).
    // b starts 01-02 10:00: 01-16 10:00 is exactly 14 days (period 2).
    const table = await retention(engine, { periodMode: 'rolling' });
    expect(table.filter((r) => r[0] === '2024-01-01').map((r) => r[2])).toEqual([2, 1, 1, 1]);
  });

  it('cohorts by signup and breaks down by a user attribute', async () => {
    const table = await retention(engine, { cohortBy: 'signup', periods: 1 });
    // a signed up on Sat 2023-12-30 (week of 12-25) and was active in wk1 (period 1).
    expect(table.slice(0, 2)).toEqual([
      ['2023-12-25', 0, 0, false],
      ['2023-12-25', 1, 1, true],
    ]);
    const { rows } = expectOk(
      await engine.run('r', { kind: 'retention', spec: { ...weekly, periods: 0, breakdown: 'channel' } }),
    );
    expect(rows.map((r) => [r.breakdown, new Date(Number(r.cohort)).toISOString().slice(0, 10), r.cohort_size])).toEqual([
      ['(none)', '2024-01-22', 1],
      ['ads', '2024-01-01', 1],
      ['ads', '2024-01-08', 1],
      ['friends', '2024-01-01', 1],
    ]);
  });

  it('lists the users behind a cell', async () => {
    const { rows } = expectOk(
      await engine.run('u', {
        kind: 'retention-users',
        spec: { ...weekly, measure: 'on-or-after', cell: { cohort: '2024-01-01', breakdown: null, periodN: 2 } },
      }),
    );
    expect(rows.map((r) => r.user_id)).toEqual(['a', 'b']);
  });
});

describe('lifecycle and stickiness on the fixture', () => {
  it('splits active users into new, returning and resurrecting, with dormant', async () => {
    const engine = await load(eventsCsv);
    const { rows } = expectOk(
      await engine.run('l', { kind: 'lifecycle', spec: { grain: 'week', weekStart: 'monday', coreEvents: [] } }),
    );
    expect(
      rows.map((r) => [
        new Date(Number(r.period)).toISOString().slice(0, 10),
        r.new,
        r.returning,
        r.resurrecting,
        r.dormant,
        r.active,
        r.quick_ratio,
      ]),
    ).toEqual([
      ['2024-01-01', 2, 0, 0, 0, 2, null],
      ['2024-01-08', 1, 1, 0, 1, 2, 1],
      ['2024-01-15', 0, 1, 1, 1, 2, 1],
      ['2024-01-22', 1, 0, 1, 2, 2, 1],
    ]);
  });

  it('distributes users by active days in the last complete week, or a chosen one', async () => {
    const engine = await load(eventsCsv);
    const last = expectOk(
      await engine.run('s', { kind: 'stickiness', spec: { grain: 'week', weekStart: 'monday', coreEvents: [], span: null } }),
    ).rows;
    expect(last[0]).toMatchObject({ span_start: d('2024-01-22'), span_end: d('2024-01-28'), active_users: 2 });
    expect(last.map((r) => [r.k, r.users, r.users_at_least, r.share, r.share_at_least])).toEqual([
      [1, 1, 2, 0.5, 1],
      [2, 1, 1, 0.5, 0.5],
      [3, 0, 0, 0, 0],
      [4, 0, 0, 0, 0],
      [5, 0, 0, 0, 0],
      [6, 0, 0, 0, 0],
      [7, 0, 0, 0, 0],
    ]);
    const wk2 = expectOk(
      await engine.run('s', {
        kind: 'stickiness',
        spec: { grain: 'week', weekStart: 'monday', coreEvents: ['open'], span: '2024-01-10' },
      }),
    ).rows;
    expect(wk2.slice(0, 2).map((r) => [r.k, r.users])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});

describe('time zones without ICU', () => {
  it('puts an instant near midnight in different day cohorts in Asia/Shanghai and UTC', async () => {
    const csv = 'user,time,event\nx,2024-01-01T23:30:00Z,open\nx,2024-01-03T01:00:00Z,open\n';
    const daily = { ...weekly, grain: 'day' as const, periods: 1 };
    expect(await retention(await load(csv, 'UTC'), daily)).toEqual(
      [
        ['2024-01-01', 0, 1, true],
        ['2024-01-01', 1, 0, true],
        ['2024-01-03', 0, 0, true],
      ].slice(0, 2),
    );
    expect(await retention(await load(csv, 'Asia/Shanghai'), daily)).toEqual([
      ['2024-01-02', 0, 1, true],
      ['2024-01-02', 1, 1, true],
    ]);
  });

  it.each([
    [
      'spring forward',
      ['2024-03-09T04:30:00Z', '2024-03-10T04:30:00Z', '2024-03-11T03:30:00Z', '2024-03-12T03:30:00Z'],
      '2024-03-08',
    ],
    ['fall back', ['2024-11-02T03:30:00Z', '2024-11-03T03:30:00Z', '2024-11-04T04:30:00Z', '2024-11-05T04:30:00Z'], '2024-11-01'],
  ])('has no duplicated or missing day around the New York %s', async (_, times, firstDay) => {
    // Each instant is 23:30 local time on consecutive days.
    const csv = `user,time,event\n${times.map((t) => `x,${t},open`).join('\n')}\n`;
    const engine = await load(csv, 'America/New_York');
    const table = await retention(engine, { ...weekly, grain: 'day', periods: 3 });
    expect(table.map((r) => [r[0], r[1], r[2]])).toEqual([0, 1, 2, 3].map((n) => [firstDay, n, 1]));
    const { rows } = expectOk(
      await engine.run('l', { kind: 'lifecycle', spec: { grain: 'day', weekStart: 'monday', coreEvents: [] } }),
    );
    const days = rows.map((r) => Number(r.period));
    expect(days).toEqual([0, 1, 2, 3].map((i) => d(firstDay) + i * 86_400_000));
    expect(rows.map((r) => r.active)).toEqual([1, 1, 1, 1]);
  });
});
