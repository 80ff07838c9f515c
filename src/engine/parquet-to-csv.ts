import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type SchemaTree } from 'hyparquet';
import { ColumnSet, csvLine, flattenRecord, type Scalar } from '../ingest/records-csv';
import { utcFieldsText } from '../ingest/time-text';
import { fail, ok, type Result } from '../schema/problem';
import { BlobWriter } from './blob-writer';
import { parquetDecoders } from './parquet-decoders';

/** DuckDB-WASM here has no Parquet reader offline; hyparquet (pure JS) reads it in the worker. */

const rowsPerBatch = 50_000;

function blobBuffer(file: Blob): AsyncBuffer {
  return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

/** Columns holding instants (UTC-adjusted timestamps); other timestamps are wall times. */
function instantColumns(tree: SchemaTree, into = new Set<string>()): Set<string> {
  for (const child of tree.children) {
    const { logical_type: logical, converted_type: converted } = child.element;
    // The logical type decides; the legacy converted type alone means UTC-adjusted.
    const adjusted = logical
      ? logical.type === 'TIMESTAMP' && logical.isAdjustedToUTC
      : converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS';
    if (adjusted) into.add(child.path.join('.'));
    instantColumns(child, into);
  }
  return into;
}

function toScalars(row: Record<string, unknown>, instants: ReadonlySet<string>): Record<string, Scalar> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) plain[key] = utcFieldsText(value, instants.has(key)).text;
    else if (typeof value === 'bigint') plain[key] = value.toString();
    else if (value instanceof Uint8Array) plain[key] = null;
    else plain[key] = value;
  }
  return flattenRecord(plain);
}

/** A Parquet file as UTF-8 CSV, read row group by row group (the file stays a Blob). */
export async function parquetToCsv(file: Blob, fileName: string, maxRows?: number): Promise<Result<Blob>> {
  const buffer = blobBuffer(file);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch {
    return fail('parquet.unreadable', { file: fileName });
  }
  const total = Math.min(Number(metadata.num_rows), maxRows ?? Infinity);
  if (total === 0) return fail('parquet.noRows', { file: fileName });
  const instants = instantColumns(parquetSchema(metadata));
  const compressors = await parquetDecoders(metadata);
  const out = new BlobWriter();
  let columns: string[] | null = null;
  for (let start = 0; start < total; start += rowsPerBatch) {
    const rows = await parquetReadObjects({
      file: buffer,
      metadata,
      compressors,
      rowStart: start,
      rowEnd: Math.min(total, start + rowsPerBatch),
    });
    const records = rows.map((r) => toScalars(r, instants));
    if (!columns) {
      const set = new ColumnSet();
      for (const r of records) set.add(r);
      columns = set.names;
      out.write(csvLine(columns));
    }
    const names = columns;
    for (const r of records) out.write(csvLine(names.map((c) => r[c])));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return ok(out.finish());
}
