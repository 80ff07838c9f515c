import type { Row } from './row';
import { isoDayOf } from './iso-day';

/** A whole number as a spreadsheet reads one: `-3`, `+1.5`, `2e10`. */
const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function csvCell(value: string): string {
  // Quote always; neutralise spreadsheet formulas in exported data (CSV injection) unless the
  // whole cell is a number: `-2+3+cmd|' /C calc'!A0` starts like one and is not.
  const safe = /^[=+\-@\t\r]/.test(value) && !plainNumber.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One CSV line (with its line break) of cells already formatted. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** Rows as CSV text with a header line, cells already formatted by the caller. */
export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [columns, ...rows].map(csvLine).join('');
}

/** Result columns that hold a local day, or a period's first day, as epoch ms. */
export const dateColumn = /^(day|period|cohort|as_of|last_active|span_start|span_end)$|_(day|period|as_of)$/;

/** The cell text written to CSV for one value: full precision (to 1e-6), days as YYYY-MM-DD. */
export function formatCell(column: string, value: Row[string]): string {
  if (value === null) return '';
  if (typeof value === 'number' && dateColumn.test(column)) {
    return isoDayOf(value);
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1e6) / 1e6);
  return String(value);
}
