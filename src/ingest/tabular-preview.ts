import type { Result } from '../schema/problem';
import type { FileEncoding, TabularFormat } from './manifest';

/** How to convert a JSON, NDJSON, Parquet or xlsx file to CSV (in the engine worker). */
export interface TabularOptions {
  fileName: string;
  format: TabularFormat;
  encoding: FileEncoding;
  gzip: boolean;
  sheet?: string;
  /** Stop after this many data rows (for the import preview). */
  maxRows?: number;
}

/** The header and first rows of a converted file, for the import preview. */
export interface TabularPreview {
  /** UTF-8 CSV of the header and the first rows. */
  head: Uint8Array;
  sheetNames?: string[];
  /** For a JSON object holding the records in one property (`{"data": [...]}`): that property. */
  recordsFrom?: string;
}

/** The engine worker's conversion of a file's first rows to CSV. */
export type PreviewTabular = (file: Blob, options: TabularOptions) => Promise<Result<TabularPreview>>;
