import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRfmSpec, rfmSettingsFromParams } from '../../src/analyses/rfm/rfm-settings';
import type { Engine } from '../../src/engine/engine';
import type { Row } from '../../src/schema/row';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

// Issue 9: the user profile shows the user's RFM group. A user's scores are relative to every
// customer, so the profile's row must be the user's row of the whole RFM table (whose known
// answers test/integration/rfm-online-retail.test.ts checks against the raw file).

const retailPath = path.resolve(__dirname, '../../../shared/data/online-retail/online_retail.csv.gz');

describe('the RFM group on the user profile, Online Retail', () => {
  let engine: Engine;
  let table: Map<string, Row>;
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
    const { rows } = expectOk(await engine.run('c', { kind: 'rfm-customers', spec: defaultRfmSpec }));
    table = new Map(rows.map((r) => [String(r.user_id), r]));
  }, 180_000);

  it('uses the settings of the RFM page without parameters', () => {
    const page = rfmSettingsFromParams({});
    expect(page.ok && page.value.spec).toEqual(defaultRfmSpec);
  });

  it("gives each sampled customer exactly their row of the RFM page's per-customer table", async () => {
    expect(table.size).toBe(4_339);
    const ids = [...table.keys()].sort();
    const sample = ['12346', '12347', '12748', '14646', '14911', '17841', '18102', '18287'];
    for (let i = 0; i < ids.length; i += 400) sample.push(ids[i]!);
    const groups = new Set<unknown>();
    for (const id of sample) {
      const { rows } = expectOk(await engine.run('p', { kind: 'rfm-customer', spec: { userId: id } }));
      expect(rows).toEqual([table.get(id)]);
      groups.add(rows[0]!.group);
    }
    // Scored against everyone: the sample spans several groups, not one user alone in the top one.
    expect(groups.size).toBeGreaterThanOrEqual(3);
  });

  it('has no row for an id that made no purchase', async () => {
    const { rows } = expectOk(await engine.run('p', { kind: 'rfm-customer', spec: { userId: "12346' OR '1'='1" } }));
    expect(rows).toEqual([]);
  });
});

describe('the RFM group on the user profile, a user without purchases', () => {
  it('has a row for buyers only, whatever the id looks like', async () => {
    const engine = await createWasmEngine();
    const csv = `uid,time,name,price
"<script>'x",2024-05-01 10:00:00,purchase,10
"<script>'x",2024-05-03 10:00:00,purchase,30
张三,2024-05-02 10:00:00,purchase,5
007,2024-05-02 11:00:00,open,
`;
    const manifest = manifestOf('few', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
    ]);
    expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
    const row = async (userId: string) => expectOk(await engine.run('p', { kind: 'rfm-customer', spec: { userId } })).rows;
    // t0 = 05-04 (the day after the last purchase). Two customers: the better one's first place in
    // the sorted values is 1 of 2, floor(5 x 1 / 2) + 1 = score 3. Means: R 1.5, F 1.5, M 22.5.
    expect(await row("<script>'x")).toEqual([
      {
        user_id: "<script>'x",
        recency_days: 1,
        frequency: 2,
        monetary: 40,
        r_score: 3,
        f_score: 3,
        m_score: 3,
        group: 'important-value',
      },
    ]);
    expect(await row('张三')).toEqual([
      {
        user_id: '张三',
        recency_days: 2,
        frequency: 1,
        monetary: 5,
        r_score: 1,
        f_score: 1,
        m_score: 1,
        group: 'general-winback',
      },
    ]);
    expect(await row('007')).toEqual([]);
  });
});
