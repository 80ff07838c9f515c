/** A result row as plain data: numbers (counts, epoch-ms dates), text, booleans, nulls. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
