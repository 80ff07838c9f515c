import type { Row } from '../../engine/to-rows';

/** A whole number as a spreadsheet reads one: `-3`, `+1.5`, `2e10`. */
const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function csvCell(value: string): string {
  // Quote always; neutralise spreadsheet formulas in exported data (CSV injection) unless the
  // whole cell is a number: `-2+3+cmd|' /C calc'!A0` starts like one and is not.
  const safe = /^[=+\-@\t\r]/.test(value) && !plainNumber.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Rows as CSV text with a header line, cells already formatted by the caller. */
export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The cell text shown on screen and written to CSV for one value. */
export function formatCell(column: string, value: Row[string]): string {
  if (value === null) return '';
  if (typeof value === 'number' && /^(day|period|cohort|first_day|last_day|span_start|span_end)$/.test(column)) {
    return new Date(value).toISOString().slice(0, 10);
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1e6) / 1e6);
  return String(value);
}

export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A BOM so that Excel in a Chinese locale opens UTF-8 CSV correctly.
  const blob = new Blob(['\ufeff', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
