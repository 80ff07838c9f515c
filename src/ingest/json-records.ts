import { flattenRecord, type Scalar } from './records-csv';
import { fail, ok, type Result } from './result';

/** JSON text as a file starts: an array of records, or one record per line (NDJSON). */
export function jsonShape(text: string): 'json' | 'ndjson' | null {
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''))?.[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A whole JSON array of objects, flattened. */
export function parseJsonArray(text: string, fileName: string): Result<Record<string, Scalar>[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`${fileName}: not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!Array.isArray(parsed)) return fail(`${fileName}: expected a JSON array of records ([{...}, {...}]).`);
  const records: Record<string, Scalar>[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const item: unknown = parsed[i];
    if (!isRecord(item)) return fail(`${fileName}: item ${i + 1} of the array is not an object ({...}).`);
    records.push(flattenRecord(item));
  }
  return ok(records);
}

/** One NDJSON line (1-based `lineNumber` for the message); blank lines are null. */
export function parseJsonLine(line: string, lineNumber: number, fileName: string): Result<Record<string, Scalar> | null> {
  const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
  if (text.trim() === '') return ok(null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(`${fileName}: line ${lineNumber} is not valid JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (!isRecord(parsed)) return fail(`${fileName}: line ${lineNumber} is not a JSON object ({...}).`);
  return ok(flattenRecord(parsed));
}
