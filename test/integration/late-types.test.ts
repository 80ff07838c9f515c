import { describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

/**
 * DuckDB types columns from a sample of the first rows; a value further down that does not fit
 * that type must not cost the row. 30,000 rows, the sample is the first 20,480.
 */
function lateSurprises(): string {
  const rows: string[] = ['user,time,event,amount,note'];
  for (let i = 0; i < 30_000; i++) {
    const late = i === 25_000;
    const amount = late ? 'N/A' : String(i % 100);
    const note = i === 26_000 ? 'see ticket A-17' : String(i);
    const time = i === 27_000 ? 'unknown' : `2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`;
    rows.push(`u${i % 1000},${time},open,${amount},${note}`);
  }
  return rows.join('\n');
}

describe('values further down than the type sample', () => {
  it('keep their rows: the column is read again as text; an amount that is no number is left empty', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('late', 'UTC', [
      {
        role: 'events',
        path: 'late.csv',
        format: 'csv',
        columns: { userId: 'user', time: 'time', event: 'event', amount: 'amount' },
      },
    ]);
    const info = expectOk(await engine.loadWorkspace('1', manifest, new Map([['late.csv', bytes(lateSurprises())]])));
    // The time column keeps DuckDB's type (its text path knows fewer formats): that row is skipped, and says why.
    expect(info.files[0]).toMatchObject({ rowsRead: 30_000, rejected: 1, badTimes: 0, rowsLoaded: 29_999 });
    expect(info.files[0]!.rejections).toMatchObject([
      { reason: 'CAST', lines: 1, examples: [{ line: 27_002, column: 'time', text: expect.stringContaining('unknown') }] },
    ]);
    expect(info.events).toBe(29_999);
    const [sums] = expectOk(
      await engine.sql(`SELECT count(amount) AS amounts, count(*) FILTER (WHERE note = 'see ticket A-17') AS notes FROM events`),
    );
    expect(info.files[0]).toMatchObject({ badAmounts: 1, badAmountExamples: ['N/A'] });
    // Row 25,000's amount "N/A" is no amount; the note is kept as text.
    expect(sums).toEqual({ amounts: 29_998, notes: 1 });
  });

  it('reads amounts written as text, and names the ones that are no number', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('prices', 'UTC', [
      {
        role: 'orders',
        path: 'orders.csv',
        format: 'csv',
        columns: { userId: 'user', time: 'time', amount: 'price', quantity: 'qty' },
      },
    ]);
    const csv = [
      'user,time,price,qty',
      'a,2024-01-01 10:00:00,"1,234.50",2',
      'b,2024-01-01 11:00:00,free,1',
      'c,2024-01-01 12:00:00,,1',
      'd,2024-01-01 13:00:00,3.5,',
      'e,2024-01-01 14:00:00,2.25,4',
    ].join('\n');
    const info = expectOk(await engine.loadWorkspace('1', manifest, new Map([['orders.csv', bytes(csv)]])));
    // "free" is filled and no number; an empty price or quantity is simply no amount.
    expect(info.files[0]).toMatchObject({ rowsLoaded: 5, badAmounts: 1, badAmountExamples: ['free × 1'] });
    const rows = expectOk(await engine.sql('SELECT user_id, amount, price FROM events ORDER BY user_id'));
    expect(rows).toEqual([
      { user_id: 'a', amount: 2469, price: '1,234.50' },
      { user_id: 'b', amount: null, price: 'free' },
      { user_id: 'c', amount: null, price: null },
      { user_id: 'd', amount: null, price: '3.5' },
      { user_id: 'e', amount: 9, price: '2.25' },
    ]);
  });

  it('names a quantity that is no number beside a numeric price', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('quantities', 'UTC', [
      {
        role: 'orders',
        path: 'q.csv',
        format: 'csv',
        columns: { userId: 'user', time: 'time', amount: 'price', quantity: 'qty' },
      },
    ]);
    const csv = 'user,time,price,qty\na,2024-01-01 10:00:00,2.5,4\nb,2024-01-01 11:00:00,3,2件\n';
    const info = expectOk(await engine.loadWorkspace('1', manifest, new Map([['q.csv', bytes(csv)]])));
    expect(info.files[0]).toMatchObject({ rowsLoaded: 2, badAmounts: 1, badAmountExamples: ['3.0 × 2件'] });
    expect(expectOk(await engine.sql('SELECT user_id, amount FROM events ORDER BY user_id'))).toEqual([
      { user_id: 'a', amount: 10 },
      { user_id: 'b', amount: null },
    ]);
  });

  it('tells a skipped record of a converted file by its record number, not a line of the converted CSV', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('records', 'UTC', [
      { role: 'events', path: 'e.ndjson', format: 'ndjson', columns: { userId: 'u', time: 't', event: 'e' } },
    ]);
    const lines: string[] = [];
    for (let i = 1; i <= 25_000; i++) {
      const t = i === 24_000 ? 'soon' : `2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`;
      lines.push(JSON.stringify({ u: `u${i % 500}`, t, e: 'open' }));
      // Blank lines are no records: record 24,000 is on line 24,010 of the file.
      if (i <= 10) lines.push('');
    }
    const info = expectOk(await engine.loadWorkspace('1', manifest, new Map([['e.ndjson', bytes(lines.join('\n'))]])));
    expect(info.files[0]).toMatchObject({ rowsRead: 25_000, rowsLoaded: 24_999, rejected: 1 });
    expect(info.files[0]!.rejections[0]!.examples).toMatchObject([{ unit: 'record', line: 24_000, column: 't' }]);
  });
});
