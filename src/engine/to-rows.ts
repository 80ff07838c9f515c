import { DataType, type Field, type Table, type Vector } from 'apache-arrow';

import type { Cell, Row } from '../schema/row';

export type { Cell, Row };

/** DuckDB sends HUGEINT and DECIMAL as Arrow decimals: scaled integers without a point. */
function decimalToNumber(value: unknown, scale: number): number {
  return Number(String(value)) / 10 ** scale;
}

function toCell(value: unknown, field: Field): Cell {
  if (value !== null && value !== undefined && DataType.isDecimal(field.type)) {
    return decimalToNumber(value, field.type.scale);
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.getTime();
  return String(value);
}

const utf8 = new TextDecoder();

/**
 * A batch's text column decoded in one call when all of it is ASCII (user ids, event names
 * mostly are), where byte offsets are character offsets; null otherwise. Decoding value by
 * value costs a TextDecoder call each, a second for 500,000 ids.
 */
function asciiTexts(column: Vector | null): (string | null)[] | null {
  if (column === null || !DataType.isUtf8(column.type) || column.data.length !== 1) return null;
  const data = column.data[0]!;
  const { values, valueOffsets } = data;
  if (data.offset !== 0 || valueOffsets.length < data.length + 1) return null;
  const from = valueOffsets[0]!;
  const to = valueOffsets[data.length]!;
  for (let i = from; i < to; i++) if (values[i]! > 0x7f) return null;
  const text = utf8.decode(values.subarray(from, to));
  const out = new Array<string | null>(data.length);
  const checkNulls = data.nullCount > 0;
  for (let j = 0; j < data.length; j++) {
    out[j] = checkNulls && !data.getValid(j) ? null : text.slice(valueOffsets[j]! - from, valueOffsets[j + 1]! - from);
  }
  return out;
}

/**
 * The one place Arrow values become plain rows: counts (BigInt) become numbers, dates and
 * timestamps epoch milliseconds (UTC; DATE columns are midnight UTC of the calendar day).
 * Read batch by batch: a column's get(r) across all batches searches for the batch on every
 * call and made a 500,000-row result take seconds.
 */
export function toRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const names = fields.map((f) => f.name);
  const rows: Row[] = new Array<Row>(table.numRows);
  let r = 0;
  for (const batch of table.batches) {
    const columns = names.map((_, i) => batch.getChildAt(i));
    const texts = columns.map(asciiTexts);
    for (let j = 0; j < batch.numRows; j++) {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) {
        const decoded = texts[i];
        row[names[i]!] = decoded ? (decoded[j] ?? null) : toCell(columns[i]?.get(j), fields[i]!);
      }
      rows[r++] = row;
    }
  }
  return rows;
}
