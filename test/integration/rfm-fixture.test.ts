import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { RfmSpec } from '../../src/analyses/rfm/rfm-query';
import { summarizeClassicGroups, summarizeNamedSegments, toRfmCells } from '../../src/analyses/rfm/rfm-segments';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

/** Purchases by hand: [day in 2024, amount, order id]. Every line is at noon UTC. */
const purchases: Record<string, [string, number, string | null][]> = {
  u01: [['01-10', 10, 'o1']],
  u02: [['01-20', 10, 'o2']],
  u03: [['01-30', 10, 'o3']],
  u04: [['02-09', 10, 'o4']],
  u05: [
    ['01-05', 20, 'o5'],
    ['02-01', 20, 'o6'],
  ],
  u06: [
    ['01-06', 20, 'o7'],
    ['02-05', 25, 'o8'],
  ],
  u07: [
    ['01-15', 30, 'o9'],
    ['01-25', 30, 'o10'],
    ['02-08', 30, 'o11'],
  ],
  u08: [
    ['01-01', 30, 'o12'],
    ['01-11', 30, 'o13'],
    ['01-21', 30, 'o14'],
    ['02-09', 30, 'o15'],
  ],
  // Two orders of two lines each and a line without an order id: 5 purchases, 3 orders, 3 days.
  u09: [
    ['02-01', 40, 'X'],
    ['02-01', 40, 'X'],
    ['02-05', 40, 'Y'],
    ['02-05', 40, 'Y'],
    ['02-10', 40, null],
  ],
  u10: Array.from({ length: 9 }, (_, i): [string, number, string] => [`02-${String(i + 2).padStart(2, '0')}`, 50, `p${i + 1}`]),
};

function fixtureCsv(): string {
  const lines = ['user_id,event_time,event,amount,order_id'];
  for (const [user, list] of Object.entries(purchases)) {
    for (const [day, amount, order] of list) lines.push(`${user},2024-${day} 12:00:00,purchase,${amount},${order ?? ''}`);
  }
  // Events without an amount are not purchases: u01's later visit does not make it recent; u11 is no customer.
  lines.push('u01,2024-02-10 09:00:00,open,,', 'u11,2024-02-03 09:00:00,open,,');
  return lines.join('\n') + '\n';
}

const base: RfmSpec = {
  asOf: null,
  frequency: 'orders',
  orderColumn: null,
  monetary: 'total',
  split: 'mean',
  rBreaks: null,
  fBreaks: null,
  mBreaks: null,
};

let engine: Engine;

async function customers(spec: RfmSpec) {
  const { rows } = expectOk(await engine.run('c', { kind: 'rfm-customers', spec }));
  return Object.fromEntries(rows.map((r) => [String(r.user_id), r]));
}

const pick = (byUser: Record<string, Record<string, unknown>>, column: string) =>
  Object.fromEntries(Object.entries(byUser).map(([u, r]) => [u, r[column]]));

describe('RFM on a hand-made fixture (the tie rule, the groups, the settings)', () => {
  beforeAll(async () => {
    engine = await createWasmEngine();
    const file = {
      role: 'events',
      path: 'events.csv',
      format: 'csv',
      columns: { userId: 'user_id', time: 'event_time', event: 'event', amount: 'amount' },
    };
    expectOk(await engine.loadWorkspace('l', manifestOf('rfm', 'UTC', [file]), new Map([['events.csv', bytes(fixtureCsv())]])));
  });

  it('R, F, M with t0 the day after the last purchase (2024-02-11)', async () => {
    const c = await customers(base);
    expect(Object.keys(c).sort()).toEqual(['u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08', 'u09', 'u10']);
    expect(pick(c, 'recency_days')).toEqual({
      u01: 32,
      u02: 22,
      u03: 12,
      u04: 2,
      u05: 10,
      u06: 6,
      u07: 3,
      u08: 2,
      u09: 1,
      u10: 1,
    });
    expect(pick(c, 'frequency')).toEqual({ u01: 1, u02: 1, u03: 1, u04: 1, u05: 2, u06: 2, u07: 3, u08: 4, u09: 5, u10: 9 });
    expect(pick(c, 'monetary')).toEqual({
      u01: 10,
      u02: 10,
      u03: 10,
      u04: 10,
      u05: 40,
      u06: 45,
      u07: 90,
      u08: 120,
      u09: 200,
      u10: 450,
    });
  });

  it('keeps ties in one score: floor(5 (rank - 1) / n) + 1, R reversed', async () => {
    const c = await customers(base);
    // F = 1 for four customers (positions 1-4 of 10): NTILE(5) would give them 1, 1, 2, 2.
    expect(pick(c, 'f_score')).toEqual({ u01: 1, u02: 1, u03: 1, u04: 1, u05: 3, u06: 3, u07: 4, u08: 4, u09: 5, u10: 5 });
    expect(pick(c, 'm_score')).toEqual({ u01: 1, u02: 1, u03: 1, u04: 1, u05: 3, u06: 3, u07: 4, u08: 4, u09: 5, u10: 5 });
    // Recency 32, 22, 12, 10, 6, 3, 2, 2, 1, 1 from the longest: the two at 1 day share 5, the two at 2 days share 4.
    expect(pick(c, 'r_score')).toEqual({ u01: 1, u02: 1, u03: 2, u05: 2, u06: 3, u07: 3, u04: 4, u08: 4, u09: 5, u10: 5 });
  });

  it('puts each customer in a classic group against the means (R 9.1 days, F 2.9, M 98.5)', async () => {
    const c = await customers(base);
    expect(pick(c, 'group')).toEqual({
      u01: 'general-winback',
      u02: 'general-winback',
      u03: 'general-winback',
      u04: 'general-develop',
      u05: 'general-winback',
      u06: 'general-develop',
      u07: 'general-value',
      u08: 'important-value',
      u09: 'important-value',
      u10: 'important-value',
    });
    // Against the medians (R 4.5 days, F 2, M 42.5) u06 (6 days, F 2, M 45) is only high in M.
    const median = await customers({ ...base, split: 'median' });
    expect(median.u06?.group).toBe('important-winback');
    expect(median.u05?.group).toBe('general-winback');
  });

  it('adds the cells up to the page: groups, named segments, t0 and thresholds', async () => {
    const result = expectOk(await engine.run('r', { kind: 'rfm', spec: base }));
    expect(result.tables?.meta).toEqual([{ t0: Date.parse('2024-02-11'), r_split: 9.1, f_split: 2.9, m_split: 98.5 }]);
    const cells = toRfmCells(result.rows);
    const groups = Object.fromEntries(summarizeClassicGroups(cells).map((g) => [g.key, g.users]));
    expect(groups).toEqual({
      'important-value': 3,
      'important-develop': 0,
      'important-keep': 0,
      'important-winback': 0,
      'general-value': 1,
      'general-develop': 2,
      'general-keep': 0,
      'general-winback': 4,
    });
    const value = summarizeClassicGroups(cells).find((g) => g.key === 'important-value')!;
    expect(value.revenueShare).toBeCloseTo(770 / 985, 12);
    expect(value.meanRecency).toBeCloseTo(4 / 3, 12);
    const segments = Object.fromEntries(
      summarizeNamedSegments(cells)
        .filter((s) => s.users > 0)
        .map((s) => [s.key, s.users]),
    );
    expect(segments).toEqual({
      champions: 2,
      loyal: 2,
      promising: 1,
      'need-attention': 1,
      'at-risk': 1,
      hibernating: 1,
      lost: 2,
    });
  });

  it('counts distinct order ids (a line without one is an order), or purchase days', async () => {
    const orders = await customers({ ...base, orderColumn: 'order_id' });
    expect(pick(orders, 'frequency')).toMatchObject({ u09: 3, u10: 9, u08: 4 });
    const days = await customers({ ...base, frequency: 'days' });
    expect(pick(days, 'frequency')).toMatchObject({ u09: 3, u10: 9, u05: 2 });
    const mean = await customers({ ...base, orderColumn: 'order_id', monetary: 'mean' });
    expect(mean.u09?.monetary).toBeCloseTo(200 / 3, 6);
    expect((await customers({ ...base, monetary: 'mean' })).u09?.monetary).toBe(40);
  });

  it('counts only purchases before an explicit t0, orders included', async () => {
    const c = await customers({ ...base, asOf: '2024-02-05', orderColumn: 'order_id' });
    expect(Object.keys(c).sort()).toEqual(['u01', 'u02', 'u03', 'u05', 'u06', 'u07', 'u08', 'u09', 'u10']);
    expect(c.u09).toMatchObject({ recency_days: 4, frequency: 1, monetary: 80 });
    expect(c.u10).toMatchObject({ recency_days: 1, frequency: 3, monetary: 150 });
    expect(c.u06).toMatchObject({ recency_days: 30, frequency: 1, monetary: 20 });
  });

  it('scores by custom breaks', async () => {
    const c = await customers({ ...base, rBreaks: [1, 2, 7, 30], fBreaks: [2, 3, 5, 10], mBreaks: [20, 50, 100, 400] });
    expect(pick(c, 'r_score')).toEqual({ u01: 1, u02: 2, u03: 2, u04: 4, u05: 2, u06: 3, u07: 3, u08: 4, u09: 5, u10: 5 });
    expect(pick(c, 'f_score')).toEqual({ u01: 1, u02: 1, u03: 1, u04: 1, u05: 2, u06: 2, u07: 3, u08: 3, u09: 4, u10: 4 });
    expect(pick(c, 'm_score')).toEqual({ u01: 1, u02: 1, u03: 1, u04: 1, u05: 2, u06: 2, u07: 3, u08: 4, u09: 4, u10: 5 });
  });

  it('answers a missing order column with the problem as data, and a t0 before any purchase with no rows', async () => {
    const missing = expectOk(await engine.run('m', { kind: 'rfm', spec: { ...base, orderColumn: 'InvoiceNo' } }));
    expect(missing.rows).toEqual([]);
    expect(missing.tables?.problems).toEqual([{ code: 'rfm.missingColumn', column: 'InvoiceNo' }]);
    const early = expectOk(await engine.run('e', { kind: 'rfm', spec: { ...base, asOf: '2023-12-31' } }));
    expect(early.rows).toEqual([]);
    const columns = expectOk(await engine.run('k', { kind: 'rfm-columns', spec: {} }));
    expect(columns.rows).toEqual([{ column_name: 'order_id' }]);
  });

  it('refuses specs that do not validate', async () => {
    const bad = await engine.run('b', { kind: 'rfm', spec: { ...base, fBreaks: [3, 2, 5, 10] } });
    expect(bad.ok).toBe(false);
    const date = await engine.run('d', { kind: 'rfm', spec: { ...base, asOf: '2024-02-30' } });
    expect(date.ok).toBe(false);
  });
});
