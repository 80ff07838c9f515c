import { describe, expect, it } from 'vitest';
import { buffersOf, packResult, packRows, unpackResult, unpackRows } from '../../../src/engine/packed-rows';
import type { AnalysisResult } from '../../../src/engine/engine';
import type { Row } from '../../../src/schema/row';

describe('rows packed by column for the trip to the page', () => {
  const rows: Row[] = [
    { user_id: 'u1', day: Date.UTC(2024, 0, 1), share: 0.1 + 0.2, flagged: true, p: null, zero: -0 },
    { user_id: '李', day: Date.UTC(2024, 0, 2), share: Number.NaN, flagged: false, p: 0.5, zero: 0 },
    { user_id: 'u3', day: Date.UTC(2024, 0, 3), share: 1e-300, flagged: false, p: 1, zero: 2 ** 53 + 2 },
  ];

  it('gives back equal rows, keys in their order, numbers to the bit', async () => {
    const packed = packRows(rows)!;
    expect(packed.keys).toEqual(['user_id', 'day', 'share', 'flagged', 'p', 'zero']);
    // Number-only columns go as Float64Arrays; a column with a null or text stays an array.
    expect(packed.columns.map((c) => c instanceof Float64Array)).toEqual([false, true, true, false, false, true]);
    const back = await unpackRows(packed);
    expect(back).toEqual(rows);
    expect(back.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r)));
    expect(Object.is(back[0]!.zero, -0)).toBe(true);
    expect(back[0]!.share).toBe(0.30000000000000004);
  });

  it('leaves rows with differing keys, and no rows, as they are', async () => {
    expect(packRows([])).toBeNull();
    expect(
      packRows([
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
    ).toBeNull();
    expect(packRows([{ a: 1 }, { a: 1, b: 2 }])).toBeNull();
    const mixed: AnalysisResult = {
      rows: [{ a: 1 }, { b: 'x' }],
      tables: { t: rows, empty: [] },
      statements: ['SELECT 1'],
      sql: 'SELECT 1',
      ms: 2,
    };
    const result = packResult(mixed);
    expect(result.rows).toEqual(mixed.rows);
    expect(Array.isArray(result.tables!.t)).toBe(false);
    expect(buffersOf(result)).toHaveLength(3);
    expect(await unpackResult(structuredClone(result, { transfer: buffersOf(result) }))).toEqual(mixed);
  });

  it('unpacks a large result in slices, pausing where the pause asks, and keeps every row in order', async () => {
    const many: Row[] = Array.from({ length: 5000 }, (_, i) => ({ user_id: `u${i}`, n: i, reasons: i % 2 ? 'fell' : 'overdue' }));
    const result = packResult({ rows: many, tables: { more: many.slice(0, 2000) }, statements: [], sql: '', ms: 0 });
    let asked = 0;
    let paused = 0;
    const back = await unpackResult(result, () => {
      asked += 1;
      if (asked % 2 === 0) return null;
      paused += 1;
      return Promise.resolve();
    });
    // Asked once per 1,024 rows of each table: 2 for the 2,000 rows, 5 for the 5,000.
    expect(asked).toBe(7);
    expect(paused).toBe(4);
    expect(back.rows).toEqual(many);
    expect(back.tables!.more).toEqual(many.slice(0, 2000));
  });
});
