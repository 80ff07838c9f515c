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

/** Records of a whole JSON document, and the property that held them when it was not the document itself. */
export interface JsonRecords {
  records: Record<string, Scalar>[];
  recordsFrom?: string;
}

function arrayRecords(items: readonly unknown[], fileName: string): Result<Record<string, Scalar>[]> {
  const records: Record<string, Scalar>[] = [];
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (!isRecord(item)) return fail('json.itemNotObject', { file: fileName, item: i + 1 });
    records.push(flattenRecord(item));
  }
  return ok(records);
}

/**
 * The records of a whole JSON document: an array of objects; an object with exactly one
 * property that is an array of objects (`{"data": [...], "total": 2}`, what APIs return);
 * or else one object, one record.
 */
export function parseJsonDocument(text: string, fileName: string): Result<JsonRecords> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('json.invalid', { file: fileName });
  }
  if (Array.isArray(parsed)) {
    const records = arrayRecords(parsed, fileName);
    return records.ok ? ok({ records: records.value }) : records;
  }
  if (!isRecord(parsed)) return fail('json.notArray', { file: fileName });
  const holders = Object.entries(parsed).filter(
    ([, v]) => Array.isArray(v) && v.length > 0 && (v as unknown[]).every((item) => isRecord(item)),
  );
  if (holders.length === 1) {
    const [key, items] = holders[0]!;
    const records = arrayRecords(items as unknown[], fileName);
    return records.ok ? ok({ records: records.value, recordsFrom: key }) : records;
  }
  return ok({ records: [flattenRecord(parsed)] });
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
