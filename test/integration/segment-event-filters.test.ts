import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventRule, PropertyFilter, SegmentRule } from '../../src/analyses/segment-rule';
import type { Engine } from '../../src/engine/engine';
import { nativeQuery } from '../helpers/native-duckdb';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

// Issue 9: "did / did not do an event (optionally with event property filters on the event's
// other columns)". Expected members are worked out by plain code over the rows (or native
// DuckDB over the raw file), never by the app's SQL.

const event = (over: Partial<EventRule>): EventRule => ({
  kind: 'event',
  event: 'purchase',
  did: true,
  count: 'at-least',
  n: 1,
  measure: 'times',
  window: { kind: 'all' },
  universe: 'all',
  ...over,
});
const filter = (
  column: string,
  op: PropertyFilter['op'],
  values: string[] = [],
  min: number | null = null,
  max: number | null = null,
) => ({ column, op, values, min, max }) satisfies PropertyFilter;

const platform = 'pla"tform';
const city = '城市';
const obrien = `O'Brien "x"`;
const script = '<script>alert(1)</script>';

// London wall times from March to June 2024: the clocks go forward on 03-31, so the loader takes
// every event as its UTC instant, and 00:xx in summer is the previous day in UTC.
type Row = { user: string; time: string; name: string; platform: string; city: string; qty: number };
const rows: Row[] = [
  { user: 'a', time: '2024-03-30 23:50:00', name: 'view', platform: 'ios', city: '上海', qty: 1 },
  { user: 'a', time: '2024-03-31 00:10:00', name: 'view', platform: 'ios', city: '上海', qty: 1 },
  { user: 'a', time: '2024-03-31 03:00:00', name: 'purchase', platform: 'ios', city: '北京', qty: 2 },
  { user: 'a', time: '2024-06-01 00:30:00', name: 'purchase', platform: 'ios', city: '上海', qty: 3 },
  { user: 'a', time: '2024-06-01 00:40:00', name: 'purchase', platform: 'android', city: '上海', qty: 5 },
  { user: 'b', time: '2024-06-01 00:15:00', name: 'purchase', platform: obrien, city: '', qty: 1 },
  { user: 'b', time: '2024-05-31 23:59:00', name: 'purchase', platform: obrien, city: '上海', qty: 2 },
  { user: 'b', time: '2024-06-02 12:00:00', name: 'view', platform: script, city: '', qty: 1 },
  { user: 'c', time: '2024-06-01 10:00:00', name: 'purchase', platform: script, city: '广州', qty: 4 },
  { user: 'c', time: '2024-06-01 11:00:00', name: 'purchase', platform: script, city: '广州', qty: 1 },
  { user: 'c', time: '2024-05-20 11:00:00', name: 'purchase', platform: 'ios', city: '', qty: 3 },
  { user: 'd', time: '2024-06-02 09:00:00', name: 'view', platform: 'android', city: '上海', qty: 1 },
  { user: 'd', time: '2024-04-01 09:00:00', name: 'purchase', platform: '', city: '上海', qty: 2 },
];
const users = ['a', 'b', 'c', 'd'];
const lastDay = '2024-06-02';
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
const csv = `uid,time,name,${quote(platform)},${quote(city)},qty\n${rows
  .map((r) => [r.user, r.time, r.name, quote(r.platform), quote(r.city), r.qty].join(','))
  .join('\n')}\n`;

/** The filters as written in the definition: text compared as written, empty = no text. */
function passes(f: PropertyFilter, r: Row): boolean {
  const value = f.column === platform ? r.platform : f.column === city ? r.city : String(r.qty);
  switch (f.op) {
    case 'equals':
      return value !== '' && value === f.values[0];
    case 'in':
      return f.values.includes(value);
    case 'contains':
      return value !== '' && value.includes(f.values[0]!);
    case 'range':
      return value !== '' && (f.min === null || Number(value) >= f.min) && (f.max === null || Number(value) <= f.max);
    case 'empty':
      return value.trim() === '';
    case 'not-empty':
      return value.trim() !== '';
  }
}

/** Members of an event rule by its definition: each event's local day is its written date. */
function expected(rule: EventRule, asOf = lastDay): string[] {
  const inWindow = (day: string) => {
    const w = rule.window;
    if (w.kind === 'all') return day <= asOf;
    if (w.kind === 'between') return day >= w.from && day <= w.to;
    const from = new Date(Date.parse(`${asOf}T00:00:00Z`) - (w.days - 1) * 86_400_000).toISOString().slice(0, 10);
    return day >= from && day <= asOf;
  };
  return users.filter((u) => {
    const mine = rows.filter(
      (r) =>
        r.user === u &&
        (rule.event === null || r.name === rule.event) &&
        inWindow(r.time.slice(0, 10)) &&
        (rule.filters ?? []).every((f) => passes(f, r)),
    );
    const measure = rule.measure === 'times' ? mine.length : new Set(mine.map((r) => r.time.slice(0, 10))).size;
    if (!rule.did) return measure === 0;
    return rule.count === 'at-least' ? measure >= rule.n : rule.count === 'at-most' ? measure <= rule.n : measure === rule.n;
  });
}

const cases: [string, EventRule, string[]][] = [
  ['purchased twice on a platform with quotes', event({ n: 2, filters: [filter(platform, 'equals', [obrien])] }), ['b']],
  [
    'purchased on local day 2024-06-01 (UTC 05-31 23:xx) on ios or android',
    event({
      window: { kind: 'between', from: '2024-06-01', to: '2024-06-01' },
      filters: [filter(platform, 'in', ['ios', 'android'])],
    }),
    ['a'],
  ],
  [
    'any event on 2 distinct days in 上海, across the night the clocks went forward',
    event({ event: null, n: 2, measure: 'days', filters: [filter(city, 'equals', ['上海'])] }),
    ['a', 'd'],
  ],
  [
    'did not view on a platform containing "script" in the last 7 days',
    event({ event: 'view', did: false, window: { kind: 'last', days: 7 }, filters: [filter(platform, 'contains', ['script'])] }),
    ['a', 'c', 'd'],
  ],
  ['purchased exactly once with an empty city', event({ count: 'exactly', filters: [filter(city, 'empty')] }), ['b', 'c']],
  ['purchased with a quantity between 2 and 3', event({ filters: [filter('qty', 'range', [], 2, 3)] }), ['a', 'b', 'c', 'd']],
  [
    'purchased at most once with a city and <script> as the platform (filters combine with AND)',
    event({ count: 'at-most', filters: [filter(city, 'not-empty'), filter(platform, 'equals', [script])] }),
    ['a', 'b', 'd'],
  ],
];

describe('event property filters on a hand-checked fixture (London, across a clock change)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('filters', 'Europe/London', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
    ]);
    const info = expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
    expect(info.eventColumns).toEqual([platform, city, 'qty']);
  });

  it.each(cases)('%s', async (_, rule, want) => {
    expect(expected(rule)).toEqual(want);
    const { rows: members } = expectOk(
      await engine.run('s', { kind: 'segment-members', spec: { segment: { rule }, columns: [] } }),
    );
    expect(members.map((r) => r.user_id)).toEqual(want);
  });

  it('combines with other conditions in a group', async () => {
    const rule: SegmentRule = {
      kind: 'group',
      op: 'or',
      rules: [cases[0]![1], cases[1]![1]],
    };
    const { rows: count } = expectOk(await engine.run('c', { kind: 'segment-count', spec: { segment: { rule } } }));
    expect(count).toEqual([{ members: 2, users: users.length }]);
  });

  it('filters an analysis through the envelope, with the "as of" cut applied to the filtered events too', async () => {
    // Only a's purchase on 06-01 was on android: cut at 05-31, nobody did it.
    const rule = event({ filters: [filter(platform, 'equals', ['android'])] });
    expect(expected(rule)).toEqual(['a']);
    expect(expected(rule, '2024-05-31')).toEqual([]);
    const all = expectOk(await engine.run('q', { kind: 'summary', spec: {}, segment: { rule } }));
    expect(all.rows[0]).toMatchObject({ users: 1 });
    const cut = expectOk(await engine.run('q', { kind: 'summary', spec: {}, segment: { rule }, asOf: '2024-05-31' }));
    expect(cut.rows[0]).toMatchObject({ users: 0 });
  });

  it('refuses a filter on a column the events file does not have, cleanly', async () => {
    const rule = event({ filters: [filter(`x"; DROP TABLE users; --`, 'equals', ['1'])] });
    expect((await engine.run('s', { kind: 'segment-count', spec: { segment: { rule } } })).ok).toBe(false);
    const { rows: after } = expectOk(await engine.run('c', { kind: 'segment-count', spec: { segment: { ids: ['a'] } } }));
    expect(after).toEqual([{ members: 1, users: users.length }]);
  });
});

const retailPath = path.resolve(__dirname, '../../../shared/data/online-retail/online_retail.csv.gz');
// The raw file as the loader is told to read it: no customer and "C" invoices dropped. The naive
// times are London wall times, so an event's local day is its written date.
const retailRows = `SELECT CAST(CAST(CustomerID AS BIGINT) AS VARCHAR) AS id, CAST(InvoiceDate AS DATE) AS day, Country
  FROM read_csv('${retailPath}')
  WHERE CustomerID IS NOT NULL AND NOT starts_with(CAST(InvoiceNo AS VARCHAR), 'C')`;

describe('event property filters on Online Retail (Country is a column of the orders file)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const file = {
      role: 'orders',
      path: 'retail.csv.gz',
      format: 'csv',
      columns: { userId: 'CustomerID', time: 'InvoiceDate', amount: 'UnitPrice', quantity: 'Quantity' },
      exclude: [{ column: 'InvoiceNo', op: 'starts-with', value: 'C' }],
    };
    const files = new Map([['retail.csv.gz', bytes(new Uint8Array(readFileSync(retailPath)))]]);
    const info = expectOk(await engine.loadWorkspace('l', manifestOf('retail', 'Europe/London', [file]), files));
    expect(info.eventColumns).toContain('Country');
  }, 180_000);

  const members = async (rule: SegmentRule) => {
    const { rows } = expectOk(await engine.run('s', { kind: 'segment-members', spec: { segment: { rule }, columns: [] } }));
    return rows.map((r) => String(r.user_id)).sort();
  };
  const native = async (having: string, where = 'TRUE') =>
    (
      await nativeQuery(`WITH r AS (${retailRows}), last AS (SELECT max(day) AS d FROM r)
        SELECT id FROM r, last WHERE ${where} GROUP BY id HAVING ${having}`)
    )
      .map((r) => String(r.id))
      .sort();

  it('did purchase at least 2 times with Country = France', async () => {
    const want = await native(`count(*) FILTER (WHERE Country = 'France') >= 2`);
    expect(want.length).toBeGreaterThan(50);
    const rule = event({ n: 2, filters: [filter('Country', 'equals', ['France'])] });
    const got = await members(rule);
    expect(got).toEqual(want);
    const { rows: count } = expectOk(await engine.run('c', { kind: 'segment-count', spec: { segment: { rule } } }));
    expect(count).toEqual([{ members: want.length, users: 4_339 }]);
    // Without the filter, far more customers purchased twice.
    expect((await members(event({ n: 2 }))).length).toBeGreaterThan(4 * want.length);
  });

  it('did purchase on at least 2 distinct days in the last 30 days with Country in (Germany, EIRE)', async () => {
    const want = await native(
      `count(DISTINCT day) FILTER (WHERE Country IN ('Germany', 'EIRE')) >= 2`,
      `day BETWEEN last.d - 29 AND last.d`,
    );
    expect(want.length).toBeGreaterThan(5);
    const rule = event({
      n: 2,
      measure: 'days',
      window: { kind: 'last', days: 30 },
      filters: [filter('Country', 'in', ['Germany', 'EIRE'])],
    });
    expect(await members(rule)).toEqual(want);
  });
});
