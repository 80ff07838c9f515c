import { flattenRecord, type Scalar } from './records-csv';
import { fail, ok, type Result } from '../schema/problem';

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
  } catch {
    return fail('json.invalid', { file: fileName });
  }
  if (!Array.isArray(parsed)) return fail('json.notArray', { file: fileName });
  const records: Record<string, Scalar>[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const item: unknown = parsed[i];
    if (!isRecord(item)) return fail('json.itemNotObject', { file: fileName, item: i + 1 });
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
    return fail('json.lineInvalid', { file: fileName, line: lineNumber, text: JSON.stringify(text.slice(0, 80)) });
  }
  if (!isRecord(parsed)) return fail('json.lineNotObject', { file: fileName, line: lineNumber });
  return ok(flattenRecord(parsed));
}
