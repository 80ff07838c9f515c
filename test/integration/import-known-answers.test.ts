import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { previewTabular } from '../../src/engine/tabular';
import type { WorkspaceInfo } from '../../src/engine/workspace-info';
import type { FileSpec } from '../../src/ingest/manifest';
import { draftFile, type DraftFile } from '../../src/ingest/draft-file';
import { draftManifest } from '../../src/ingest/draft-manifest';
import { nativeQuery } from '../helpers/native-duckdb';
import { writeXlsx, type SheetCell } from '../helpers/write-xlsx';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const data = path.resolve(__dirname, '../../../shared/data');
const retailPath = path.join(data, 'online-retail/online_retail.csv.gz');
const cdnowPath = path.join(data, 'cdnow/CDNOW_master.txt');
const gamelaunchPath = path.join(data, 'gamelaunch/gamelaunch.csv');

/** Sniffs files as a drop does, then loads what the import preview would load unchanged. */
async function dropAndLoad(
  files: { name: string; content: Uint8Array }[],
  adjust: (drafts: DraftFile[]) => void = () => undefined,
): Promise<{ drafts: DraftFile[]; info: WorkspaceInfo; engine: Awaited<ReturnType<typeof createWasmEngine>> }> {
  const drafts: DraftFile[] = [];
  for (const f of files) {
    const draft = await draftFile(new File([f.content as BlobPart], f.name), previewTabular);
    if (!draft.ok) throw new Error(draft.problem.code);
    drafts.push(draft.value);
  }
  adjust(drafts);
  const manifest = draftManifest(drafts, 'UTC', 'monday');
  if (!manifest.ok) throw new Error(manifest.problem.code);
  const engine = await createWasmEngine();
  const info = expectOk(
    await engine.loadWorkspace('l', manifest.value, new Map(files.map((f) => [f.name, bytes(f.content)] as const))),
  );
  return { drafts, info, engine };
}

const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

describe('real exports load to their published counts through sniffing and role guesses', () => {
  it('CDNOW master: whitespace-aligned, YYYYMMDD dates: 69,659 rows, 23,570 customers, 1997-01-01 to 1998-06-30', async () => {
    const { drafts, info } = await dropAndLoad([{ name: 'CDNOW_master.txt', content: readFileSync(cdnowPath) }]);
    expect(drafts[0]!.spec).toMatchObject({
      role: 'orders',
      format: 'whitespace',
      columns: { userId: 'customer_id', time: 'date', amount: 'dollar_value' },
    });
    expect(info.files[0]).toMatchObject({ rowsRead: 69_659, rowsLoaded: 69_659, badTimes: 0, nullUserIds: 0 });
    expect(info.users).toBe(23_570);
    expect([day(info.firstDay), day(info.lastDay)]).toEqual(['1997-01-01', '1998-06-30']);
  }, 120_000);

  it('CDNOW with the rule "same-day purchases as one occasion": one purchase per customer and day, amounts kept', async () => {
    const text = readFileSync(cdnowPath, 'utf8');
    // Independent: the distinct (customer, date) pairs and the total of the file, split by hand.
    const fields = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/));
    const occasions = new Set(fields.map(([id, date]) => `${Number(id)}|${date}`)).size;
    const total = fields.reduce((sum, f) => sum + Number(f[3]), 0);
    const { info, engine } = await dropAndLoad([{ name: 'CDNOW_master.txt', content: readFileSync(cdnowPath) }], (d) => {
      d[0]!.spec.sameDayAsOne = true;
    });
    expect(occasions).toBeLessThan(69_659);
    expect(info.files[0]).toMatchObject({ rowsLoaded: 69_659, mergedSameDay: 69_659 - occasions });
    expect(info.events).toBe(occasions);
    expect(info.users).toBe(23_570);
    const { rows } = expectOk(await engine.run('r', { kind: 'revenue', spec: { grain: 'month', weekStart: 'monday' } }));
    expect(rows.reduce((s, r) => s + Number(r.revenue), 0)).toBeCloseTo(total, 2);
    expect(rows.reduce((s, r) => s + Number(r.orders), 0)).toBe(occasions);
  }, 120_000);

  it('gamelaunch: quoted, date-only times: 29,324 rows, 3,994 users, 2 event names', async () => {
    const { drafts, info } = await dropAndLoad([{ name: 'gamelaunch.csv', content: readFileSync(gamelaunchPath) }]);
    expect(drafts[0]!.spec).toMatchObject({
      role: 'events',
      format: 'csv',
      columns: { userId: 'userid', time: 'eventDate', event: 'eventName' },
    });
    expect(info.files[0]).toMatchObject({ rowsRead: 29_324, rowsLoaded: 29_324 });
    expect(info.users).toBe(3_994);
    expect(info.eventNames).toHaveLength(2);
  }, 120_000);

  it('Online Retail: amount = quantity x unit price; with "InvoiceNo starts with C" left out, 397,924 rows and 4,339 users', async () => {
    const { drafts, info, engine } = await dropAndLoad(
      [{ name: 'online_retail.csv.gz', content: readFileSync(retailPath) }],
      (d) => {
        d[0]!.spec.exclude = [{ column: 'InvoiceNo', op: 'starts-with', value: 'C' }];
      },
    );
    expect(drafts[0]!.spec).toMatchObject({
      role: 'orders',
      columns: { userId: 'CustomerID', time: 'InvoiceDate', amount: 'UnitPrice', quantity: 'Quantity' },
    });
    const report = info.files[0]!;
    expect(report).toMatchObject({ rowsRead: 541_909, rowsLoaded: 397_924 });
    expect(report.excluded + report.nullUserIds + report.rowsLoaded).toBe(541_909);
    expect(info.users).toBe(4_339);
    const [native] = await nativeQuery(`
      SELECT sum(Quantity * UnitPrice) AS revenue, count(*) FILTER (WHERE InvoiceNo LIKE 'C%') AS cancelled
      FROM read_csv('${retailPath}')`);
    expect(report.excluded).toBe(Number(native!.cancelled));
    const { rows } = expectOk(await engine.run('r', { kind: 'revenue', spec: { grain: 'month', weekStart: 'monday' } }));
    const appRevenue = rows.reduce((s, r) => s + Number(r.revenue), 0);
    const [kept] = await nativeQuery(`
      SELECT sum(Quantity * UnitPrice) AS revenue FROM read_csv('${retailPath}')
      WHERE CustomerID IS NOT NULL AND InvoiceNo NOT LIKE 'C%'`);
    expect(appRevenue).toBeCloseTo(Number(kept!.revenue), 2);
  }, 120_000);

  it('Online Retail as GB18030 with Chinese headers: encoding detected, roles guessed from the names, 406,829 rows', async () => {
    const text = gunzipSync(readFileSync(retailPath)).toString('utf8');
    const chinese = text.replace(/^[^\n]*/, '发票号,商品编码,商品描述,数量,下单时间,单价,客户编号,国家');
    const { drafts, info } = await dropAndLoad([{ name: '订单.csv', content: iconv.encode(chinese, 'gb18030') }]);
    const spec: FileSpec = drafts[0]!.spec;
    expect(spec).toMatchObject({
      role: 'orders',
      encoding: 'gb18030',
      columns: { userId: '客户编号', time: '下单时间', amount: '单价', quantity: '数量' },
    });
    expect(info.files[0]).toMatchObject({ rowsLoaded: 406_829, nullUserIds: 135_080 });
    expect(info.users).toBe(4_372);
  }, 120_000);

  it('Online Retail as UTF-16 LE TSV: encoding and separator detected, 406,829 rows', async () => {
    const tsv = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-tsv-')), 'retail.tsv');
    await nativeQuery(`COPY (SELECT * FROM read_csv('${retailPath}', all_varchar = true)) TO '${tsv}' (DELIMITER '\t', HEADER)`);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(readFileSync(tsv, 'utf8'), 'utf-16le')]);
    const { drafts, info } = await dropAndLoad([{ name: 'retail.tsv', content: utf16 }]);
    expect(drafts[0]!.spec).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', role: 'orders' });
    expect(info.files[0]).toMatchObject({ rowsLoaded: 406_829, nullUserIds: 135_080 });
    expect(info.users).toBe(4_372);
  }, 120_000);

  it('Online Retail as NDJSON: records flattened to columns, 406,829 rows, 135,080 without a customer, 4,372 users', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-ndjson-')), 'retail.ndjson');
    await nativeQuery(`COPY (SELECT * FROM read_csv('${retailPath}')) TO '${file}' (FORMAT json)`);
    const { drafts, info } = await dropAndLoad([{ name: 'retail.ndjson', content: readFileSync(file) }]);
    expect(drafts[0]!.spec).toMatchObject({
      role: 'orders',
      format: 'ndjson',
      columns: { userId: 'CustomerID', time: 'InvoiceDate', amount: 'UnitPrice', quantity: 'Quantity' },
    });
    expect(info.files[0]).toMatchObject({ rowsRead: 541_909, rowsLoaded: 406_829, nullUserIds: 135_080, badTimes: 0 });
    expect(info.users).toBe(4_372);
  }, 180_000);

  it('Online Retail as Parquet: 406,829 rows, 135,080 without a customer, 4,372 users', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-parquet-')), 'retail.parquet');
    await nativeQuery(`COPY (SELECT * FROM read_csv('${retailPath}')) TO '${file}' (FORMAT parquet)`);
    const { drafts, info } = await dropAndLoad([{ name: 'retail.parquet', content: readFileSync(file) }]);
    expect(drafts[0]!.spec).toMatchObject({
      role: 'orders',
      format: 'parquet',
      columns: { userId: 'CustomerID', time: 'InvoiceDate', amount: 'UnitPrice', quantity: 'Quantity' },
    });
    expect(info.files[0]).toMatchObject({ rowsRead: 541_909, rowsLoaded: 406_829, nullUserIds: 135_080, badTimes: 0 });
    expect(info.users).toBe(4_372);
    expect([day(info.firstDay), day(info.lastDay)]).toEqual(['2010-12-01', '2011-12-09']);
  }, 180_000);

  it('Parquet timestamps: UTC-adjusted ones are instants, plain ones wall times of the workspace zone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-parquet-tz-'));
    const write = (name: string, type: string) =>
      nativeQuery(`COPY (SELECT 'u1' AS user_id, CAST('2024-01-01 20:00:00' AS ${type}) AS event_time, 'open' AS event)
        TO '${path.join(dir, name)}' (FORMAT parquet)`);
    await write('instant.parquet', 'TIMESTAMPTZ');
    await write('wall.parquet', 'TIMESTAMP');
    const days: Record<string, string | null> = {};
    for (const name of ['instant.parquet', 'wall.parquet']) {
      const content = readFileSync(path.join(dir, name));
      const draft = await draftFile(new File([content as BlobPart], name), previewTabular);
      if (!draft.ok) throw new Error(draft.problem.code);
      const manifest = draftManifest([draft.value], 'Asia/Shanghai', 'monday');
      if (!manifest.ok) throw new Error(manifest.problem.code);
      const engine = await createWasmEngine();
      const info = expectOk(await engine.loadWorkspace('l', manifest.value, new Map([[name, bytes(content)]])));
      days[name] = day(info.firstDay);
    }
    // 20:00 UTC is 04:00 the next day in Shanghai; a wall time of 20:00 stays on its day.
    expect(days).toEqual({ 'instant.parquet': '2024-01-02', 'wall.parquet': '2024-01-01' });
  }, 120_000);

  describe('a slice of Online Retail (invoices before 2011-01-12) as a JSON array and as an Excel workbook', () => {
    const sliceSql = `SELECT * FROM read_csv('${retailPath}') WHERE InvoiceDate < '2011-01-12'`;
    const expected = async () => {
      const [n] = await nativeQuery(`SELECT count(*) AS rows, count(CustomerID) AS with_customer,
        count(DISTINCT CustomerID) AS customers, sum(Quantity * UnitPrice) FILTER (WHERE CustomerID IS NOT NULL) AS revenue
        FROM (${sliceSql})`);
      return {
        rows: Number(n!.rows),
        withCustomer: Number(n!.with_customer),
        customers: Number(n!.customers),
        revenue: Number(n!.revenue),
      };
    };

    it('JSON array', async () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-json-')), 'retail.json');
      await nativeQuery(`COPY (${sliceSql}) TO '${file}' (FORMAT json, ARRAY true)`);
      const want = await expected();
      const { drafts, info } = await dropAndLoad([{ name: 'retail.json', content: readFileSync(file) }]);
      expect(drafts[0]!.spec).toMatchObject({ role: 'orders', format: 'json' });
      expect(info.files[0]).toMatchObject({ rowsRead: want.rows, rowsLoaded: want.withCustomer });
      expect(info.users).toBe(want.customers);
    }, 120_000);

    it('xlsx with text in shared strings and times as date-formatted serial numbers', async () => {
      const rows = await nativeQuery(`SELECT InvoiceNo, StockCode, Description, Quantity,
        strftime(InvoiceDate, '%Y-%m-%dT%H:%M:%SZ') AS InvoiceDate, UnitPrice, CustomerID, Country FROM (${sliceSql})`);
      const header = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
      const cells: SheetCell[][] = [
        header,
        ...rows.map((r) =>
          header.map((h) => {
            const v = r[h];
            if (h === 'InvoiceDate') return new Date(String(v));
            if (v === null || v === undefined) return null;
            return typeof v === 'number' ? v : String(v);
          }),
        ),
      ];
      const xlsx = writeXlsx([
        { name: '订单', rows: cells },
        { name: '说明', rows: [['not data']] },
      ]);
      const want = await expected();
      const { drafts, info, engine } = await dropAndLoad([{ name: '订单.xlsx', content: xlsx }]);
      expect(drafts[0]!.sheetNames).toEqual(['订单', '说明']);
      expect(drafts[0]!.spec).toMatchObject({
        role: 'orders',
        format: 'xlsx',
        columns: { userId: 'CustomerID', time: 'InvoiceDate', amount: 'UnitPrice', quantity: 'Quantity' },
      });
      expect(info.files[0]).toMatchObject({ rowsRead: want.rows, rowsLoaded: want.withCustomer, badTimes: 0 });
      expect(info.users).toBe(want.customers);
      expect(day(info.firstDay)).toBe('2010-12-01');
      const { rows: revenue } = expectOk(
        await engine.run('r', { kind: 'revenue', spec: { grain: 'month', weekStart: 'monday' } }),
      );
      expect(revenue.reduce((s, r) => s + Number(r.revenue), 0)).toBeCloseTo(want.revenue, 2);
    }, 120_000);
  });
});
