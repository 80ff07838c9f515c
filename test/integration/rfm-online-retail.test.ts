import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { Row } from '../../src/schema/row';
import type { RfmSpec } from '../../src/analyses/rfm/rfm-query';
import { nativeQuery } from '../helpers/native-duckdb';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

const retailPath = path.resolve(__dirname, '../../../shared/data/online-retail/online_retail.csv.gz');

const spec: RfmSpec = {
  asOf: '2011-12-10',
  frequency: 'orders',
  orderColumn: 'InvoiceNo',
  monetary: 'total',
  split: 'mean',
  rBreaks: null,
  fBreaks: null,
  mBreaks: null,
};

interface Expected {
  recency: number;
  frequency: number;
  monetary: number;
}

/** Quintile scores written from the definition, apart from the app: ties take their first position. */
function quintiles(values: Map<string, number>, descending: boolean): Map<string, number> {
  const sorted = [...values.values()].sort((a, b) => (descending ? b - a : a - b));
  const first = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!first.has(v)) first.set(v, i);
  });
  return new Map([...values].map(([id, v]) => [id, Math.floor((5 * first.get(v)!) / sorted.length) + 1]));
}

let engine: Engine;
let native: Map<string, Expected>;
let app: Map<string, Row>;

describe('RFM on Online Retail (no customer and "C" invoices dropped, amount = quantity x price, t0 2011-12-10)', () => {
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
    expectOk(await engine.loadWorkspace('l', manifestOf('retail', 'Europe/London', [file]), files));
    // Independently, from the raw file: the naive times are London wall times, so the day is the written date.
    const rows = await nativeQuery(`
      SELECT CAST(CAST(CustomerID AS BIGINT) AS VARCHAR) AS id,
        DATE '2011-12-10' - max(CAST(InvoiceDate AS DATE)) AS recency,
        count(DISTINCT InvoiceNo) AS frequency,
        sum(Quantity * UnitPrice) AS monetary
      FROM read_csv('${retailPath}')
      WHERE CustomerID IS NOT NULL AND NOT starts_with(CAST(InvoiceNo AS VARCHAR), 'C')
      GROUP BY 1`);
    native = new Map(
      rows.map((r) => [
        String(r.id),
        { recency: Number(r.recency), frequency: Number(r.frequency), monetary: Number(r.monetary) },
      ]),
    );
    const { rows: customers } = expectOk(await engine.run('c', { kind: 'rfm-customers', spec }));
    app = new Map(customers.map((r) => [String(r.user_id), r]));
  }, 180_000);

  it('has 4,339 customers, one row each, with exactly the CSV columns', () => {
    expect(native.size).toBe(4_339);
    expect(app.size).toBe(4_339);
    const first = app.values().next().value!;
    expect(Object.keys(first)).toEqual([
      'user_id',
      'recency_days',
      'frequency',
      'monetary',
      'r_score',
      'f_score',
      'm_score',
      'group',
    ]);
  });

  it('gives recency, frequency and monetary of named customers as the raw file does', () => {
    // The best known ones (most orders, most money, the earliest and latest) and a spread of others.
    const ids = [...native.keys()].sort();
    const sample = new Set(['12346', '12347', '12748', '14646', '14911', '17841', '18102', '17450', '18287']);
    for (let i = 0; i < ids.length; i += 200) sample.add(ids[i]!);
    expect(sample.size).toBeGreaterThanOrEqual(25);
    for (const id of sample) {
      const want = native.get(id)!;
      const got = app.get(id)!;
      expect([id, got.recency_days, got.frequency]).toEqual([id, want.recency, want.frequency]);
      expect(Number(got.monetary)).toBeCloseTo(want.monetary, 4);
    }
    // A customer of one large order, cancelled the same day (the cancellation is dropped).
    expect(app.get('12346')).toMatchObject({ recency_days: 326, frequency: 1 });
    expect(Number(app.get('12346')!.monetary)).toBeCloseTo(77_183.6, 4);
  });

  it('sums recency, frequency and monetary over all customers as the raw file does', () => {
    const sum = (values: Iterable<number>) => [...values].reduce((s, v) => s + v, 0);
    const nativeValues = [...native.values()];
    const appValues = [...app.values()];
    expect(sum(appValues.map((r) => Number(r.recency_days)))).toBe(sum(nativeValues.map((v) => v.recency)));
    expect(sum(appValues.map((r) => Number(r.frequency)))).toBe(sum(nativeValues.map((v) => v.frequency)));
    expect(sum(appValues.map((r) => Number(r.monetary)))).toBeCloseTo(sum(nativeValues.map((v) => v.monetary)), 2);
    // Every customer, not just the sample.
    for (const [id, want] of native) {
      const got = app.get(id);
      expect(got === undefined ? null : [got.recency_days, got.frequency]).toEqual([want.recency, want.frequency]);
    }
  });

  it('scores every customer by quintiles with ties kept together, R reversed, as written out here', () => {
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    const r = quintiles(new Map([...native].map(([id, v]) => [id, v.recency])), true);
    const f = quintiles(new Map([...native].map(([id, v]) => [id, v.frequency])), false);
    const m = quintiles(new Map([...native].map(([id, v]) => [id, round(v.monetary)])), false);
    const mismatches = [...native.keys()].filter((id) => {
      const got = app.get(id)!;
      return got.r_score !== r.get(id) || got.f_score !== f.get(id) || got.m_score !== m.get(id);
    });
    expect(mismatches).toEqual([]);
    // The many customers of a single order all share the lowest F score.
    const oneOrder = [...native].filter(([, v]) => v.frequency === 1).map(([id]) => app.get(id)!.f_score);
    expect(new Set(oneOrder)).toEqual(new Set([1]));
  });

  it('puts every customer in the classic group against the means', () => {
    const values = [...native.values()];
    const mean = (pick: (v: Expected) => number) => values.reduce((s, v) => s + pick(v), 0) / values.length;
    const [rMean, fMean, mMean] = [mean((v) => v.recency), mean((v) => v.frequency), mean((v) => v.monetary)];
    const counts = new Map<string, number>();
    for (const [id, v] of native) {
      const group = `${v.monetary > mMean ? 'important' : 'general'}-${
        v.recency < rMean ? (v.frequency > fMean ? 'value' : 'develop') : v.frequency > fMean ? 'keep' : 'winback'
      }`;
      expect([id, app.get(id)!.group]).toEqual([id, group]);
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    expect(counts.size).toBe(8);
  });
});
