import type { Scalar } from './records-csv';

/**
 * Merged cells of a sheet (`<mergeCells>`): Excel stores a merged range's value in its
 * top-left cell only and shows it over the whole range, so a user id merged down over a
 * user's event rows reads as one id per row on screen and as blanks in the file.
 */

/** A merged range, 0-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Row and column (0-based) of a cell reference such as "AB12"; null when it is none. */
export function cellPosition(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** The ranges of a worksheet's `<mergeCell ref="A1:D1"/>` elements; malformed ones are skipped. */
export function mergedRanges(sheetXml: string): MergedRange[] {
  const ranges: MergedRange[] = [];
  for (const m of sheetXml.matchAll(/<mergeCell\b[^>]*?\sref="([^"]*)"/g)) {
    const [from, to = from] = m[1]!.split(':');
    const a = cellPosition(from ?? '');
    const b = cellPosition(to ?? '');
    if (!a || !b) continue;
    ranges.push({
      top: Math.min(a.row, b.row),
      left: Math.min(a.column, b.column),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.column, b.column),
    });
  }
  return ranges;
}

/**
 * Fills every merged range with its top-left value, as Excel shows it (over any value a
 * hidden cell of the range still holds), in place. Ranges are
 * clipped to the rows and the widest row there are (a merge over empty space adds nothing),
 * and the cells filled in all are bounded by the sheet's size, so a hostile file listing
 * overlapping whole-sheet merges costs no more than one pass over the sheet.
 */
export function fillMergedCells(rows: Scalar[][], ranges: readonly MergedRange[]): void {
  let width = 0;
  for (const row of rows) width = Math.max(width, row.length);
  let budget = rows.length * width;
  for (const r of ranges) {
    const value = rows[r.top]?.[r.left] ?? null;
    if (value === null || value === '') continue;
    const bottom = Math.min(r.bottom, rows.length - 1);
    const right = Math.min(r.right, width - 1);
    for (let i = r.top; i <= bottom; i++) {
      const row = rows[i]!;
      for (let j = r.left; j <= right; j++) {
        if (budget-- <= 0) return;
        while (row.length < j) row.push(null);
        row[j] = value;
      }
    }
  }
}
