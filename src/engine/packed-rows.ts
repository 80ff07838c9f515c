import type { Cell, Row } from '../schema/row';
import type { AnalysisResult } from './engine';

/**
 * Rows as they cross from the worker to the page: one array per column, and a column of
 * numbers only as a Float64Array, moved rather than copied. Cloning row objects one by one
 * made the page's longest task: 17,137 rows of ten fields (the at-risk list at 500,000
 * customers) took 50-70 ms to arrive.
 */
export interface PackedRows {
  keys: string[];
  columns: (Cell[] | Float64Array)[];
  length: number;
}

/** An analysis result with its rows and tables packed (those whose rows differ in keys stay as they are). */
export type PackedResult = Omit<AnalysisResult, 'rows' | 'tables'> & {
  rows: Row[] | PackedRows;
  tables?: Record<string, Row[] | PackedRows>;
};

const sameKeys = (row: Row, keys: readonly string[]) => {
  const own = Object.keys(row);
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
};

/** The rows by column, or null when they are none or do not all have the same keys in the same order. */
export function packRows(rows: readonly Row[]): PackedRows | null {
  const first = rows[0];
  if (!first) return null;
  const keys = Object.keys(first);
  if (!rows.every((r) => sameKeys(r, keys))) return null;
  const columns = keys.map((key) => {
    const values = rows.map((r) => r[key]!);
    return values.every((v) => typeof v === 'number') ? Float64Array.from(values as number[]) : values;
  });
  return { keys, columns, length: rows.length };
}

/** Rows made between two calls of unpackRows' `pause`. */
const rowsPerSlice = 1024;

/**
 * The rows again, each with its keys in their order. `pause` (a breather) is asked between
 * slices of rows: making 17,137 row objects of ten fields (the at-risk list at 500,000
 * customers) took 50-75 ms in one task on the page, most of it garbage collection.
 */
export async function unpackRows(
  { keys, columns, length }: PackedRows,
  pause: () => Promise<void> | null = () => null,
): Promise<Row[]> {
  const rows = new Array<Row>(length);
  for (let i = 0; i < length; i++) {
    if (i % rowsPerSlice === 0) {
      const paused = pause();
      if (paused) await paused;
    }
    const row: Row = {};
    for (let j = 0; j < keys.length; j++) row[keys[j]!] = columns[j]![i]!;
    rows[i] = row;
  }
  return rows;
}

const isPacked = (rows: Row[] | PackedRows): rows is PackedRows => !Array.isArray(rows);
const packed = (rows: Row[]) => packRows(rows) ?? rows;
const unpacked = (rows: Row[] | PackedRows, pause?: () => Promise<void> | null) =>
  isPacked(rows) ? unpackRows(rows, pause) : Promise.resolve(rows);

export function packResult({ rows, tables, ...rest }: AnalysisResult): PackedResult {
  return {
    ...rest,
    rows: packed(rows),
    ...(tables ? { tables: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, packed(t)])) } : {}),
  };
}

/** The result with its rows as objects again; `pause` as for unpackRows. */
export async function unpackResult(
  { rows, tables, ...rest }: PackedResult,
  pause?: () => Promise<void> | null,
): Promise<AnalysisResult> {
  const unpackedTables: Record<string, Row[]> = {};
  for (const [name, t] of Object.entries(tables ?? {})) unpackedTables[name] = await unpacked(t, pause);
  return { ...rest, rows: await unpacked(rows, pause), ...(tables ? { tables: unpackedTables } : {}) };
}

/** The buffers of a packed result's number columns, to move to the page with it. */
export function buffersOf(result: PackedResult): ArrayBuffer[] {
  const all = [result.rows, ...Object.values(result.tables ?? {})];
  return all.flatMap((rows) =>
    isPacked(rows) ? rows.columns.flatMap((c) => (c instanceof Float64Array ? [c.buffer as ArrayBuffer] : [])) : [],
  );
}
