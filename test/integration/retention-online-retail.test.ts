import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetentionSpec } from '../../src/analyses/retention/retention-query';
import { nativeQuery } from '../helpers/native-duckdb';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const retailPath = path.resolve(__dirname, '../../../shared/data/online-retail/online_retail.csv.gz');

const monthly: RetentionSpec = {
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'month',
  weekStart: 'monday',
  periodMode: 'calendar',
  measure: 'on',
  periods: 5,
  brackets: [],
  breakdown: null,
};

/** Every case runs on both storages: a plain schema, and a compressed attached database. */
let compressAboveBytes: number | undefined;

async function loadRetail(missingUserIdAs?: string) {
  const engine = await createWasmEngine(compressAboveBytes === undefined ? {} : { compressAboveBytes });
  const file = {
    role: 'orders',
    path: 'retail.csv.gz',
    format: 'csv',
    columns: { userId: 'CustomerID', time: 'InvoiceDate' },
    ...(missingUserIdAs ? { missingUserIdAs } : {}),
  };
  const manifest = { format: 'strata.workspace', version: 1, name: 'retail', timeZone: 'Europe/London', files: [file] };
  expectOk(
    await engine.loadWorkspace('l', manifest, new Map([['retail.csv.gz', bytes(new Uint8Array(readFileSync(retailPath)))]])),
  );
  return engine;
}

const month = (iso: string) => Date.parse(`${iso}-01T00:00:00Z`);

describe.each([
  ['in a schema', undefined],
  ['stored compressed', 0],
])('monthly retention on Online Retail (published by the R package cohorts), %s', (_, compress) => {
  beforeAll(() => {
    compressAboveBytes = compress;
  });

  it('reads 949, 363, 318, 368, 342, 377 for Dec 2010 with missing customers as one', async () => {
    const engine = await loadRetail('missing');
    const { rows } = expectOk(await engine.run('r', { kind: 'retention', spec: { ...monthly } }));
    const dec = rows.filter((r) => r.cohort === month('2010-12'));
    expect(dec.map((r) => r.retained)).toEqual([949, 363, 318, 368, 342, 377]);
    expect(dec.every((r) => r.cohort_size === 949 && r.complete === true)).toBe(true);
    const jan = rows.filter((r) => r.cohort === month('2011-01'));
    expect(jan[0]).toMatchObject({ cohort_size: 421, retained: 421, rate: 1 });
    // The Dec 2011 cohort's period 1 would be Jan 2012: beyond the data, so incomplete.
    expect(rows.find((r) => r.cohort === month('2011-12') && r.period_n === 1)?.complete).toBe(false);
  }, 120_000);

  it('reads 948, 362, 317 when rows without a customer are dropped, as native DuckDB does', async () => {
    const engine = await loadRetail();
    const { rows } = expectOk(await engine.run('r', { kind: 'retention', spec: { ...monthly, periods: 2 } }));
    expect(rows.filter((r) => r.cohort === month('2010-12')).map((r) => r.retained)).toEqual([948, 362, 317]);
    // Independent straightforward query on the raw file.
    const native = await nativeQuery(`
      WITH e AS (SELECT DISTINCT CustomerID AS u, date_trunc('month', InvoiceDate) AS m FROM read_csv('${retailPath}') WHERE CustomerID IS NOT NULL),
      f AS (SELECT u, min(m) AS c FROM e GROUP BY u)
      SELECT strftime(f.c, '%Y-%m') AS cohort, date_diff('month', f.c, e.m) AS n, count(*) AS users
      FROM e JOIN f USING (u) WHERE date_diff('month', f.c, e.m) <= 2 GROUP BY ALL ORDER BY 1, 2`);
    const app = rows
      .map((r) => [new Date(Number(r.cohort)).toISOString().slice(0, 7), r.period_n, r.retained])
      // Native lists only cells with someone retained; cells not yet begun have no value (null).
      .filter((r) => r[2] !== 0 && r[2] !== null);
    expect(app).toEqual(native.map((r) => [r.cohort, Number(r.n), Number(r.users)]));
  }, 120_000);

  it('counts weekly lifecycle states as an independent native query does, on both query paths', async () => {
    const engine = await loadRetail();
    const native = await nativeQuery(`
      WITH e AS (SELECT DISTINCT CustomerID AS u, CAST(date_trunc('week', InvoiceDate) AS DATE) AS w
        FROM read_csv('${retailPath}') WHERE CustomerID IS NOT NULL),
      f AS (SELECT u, min(w) AS c FROM e GROUP BY u),
      states AS (
        SELECT cur.w, count(*) FILTER (WHERE f.c = cur.w AND prev.u IS NULL) AS new,
          count(*) FILTER (WHERE prev.u IS NOT NULL) AS returning,
          count(*) FILTER (WHERE f.c <> cur.w AND prev.u IS NULL) AS resurrecting
        FROM e cur JOIN f USING (u) LEFT JOIN e prev ON prev.u = cur.u AND prev.w = cur.w - 7 GROUP BY cur.w),
      dormant AS (
        SELECT prev.w + 7 AS w, count(*) AS dormant FROM e prev LEFT JOIN e cur ON cur.u = prev.u AND cur.w = prev.w + 7
        WHERE cur.u IS NULL AND prev.w < (SELECT max(w) FROM e) GROUP BY 1)
      SELECT strftime(w, '%Y-%m-%d') AS w, coalesce(new, 0) AS new, coalesce("returning", 0) AS "returning",
        coalesce(resurrecting, 0) AS resurrecting, coalesce(dormant, 0) AS dormant
      FROM states FULL OUTER JOIN dormant USING (w) ORDER BY w`);
    const expected = native.map((r) => [r.w, Number(r.new), Number(r.returning), Number(r.resurrecting), Number(r.dormant)]);
    expect(expected.length).toBeGreaterThan(50);
    // Any event (from activity.prev_day) and a core-event list (from a window over periods) are separate SQL paths.
    for (const coreEvents of [[], ['purchase']]) {
      const { rows } = expectOk(
        await engine.run('l', { kind: 'lifecycle', spec: { grain: 'week', weekStart: 'monday', coreEvents } }),
      );
      const app = rows
        .map((r) => [new Date(Number(r.period)).toISOString().slice(0, 10), r.new, r.returning, r.resurrecting, r.dormant])
        .filter((r) => r.slice(1).some((n) => n !== 0));
      expect(app).toEqual(expected);
    }
  }, 120_000);

  it('keeps the lifecycle identities on every period of Online Retail', async () => {
    const engine = await loadRetail();
    for (const grain of ['day', 'week', 'month'] as const) {
      const { rows } = expectOk(
        await engine.run('l', { kind: 'lifecycle', spec: { grain, weekStart: 'monday', coreEvents: [] } }),
      );
      expect(rows.length).toBeGreaterThan(10);
      let previousActive = 0;
      for (const r of rows) {
        const [active, fresh, returning, resurrecting, dormant] = [r.active, r.new, r.returning, r.resurrecting, r.dormant].map(
          Number,
        ) as [number, number, number, number, number];
        expect(active).toBe(fresh + returning + resurrecting);
        expect(active).toBe(previousActive + fresh + resurrecting - dormant);
        previousActive = active;
      }
    }
  }, 120_000);
});
