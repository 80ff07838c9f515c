import { DataType, type Field, type Table } from 'apache-arrow';

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

/**
 * The one place Arrow values become plain rows: counts (BigInt) become numbers, dates and
 * timestamps epoch milliseconds (UTC; DATE columns are midnight UTC of the calendar day).
 */
export function toRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const names = fields.map((f) => f.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array<Row>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    names.forEach((name, i) => {
      row[name] = toCell(columns[i]?.get(r), fields[i]!);
    });
    rows[r] = row;
  }
  return rows;
}
