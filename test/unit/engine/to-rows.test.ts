import { DateDay, Int64, type RecordBatch, Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toRows } from '../../../src/engine/to-rows';

/** A table of `n` rows cut into batches of `size` rows, as DuckDB sends a large result. */
function batched(n: number, size: number): Table {
  const batches: RecordBatch[] = [];
  for (let from = 0; from < n; from += size) {
    const ids = Array.from({ length: Math.min(size, n - from) }, (_, i) => from + i);
    batches.push(
      ...new Table({
        k: makeVector(Int32Array.from(ids)),
        big: vectorFromArray(
          ids.map((i) => BigInt(i) * 3n),
          new Int64(),
        ),
        id: vectorFromArray(
          ids.map((i) => (i % 5 === 0 ? null : `u${i}`)),
          new Utf8(),
        ),
        day: vectorFromArray(
          ids.map((i) => new Date(Date.UTC(2024, 0, 1 + (i % 10)))),
          new DateDay(),
        ),
      }).batches,
    );
  }
  return new Table(batches);
}

describe('toRows', () => {
  it('reads every batch in order, with numbers for counts, epoch ms for days and null for missing', () => {
    const rows = toRows(batched(5000, 2048));
    expect(rows).toHaveLength(5000);
    rows.forEach((row, i) => {
      expect(row).toEqual({
        k: i,
        big: i * 3,
        id: i % 5 === 0 ? null : `u${i}`,
        day: Date.UTC(2024, 0, 1 + (i % 10)),
      });
    });
  });

  it('reads text that is not ASCII, and ASCII text with empty strings, exactly', () => {
    const texts = ['张三', '', 'Zoë', null, 'plain', '😀 emoji', 'a"b,c'];
    const table = new Table({ id: vectorFromArray(texts, new Utf8()) });
    const ascii = ['', 'a', null, '', 'bc', 'x y'];
    const plain = new Table({ id: vectorFromArray(ascii, new Utf8()) });
    expect(toRows(table).map((r) => r.id)).toEqual(texts);
    expect(toRows(plain).map((r) => r.id)).toEqual(ascii);
  });

  it('gives no rows for an empty result', () => {
    expect(toRows(new Table())).toEqual([]);
  });
});
