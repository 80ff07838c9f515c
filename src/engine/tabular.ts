import { parseJsonArray, parseJsonLine } from '../ingest/json-records';
import type { FileEncoding } from '../ingest/manifest';
import { ColumnSet, csvLine, type Scalar } from '../ingest/records-csv';
import type { TabularOptions, TabularPreview } from '../ingest/tabular-preview';
import { openWorkbook, type Cell } from '../ingest/xlsx';
import { fail, ok, type Result } from '../schema/problem';
import { BlobWriter } from './blob-writer';
import { parquetToCsv } from './parquet-to-csv';

export type { TabularOptions, TabularPreview };

export interface TabularCsv {
  csv: Blob;
  /** The workbook's sheets, for xlsx. */
  sheetNames?: string[];
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

function writeRecords(records: readonly Record<string, Scalar>[], columns: readonly string[]): Blob {
  const out = new BlobWriter();
  out.write(csvLine(columns));
  for (const r of records) out.write(csvLine(columns.map((c) => r[c])));
  return out.finish();
}

async function ndjsonToCsv(file: Blob, o: TabularOptions): Promise<Result<Blob>> {
  const limit = o.maxRows ?? Infinity;
  // Pass one finds every column (records may differ in keys); pass two writes the rows.
  const columns = new ColumnSet();
  let lineNumber = 0;
  let records = 0;
  for await (const line of textLines(file, o.encoding, o.gzip)) {
    const r = parseJsonLine(line, ++lineNumber, o.fileName);
    if (!r.ok) return r;
    if (r.value === null) continue;
    columns.add(r.value);
    if (++records >= limit) break;
  }
  if (records === 0) return fail('json.noRecords', { file: o.fileName });
  const out = new BlobWriter();
  out.write(csvLine(columns.names));
  lineNumber = 0;
  records = 0;
  for await (const line of textLines(file, o.encoding, o.gzip)) {
    const r = parseJsonLine(line, ++lineNumber, o.fileName);
    if (!r.ok) return r;
    if (r.value === null) continue;
    const record = r.value;
    out.write(csvLine(columns.names.map((c) => record[c])));
    if (++records >= limit) break;
  }
  return ok(out.finish());
}

/** A JSON array is parsed whole, and a browser string holds at most ~512 M characters. */
const jsonArrayMaxBytes = 400 * 1024 * 1024;

async function jsonArrayToCsv(file: Blob, o: TabularOptions): Promise<Result<Blob>> {
  if (file.size * (o.gzip ? 6 : 1) > jsonArrayMaxBytes) {
    return fail('json.arrayTooLarge', { file: o.fileName });
  }
  const parsed = parseJsonArray(await wholeText(file, o.encoding, o.gzip), o.fileName);
  if (!parsed.ok) return parsed;
  const records = parsed.value.slice(0, o.maxRows ?? parsed.value.length);
  if (records.length === 0) return fail('json.emptyArray', { file: o.fileName });
  const columns = new ColumnSet();
  for (const r of records) columns.add(r);
  return ok(writeRecords(records, columns.names));
}

function cellText(cell: Cell | undefined): Scalar {
  return cell === undefined ? null : cell;
}

async function xlsxToCsv(file: Blob, o: TabularOptions): Promise<Result<TabularCsv>> {
  const book = openWorkbook(new Uint8Array(await file.arrayBuffer()), o.fileName);
  if (!book.ok) return book;
  const rows = book.value.rows(o.sheet);
  if (!rows.ok) return rows;
  const [header, ...body] = rows.value;
  if (!header || header.every((c) => c === null || c === '')) {
    return fail('xlsx.emptyHeaderRow', { file: o.fileName });
  }
  let width = header.length;
  for (const row of body) width = Math.max(width, row.length);
  const out = new BlobWriter();
  const line = (row: readonly Cell[]) => out.write(csvLine(Array.from({ length: width }, (_, i) => cellText(row[i]))));
  line(header);
  let written = 0;
  for (const row of body) {
    if (row.length === 0 || row.every((c) => c === null)) continue;
    line(row);
    if (++written >= (o.maxRows ?? Infinity)) break;
  }
  return ok({ csv: out.finish(), sheetNames: book.value.sheetNames });
}

/** A JSON, NDJSON, Parquet or xlsx file as UTF-8 CSV with a header row, converted in the worker. */
export async function tabularToCsv(file: Blob, o: TabularOptions): Promise<Result<TabularCsv>> {
  try {
    if (o.format === 'xlsx') return await xlsxToCsv(file, o);
    let csv: Result<Blob>;
    if (o.format === 'parquet') csv = await parquetToCsv(file, o.fileName, o.maxRows);
    else if (o.format === 'ndjson') csv = await ndjsonToCsv(file, o);
    else csv = await jsonArrayToCsv(file, o);
    return csv.ok ? ok({ csv: csv.value }) : csv;
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
  return ok({ head, ...(converted.value.sheetNames ? { sheetNames: converted.value.sheetNames } : {}) });
}
