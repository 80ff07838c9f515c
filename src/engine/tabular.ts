import { parseJsonDocument, parseJsonLine } from '../ingest/json-records';
import type { FileEncoding } from '../ingest/manifest';
import { ColumnSet, csvLine, type Scalar } from '../ingest/records-csv';
import { guessHeaderRow, headerRowChoices } from '../ingest/header-row';
import type { SheetHeader, TabularOptions, TabularPreview } from '../ingest/tabular-preview';
import { openWorkbook, type Cell } from '../ingest/xlsx';
import { fail, ok, type Result } from '../schema/problem';
import { BlobWriter } from './blob-writer';
import { breather } from './breather';
import { parquetToCsv } from './parquet-to-csv';

export type { TabularOptions, TabularPreview };

export interface TabularCsv {
  csv: Blob;
  /** The workbook's sheets, for xlsx. */
  sheetNames?: string[];
  /** For a JSON object holding the records in one property (`{"data": [...]}`): that property. */
  recordsFrom?: string;
  /** For xlsx: the row read as the header, the guess, and the rows above it left out. */
  sheetHeader?: SheetHeader;
}

function byteStream(file: Blob, gzip: boolean): ReadableStream<Uint8Array> {
  const bytes = file.stream();
  if (!gzip) return bytes;
  return bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
}

async function* textLines(file: Blob, encoding: FileEncoding, gzip: boolean): AsyncGenerator<string> {
  const reader = byteStream(file, gzip)
    .pipeThrough(new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const lines = (rest + value).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  if (rest !== '') yield rest;
}

async function wholeText(file: Blob, encoding: FileEncoding, gzip: boolean): Promise<string> {
  const reader = byteStream(file, gzip)
    .pipeThrough(new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts.join('');
    parts.push(value);
  }
}

async function writeRecords(records: readonly Record<string, Scalar>[], columns: readonly string[]): Promise<Blob> {
  const out = new BlobWriter();
  const breathe = breather();
  out.write(csvLine(columns));
  for (const r of records) {
    out.write(csvLine(columns.map((c) => r[c])));
    await breathe();
  }
  return out.finish();
}

/** A converted file, and for JSON the property of the document that held the records. */
interface RecordsCsv {
  csv: Blob;
  recordsFrom?: string;
}

async function ndjsonToCsv(file: Blob, o: TabularOptions): Promise<Result<RecordsCsv>> {
  const limit = o.maxRows ?? Infinity;
  // Pass one finds every column (records may differ in keys); pass two writes the rows.
  const columns = new ColumnSet();
  let lineNumber = 0;
  let records = 0;
  let ended = true;
  const breathe = breather();
  for await (const line of textLines(file, o.encoding, o.gzip)) {
    await breathe();
    const r = parseJsonLine(line, ++lineNumber, o.fileName);
    // A first record that is no complete line is a pretty-printed JSON document (one object).
    if (!r.ok) return records === 0 ? jsonDocumentToCsv(file, o, r) : r;
    if (r.value === null) continue;
    columns.add(r.value);
    if (++records >= limit) {
      ended = false;
      break;
    }
  }
  if (records === 0) return fail('json.noRecords', { file: o.fileName });
  // One object on one line may be a document whose property holds the records.
  if (records === 1 && ended) return jsonDocumentToCsv(file, o);
  const out = new BlobWriter();
  out.write(csvLine(columns.names));
  lineNumber = 0;
  records = 0;
  for await (const line of textLines(file, o.encoding, o.gzip)) {
    await breathe();
    const r = parseJsonLine(line, ++lineNumber, o.fileName);
    if (!r.ok) return r;
    if (r.value === null) continue;
    const record = r.value;
    out.write(csvLine(columns.names.map((c) => record[c])));
    if (++records >= limit) break;
  }
  return ok({ csv: out.finish() });
}

/** A JSON document is parsed whole, and a browser string holds at most ~512 M characters. */
const jsonArrayMaxBytes = 400 * 1024 * 1024;

/**
 * A whole JSON document (an array of records, an object holding one, or one record) as CSV.
 * `asLines` is what reading it as NDJSON found, the problem told when it is no JSON either.
 */
async function jsonDocumentToCsv(file: Blob, o: TabularOptions, asLines?: Result<unknown>): Promise<Result<RecordsCsv>> {
  if (file.size * (o.gzip ? 6 : 1) > jsonArrayMaxBytes) {
    return asLines && !asLines.ok ? asLines : fail('json.arrayTooLarge', { file: o.fileName });
  }
  const parsed = parseJsonDocument(await wholeText(file, o.encoding, o.gzip), o.fileName);
  if (!parsed.ok) return asLines && !asLines.ok ? asLines : parsed;
  const records = parsed.value.records.slice(0, o.maxRows ?? parsed.value.records.length);
  if (records.length === 0) return fail('json.emptyArray', { file: o.fileName });
  const columns = new ColumnSet();
  for (const r of records) columns.add(r);
  const csv = await writeRecords(records, columns.names);
  return ok(parsed.value.recordsFrom === undefined ? { csv } : { csv, recordsFrom: parsed.value.recordsFrom });
}

function cellText(cell: Cell | undefined): Scalar {
  return cell === undefined ? null : cell;
}

async function xlsxToCsv(file: Blob, o: TabularOptions): Promise<Result<TabularCsv>> {
  const book = openWorkbook(new Uint8Array(await file.arrayBuffer()), o.fileName);
  if (!book.ok) return book;
  const rows = book.value.rows(o.sheet);
  if (!rows.ok) return rows;
  const all = rows.value;
  const guess = guessHeaderRow(all) + 1;
  const headerRow = o.headerRow === 'guess' ? guess : (o.headerRow ?? 1);
  const header = all[headerRow - 1];
  if (!header || header.every((c) => c === null || c === '')) {
    return fail('xlsx.emptyHeaderRow', { file: o.fileName, row: headerRow });
  }
  const blank = (row: readonly Cell[]) => row.length === 0 || row.every((c) => c === null);
  const sheetHeader: SheetHeader = {
    row: headerRow,
    guess,
    skipped: all.slice(0, headerRow - 1).filter((row) => !blank(row)).length,
    choices: headerRowChoices(all),
  };
  const body = all.slice(headerRow);
  let width = header.length;
  for (const row of body) width = Math.max(width, row.length);
  const out = new BlobWriter();
  const line = (row: readonly Cell[]) => out.write(csvLine(Array.from({ length: width }, (_, i) => cellText(row[i]))));
  line(header);
  let written = 0;
  const breathe = breather();
  for (const row of body) {
    await breathe();
    if (blank(row)) continue;
    line(row);
    if (++written >= (o.maxRows ?? Infinity)) break;
  }
  return ok({ csv: out.finish(), sheetNames: book.value.sheetNames, sheetHeader });
}

/** A JSON, NDJSON, Parquet or xlsx file as UTF-8 CSV with a header row, converted in the worker. */
export async function tabularToCsv(file: Blob, o: TabularOptions): Promise<Result<TabularCsv>> {
  try {
    if (o.format === 'xlsx') return await xlsxToCsv(file, o);
    if (o.format === 'parquet') {
      const csv = await parquetToCsv(file, o.fileName, o.maxRows);
      return csv.ok ? ok({ csv: csv.value }) : csv;
    }
    return await (o.format === 'ndjson' ? ndjsonToCsv(file, o) : jsonDocumentToCsv(file, o));
  } catch {
    return fail('file.unreadable', { file: o.fileName });
  }
}

const previewRows = 200;

/** The header and first rows as CSV bytes, for the import preview. */
export async function previewTabular(file: Blob, options: TabularOptions): Promise<Result<TabularPreview>> {
  const converted = await tabularToCsv(file, { ...options, maxRows: previewRows });
  if (!converted.ok) return converted;
  const head = new Uint8Array(await converted.value.csv.arrayBuffer());
  const { sheetNames, recordsFrom, sheetHeader } = converted.value;
  return ok({
    head,
    ...(sheetNames ? { sheetNames } : {}),
    ...(recordsFrom !== undefined ? { recordsFrom } : {}),
    ...(sheetHeader ? { sheetHeader } : {}),
  });
}
