import type { Scalar } from './records-csv';

/**
 * Which row of a sheet holds the column names. Exports often put a title (a merged cell
 * over the table), a date or a note above the header; the header is then the first row
 * that names as many columns as the data below it fills.
 */

/** Rows looked at for a header; a header further down is chosen by hand. */
export const headerScanRows = 50;
/** Data rows below a candidate whose widest sets how many names a header needs. */
const followingRows = 20;

const numberText = /^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i;
const dateText = /^\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,4})?|^\d{1,2}:\d{2}/;

function isBlank(cell: Scalar | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell that could name a column: text that is no number, date or time. */
function isNameLike(cell: Scalar | undefined): cell is string {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  return text !== '' && !numberText.test(text) && !dateText.test(text);
}

function filledCount(row: readonly Scalar[]): number {
  let n = 0;
  for (const c of row) if (!isBlank(c)) n++;
  return n;
}

/**
 * The 0-based index of the first row that looks like a header: mostly names (text that is
 * no number or date), with at least as many distinct names as the widest of the rows below
 * it has filled cells. A title merged over the table repeats one text and is passed over.
 * When no row qualifies, the first row (what a sheet without a title has).
 */
export function guessHeaderRow(rows: readonly (readonly Scalar[])[]): number {
  const scan = Math.min(rows.length, headerScanRows);
  for (let i = 0; i < scan; i++) {
    const row = rows[i]!;
    const filled = filledCount(row);
    if (filled === 0) continue;
    let width = 0;
    let seen = 0;
    for (let j = i + 1; j < rows.length && seen < followingRows; j++) {
      const n = filledCount(rows[j]!);
      if (n === 0) continue;
      seen++;
      width = Math.max(width, n);
    }
    if (seen === 0) break;
    const names = row.filter(isNameLike);
    const distinct = new Set(names.map((n) => n.trim())).size;
    if (names.length * 2 > filled && distinct >= width) return i;
  }
  return 0;
}

/** A row offered as the header: its 1-based number in the sheet and its first cells as text. */
export interface HeaderRowChoice {
  row: number;
  text: string;
}

const choiceTextLength = 60;

/** The non-blank rows among the first `headerScanRows`, for choosing the header by hand. */
export function headerRowChoices(rows: readonly (readonly Scalar[])[]): HeaderRowChoice[] {
  const choices: HeaderRowChoice[] = [];
  for (let i = 0; i < Math.min(rows.length, headerScanRows); i++) {
    // A merged cell shows once, as Excel shows it, not once per column it spans.
    const cells = rows[i]!.filter((c) => !isBlank(c))
      .map((c) => String(c).trim())
      .filter((c, j, all) => j === 0 || c !== all[j - 1]);
    if (cells.length === 0) continue;
    const text = cells.join(' · ');
    choices.push({ row: i + 1, text: text.length > choiceTextLength ? `${text.slice(0, choiceTextLength - 1)}…` : text });
  }
  return choices;
}
