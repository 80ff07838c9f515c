/**
 * Records (JSON objects, spreadsheet rows) written as UTF-8 CSV text, the one form DuckDB's
 * reader takes in this build: nested objects flattened to dotted column names, arrays kept
 * as JSON text, every field quoted when it needs to be.
 */

export type Scalar = string | number | boolean | null;

/** `{a: {b: 1}, c: [1]}` as `{"a.b": 1, "c": "[1]"}`. */
export function flattenRecord(
  record: Record<string, unknown>,
  prefix = '',
  into: Record<string, Scalar> = {},
): Record<string, Scalar> {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flattenRecord(value as Record<string, unknown>, `${name}.`, into);
    } else if (Array.isArray(value)) {
      into[name] = JSON.stringify(value);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      into[name] = value;
    } else {
      into[name] = null;
    }
  }
  return into;
}

/** One CSV field: quoted when it holds a delimiter, quote, line break or edge space. */
export function csvField(value: Scalar | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (Scalar | undefined)[]): string {
  return values.map(csvField).join(',') + '\n';
}

/** Column names in order of first appearance. */
export class ColumnSet {
  readonly names: string[] = [];
  private readonly seen = new Set<string>();

  add(record: Record<string, Scalar>): void {
    for (const key of Object.keys(record)) {
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.names.push(key);
      }
    }
  }
}
