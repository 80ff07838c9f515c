import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisRequest } from '../../src/analyses/request';
import type { SegmentRule } from '../../src/analyses/segment-rule';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

// A fixture in UTC, 2024-05-01 .. 2024-05-30 (the data's last day). Expected members below are
// worked out from these rows by the plain functions in this file, not by the app's SQL.
const rows: [string, string, string, number | null][] = [
  ['u1', '2024-05-01 09:00:00', 'open', null],
  ['u1', '2024-05-01 09:05:00', 'purchase', 30],
  ['u1', '2024-05-25 10:00:00', 'purchase', 20],
  ['u1', '2024-05-26 10:00:00', 'purchase', 15],
  ['u2', '2024-05-02 10:00:00', 'open', null],
  ['u2', '2024-05-02 12:00:00', 'purchase', 100],
  ['u2', '2024-05-29 08:00:00', 'open', null],
  ['u3', '2024-05-10 08:00:00', 'purchase', 5],
  ['u3', '2024-05-10 09:00:00', 'open', null],
  ['u4', '2024-05-28 08:00:00', 'open', null],
  ['u4', '2024-05-28 09:00:00', 'open', null],
  ['u4', '2024-05-30 09:00:00', 'purchase', 8],
  ["o'brien <script>", '2024-05-05 08:00:00', 'open', null],
];
const events = `uid,time,name,price\n${rows.map(([u, t, e, a]) => `"${u}",${t},${e},${a ?? ''}`).join('\n')}\n`;
const users = `uid,city,age,phone
u1,上海,31,13800000001
u2,北京,45,
u3,上海,,13800000003
u5,"Shen ""zhen""",22,13800000005
`;
const allUsers = ['u1', 'u2', 'u3', 'u4', 'u5', "o'brien <script>"].sort();
const lastDay = '2024-05-30';

const day = (ts: string) => ts.slice(0, 10);
const minus = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const inLast = (ts: string, k: number) => day(ts) >= minus(lastDay, k - 1) && day(ts) <= lastDay;
const where = (test: (u: string) => boolean) => allUsers.filter(test).sort();
const rowsOf = (u: string) => rows.filter((r) => r[0] === u);

const cases: [string, SegmentRule, string[]][] = [
  [
    'purchased at least 2 times in the last 7 days',
    {
      kind: 'event',
      event: 'purchase',
      did: true,
      count: 'at-least',
      n: 2,
      measure: 'times',
      window: { kind: 'last', days: 7 },
      universe: 'all',
    },
    where((u) => rowsOf(u).filter((r) => r[2] === 'purchase' && inLast(r[1], 7)).length >= 2),
  ],
  [
    'did not open in the last 7 days (all users)',
    {
      kind: 'event',
      event: 'open',
      did: false,
      count: 'at-least',
      n: 1,
      measure: 'times',
      window: { kind: 'last', days: 7 },
      universe: 'all',
    },
    where((u) => !rowsOf(u).some((r) => r[2] === 'open' && inLast(r[1], 7))),
  ],
  [
    'did not open in the last 7 days, among users active in them',
    {
      kind: 'event',
      event: 'open',
      did: false,
      count: 'at-least',
      n: 1,
      measure: 'times',
      window: { kind: 'last', days: 7 },
      universe: 'active',
    },
    where((u) => !rowsOf(u).some((r) => r[2] === 'open' && inLast(r[1], 7)) && rowsOf(u).some((r) => inLast(r[1], 7))),
  ],
  [
    'opened at most once (ever), including never',
    {
      kind: 'event',
      event: 'open',
      did: true,
      count: 'at-most',
      n: 1,
      measure: 'times',
      window: { kind: 'all' },
      universe: 'all',
    },
    where((u) => rowsOf(u).filter((r) => r[2] === 'open').length <= 1),
  ],
  [
    'active on exactly 2 distinct days in May',
    {
      kind: 'event',
      event: null,
      did: true,
      count: 'exactly',
      n: 2,
      measure: 'days',
      window: { kind: 'between', from: '2024-05-01', to: '2024-05-31' },
      universe: 'all',
    },
    where((u) => new Set(rowsOf(u).map((r) => day(r[1]))).size === 2),
  ],
  [
    'spent more than 50 in total',
    { kind: 'amount', aggregate: 'sum', op: '>', value: 50, window: { kind: 'all' } },
    where((u) => rowsOf(u).reduce((s, r) => s + (r[3] ?? 0), 0) > 50),
  ],
  [
    'mean order value at most 10',
    { kind: 'amount', aggregate: 'mean', op: '<=', value: 10, window: { kind: 'all' } },
    where((u) => {
      const orders = rowsOf(u).filter((r) => r[3] !== null);
      return orders.length > 0 && orders.reduce((s, r) => s + (r[3] ?? 0), 0) / orders.length <= 10;
    }),
  ],
  ['city is 上海', { kind: 'attribute', column: 'city', op: 'equals', values: ['上海'], min: null, max: null }, ['u1', 'u3']],
  [
    'city is empty (no row in the users file counts as empty)',
    { kind: 'attribute', column: 'city', op: 'empty', values: [], min: null, max: null },
    ['u4', "o'brien <script>"].sort(),
  ],
  ['age between 30 and 50', { kind: 'attribute', column: 'age', op: 'range', values: [], min: 30, max: 50 }, ['u1', 'u2']],
  [
    'city contains a quote',
    { kind: 'attribute', column: 'city', op: 'contains', values: ['"zhen"'], min: null, max: null },
    ['u5'],
  ],
  [
    'last seen within the last 3 days',
    { kind: 'seen', which: 'last', op: 'within', date: null, days: 3 },
    where((u) => rowsOf(u).some((r) => inLast(r[1], 3))),
  ],
  [
    'first seen before 2024-05-03',
    { kind: 'seen', which: 'first', op: 'before', date: '2024-05-03', days: null },
    where((u) => rowsOf(u).some((r) => day(r[1]) < '2024-05-03')),
  ],
  [
    'opened, then purchased within 1 day',
    { kind: 'sequence', first: 'open', then: 'purchase', withinDays: 1, window: { kind: 'all' } },
    where((u) =>
      rowsOf(u).some(
        (a) =>
          a[2] === 'open' &&
          rowsOf(u).some(
            (b) => b[2] === 'purchase' && b[1] > a[1] && Date.parse(day(b[1])) - Date.parse(day(a[1])) <= 86_400_000,
          ),
      ),
    ),
  ],
  [
    'u1 or (上海 and no purchase in the last 7 days)',
    {
      kind: 'group',
      op: 'or',
      rules: [
        { kind: 'amount', aggregate: 'sum', op: '>=', value: 65, window: { kind: 'all' } },
        {
          kind: 'group',
          op: 'and',
          rules: [
            { kind: 'attribute', column: 'city', op: 'in', values: ['上海', '北京'], min: null, max: null },
            {
              kind: 'event',
              event: 'purchase',
              did: false,
              count: 'at-least',
              n: 1,
              measure: 'times',
              window: { kind: 'last', days: 7 },
              universe: 'all',
            },
          ],
        },
      ],
    },
    ['u1', 'u2', 'u3'],
  ],
  // Issue 9's speed: an AND group's event conditions share one grouped scan when one of them
  // requires events; these check that sharing against the rows, "did not", at most and days too.
  [
    'purchased at least 2 times in the last 7 days and did not open in the last 3 days (one scan)',
    {
      kind: 'group',
      op: 'and',
      rules: [
        {
          kind: 'event',
          event: 'purchase',
          did: true,
          count: 'at-least',
          n: 2,
          measure: 'times',
          window: { kind: 'last', days: 7 },
          universe: 'all',
        },
        {
          kind: 'event',
          event: 'open',
          did: false,
          count: 'at-least',
          n: 1,
          measure: 'times',
          window: { kind: 'last', days: 3 },
          universe: 'all',
        },
      ],
    },
    where(
      (u) =>
        rowsOf(u).filter((r) => r[2] === 'purchase' && inLast(r[1], 7)).length >= 2 &&
        !rowsOf(u).some((r) => r[2] === 'open' && inLast(r[1], 3)),
    ),
  ],
  [
    'active on a day in the last 30, at most 1 purchase in the last 7, opened on exactly 1 day, no purchase May 1-5 (one scan)',
    {
      kind: 'group',
      op: 'and',
      rules: [
        {
          kind: 'event',
          event: null,
          did: true,
          count: 'at-least',
          n: 1,
          measure: 'days',
          window: { kind: 'last', days: 30 },
          universe: 'all',
        },
        {
          kind: 'event',
          event: 'purchase',
          did: true,
          count: 'at-most',
          n: 1,
          measure: 'times',
          window: { kind: 'last', days: 7 },
          universe: 'all',
        },
        {
          kind: 'event',
          event: 'open',
          did: true,
          count: 'exactly',
          n: 1,
          measure: 'days',
          window: { kind: 'all' },
          universe: 'all',
        },
        {
          kind: 'event',
          event: 'purchase',
          did: false,
          count: 'at-least',
          n: 1,
          measure: 'times',
          window: { kind: 'between', from: '2024-05-01', to: '2024-05-05' },
          universe: 'all',
        },
      ],
    },
    where((u) => {
      const mine = rowsOf(u);
      const openDays = new Set(mine.filter((r) => r[2] === 'open').map((r) => day(r[1])));
      return (
        mine.some((r) => inLast(r[1], 30)) &&
        mine.filter((r) => r[2] === 'purchase' && inLast(r[1], 7)).length <= 1 &&
        openDays.size === 1 &&
        !mine.some((r) => r[2] === 'purchase' && day(r[1]) >= '2024-05-01' && day(r[1]) <= '2024-05-05')
      );
    }),
  ],
];

describe('segment rules on a hand-checked fixture', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('segments', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid' } },
    ]);
    expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(events)],
          ['u.csv', bytes(users)],
        ]),
      ),
    );
  });

  it.each(cases)('%s', async (_, rule, expected) => {
    const { rows: members } = expectOk(
      await engine.run('s', { kind: 'segment-members', spec: { segment: { rule }, columns: [] } }),
    );
    expect(members.map((r) => r.user_id)).toEqual(expected);
    const { rows: count } = expectOk(await engine.run('c', { kind: 'segment-count', spec: { segment: { rule } } }));
    expect(count).toEqual([{ members: expected.length, users: allUsers.length }]);
  });

  it('issue 9: conditions sharing one scan end their windows on the "as of" day', async () => {
    const rule: SegmentRule = {
      kind: 'group',
      op: 'and',
      rules: [
        {
          kind: 'event',
          event: 'purchase',
          did: true,
          count: 'at-least',
          n: 1,
          measure: 'times',
          window: { kind: 'last', days: 3 },
          universe: 'all',
        },
        {
          kind: 'event',
          event: 'open',
          did: false,
          count: 'at-least',
          n: 1,
          measure: 'times',
          window: { kind: 'last', days: 2 },
          universe: 'all',
        },
      ],
    };
    const expected = (asOf: string) =>
      where((u) => {
        const within = (ts: string, k: number) => day(ts) >= minus(asOf, k - 1) && day(ts) <= asOf;
        return (
          rowsOf(u).some((r) => r[2] === 'purchase' && within(r[1], 3)) &&
          !rowsOf(u).some((r) => r[2] === 'open' && within(r[1], 2))
        );
      });
    for (const asOf of ['2024-05-26', lastDay]) {
      const { rows: members } = expectOk(
        await engine.run('s', { kind: 'segment-members', spec: { segment: { rule }, columns: [] }, asOf }),
      );
      expect(members.map((r) => r.user_id)).toEqual(expected(asOf));
      const { rows: count } = expectOk(await engine.run('c', { kind: 'segment-count', spec: { segment: { rule } }, asOf }));
      expect(count[0]?.members).toBe(expected(asOf).length);
    }
    expect([expected('2024-05-26'), expected(lastDay)]).toEqual([['u1'], ['u4']]);
  });

  it('lists members with chosen attributes for a reach list, empty where the users file has no row', async () => {
    const rule: SegmentRule = { kind: 'seen', which: 'first', op: 'after', date: '2024-05-04', days: null };
    const { rows: list } = expectOk(
      await engine.run('s', { kind: 'segment-members', spec: { segment: { rule }, columns: ['phone', 'city'] } }),
    );
    expect(list).toEqual([
      { user_id: "o'brien <script>", phone: null, city: null },
      { user_id: 'u3', phone: 13800000003, city: '上海' },
      { user_id: 'u4', phone: null, city: null },
    ]);
  });

  it('compares segments side by side: size, activity, revenue per member and overlap', async () => {
    const shanghai: SegmentRule = { kind: 'attribute', column: 'city', op: 'equals', values: ['上海'], min: null, max: null };
    const spenders: SegmentRule = { kind: 'amount', aggregate: 'sum', op: '>', value: 50, window: { kind: 'all' } };
    const { rows: compared } = expectOk(
      await engine.run('c', {
        kind: 'segment-compare',
        spec: { segments: [{ rule: shanghai }, { rule: spenders }, { ids: ['u4', 'u9'] }] },
      }),
    );
    // 上海 = u1, u3; spent over 50 = u1 (65), u2 (100); frozen = u4. Last day 05-30: 7 days = 05-24..05-30.
    expect(compared).toEqual([
      { segment: 0, members: 2, active_7d: 1, active_30d: 2, revenue: 70, overlap_0: 2, overlap_1: 1, overlap_2: 0 },
      { segment: 1, members: 2, active_7d: 2, active_30d: 2, revenue: 165, overlap_0: 1, overlap_1: 2, overlap_2: 0 },
      { segment: 2, members: 1, active_7d: 1, active_30d: 1, revenue: 8, overlap_0: 0, overlap_1: 0, overlap_2: 1 },
    ]);
    expect((await engine.run('c', { kind: 'segment-compare', spec: { segments: [{ ids: ['u1'] }] } })).ok).toBe(false);
  });

  it('counts a frozen list of ids that are still in the data', async () => {
    const { rows: count } = expectOk(
      await engine.run('c', { kind: 'segment-count', spec: { segment: { ids: ['u1', 'u9', "o'brien <script>"] } } }),
    );
    expect(count).toEqual([{ members: 2, users: allUsers.length }]);
  });

  it('filters every analysis through the envelope: numbers equal the data of the members alone', async () => {
    const rule: SegmentRule = { kind: 'attribute', column: 'city', op: 'equals', values: ['上海'], min: null, max: null };
    const alone = await createWasmEngine();
    const mine = rows.filter((r) => r[0] === 'u1' || r[0] === 'u3');
    const csv = `uid,time,name,price\n${mine.map(([u, t, e, a]) => `${u},${t},${e},${a ?? ''}`).join('\n')}\n`;
    const manifest = manifestOf('alone', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
    ]);
    expectOk(await alone.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
    const requests: AnalysisRequest[] = [
      { kind: 'summary', spec: {} },
      { kind: 'new-users', spec: { grain: 'week', weekStart: 'monday' } },
      { kind: 'revenue', spec: { grain: 'week', weekStart: 'monday' } },
      { kind: 'top-events', spec: { limit: 5 } },
    ];
    for (const request of requests) {
      const filtered = expectOk(await engine.run('q', { ...request, segment: { rule } }));
      const direct = expectOk(await alone.run('q', request));
      expect(filtered.rows, request.kind).toEqual(direct.rows);
    }
  });

  it('is safe with quotes, SQL fragments and markup in values and column names', async () => {
    const rule: SegmentRule = {
      kind: 'group',
      op: 'or',
      rules: [
        { kind: 'attribute', column: 'ci"ty', op: 'equals', values: ["x'; DROP TABLE users; --"], min: null, max: null },
        {
          kind: 'event',
          event: "<script>'",
          did: true,
          count: 'at-least',
          n: 1,
          measure: 'times',
          window: { kind: 'all' },
          universe: 'all',
        },
      ],
    };
    const outcome = await engine.run('s', { kind: 'segment-count', spec: { segment: { rule } } });
    // The column does not exist: a clean SQL error, and the users table is still there.
    expect(outcome.ok).toBe(false);
    const { rows: after } = expectOk(await engine.run('c', { kind: 'segment-count', spec: { segment: { ids: ['u1'] } } }));
    expect(after).toEqual([{ members: 1, users: allUsers.length }]);
  });
});
