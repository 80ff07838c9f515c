import { Sql } from './fragment';

export type LiteralValue = string | number | bigint | boolean | null | Date;

function quoteString(value: string): string {
  if (value.includes('\0')) throw new Error('string literal contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A typed SQL literal for a plain value. Dates become UTC TIMESTAMP literals. */
export function lit(value: LiteralValue): Sql {
  if (value === null) return Sql.unsafe('NULL');
  switch (typeof value) {
    case 'string':
      return Sql.unsafe(quoteString(value));
    case 'bigint':
      return Sql.unsafe(value.toString());
    case 'boolean':
      return Sql.unsafe(value ? 'TRUE' : 'FALSE');
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
      return Sql.unsafe(Number.isInteger(value) ? String(value) : `${value}::DOUBLE`);
    default:
      if (Number.isNaN(value.getTime())) throw new Error('invalid date');
      return Sql.unsafe(`TIMESTAMP '${value.toISOString().replace('T', ' ').replace('Z', '')}'`);
  }
}

/** A DATE literal from an ISO calendar date `YYYY-MM-DD`. */
export function dateLit(isoDate: string): Sql {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`not an ISO date: ${isoDate}`);
  return Sql.unsafe(`DATE '${isoDate}'`);
}
