import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const retailPath = path.resolve(__dirname, '../../../shared/data/online-retail/online_retail.csv.gz');

/** Online Retail with Chinese headers, as Excel in a Chinese locale would save it. */
function chineseRetail(): string {
  const text = gunzipSync(readFileSync(retailPath)).toString('utf8');
  const newline = text.indexOf('\n');
  const header = text.slice(0, newline).trim();
  expect(header).toBe('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country');
  return '发票号,商品编码,商品描述,数量,下单时间,单价,会员编号,国家' + text.slice(newline);
}

const manifest = (encoding: string, delimiter?: string) => ({
  format: 'strata.workspace',
  version: 1,
  name: encoding,
  timeZone: 'Europe/London',
  files: [
    {
      role: 'orders',
      path: 'retail.csv',
      format: 'csv',
      encoding,
      ...(delimiter ? { delimiter } : {}),
      columns: { userId: '会员编号', time: '下单时间' },
    },
  ],
});

describe('Online Retail in other encodings loads to the same counts', () => {
  let text: string;
  beforeAll(() => {
    text = chineseRetail();
  });

  it('GB18030 with Chinese headers', async () => {
    const engine = await createWasmEngine();
    const gbk = new Uint8Array(iconv.encode(text, 'gb18030'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const info = expectOk(await engine.loadWorkspace('l', manifest('gb18030'), new Map([['retail.csv', bytes(gbk)]])));
    expect(info.files[0]).toMatchObject({ rowsRead: 541_909, rowsLoaded: 406_829, nullUserIds: 135_080 });
    expect(info.users).toBe(4_372);
    expect(info.eventNames).toEqual(['purchase']);
  }, 120_000);

  it('UTF-16 LE tab-separated with a BOM', async () => {
    const engine = await createWasmEngine();
    const tsv = text.replaceAll(',', '\t');
    const utf16 = new Uint8Array(iconv.encode(tsv, 'utf-16le', { addBOM: true }));
    const info = expectOk(await engine.loadWorkspace('l', manifest('utf-16le', '\t'), new Map([['retail.csv', bytes(utf16)]])));
    expect(info.files[0]).toMatchObject({ rowsLoaded: 406_829, nullUserIds: 135_080 });
    expect(info.users).toBe(4_372);
  }, 120_000);
});
