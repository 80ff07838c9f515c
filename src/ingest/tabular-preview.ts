import type { Result } from '../schema/problem';
import type { HeaderRowChoice } from './header-row';
import type { FileEncoding, TabularFormat } from './manifest';

/** How to convert a JSON, NDJSON, Parquet or xlsx file to CSV (in the engine worker). */
export interface TabularOptions {
  fileName: string;
  format: TabularFormat;
  encoding: FileEncoding;
  gzip: boolean;
  sheet?: string;
  /** For xlsx: the 1-based row of the sheet holding the column names, or a guess; row 1 when absent. */
  headerRow?: number | 'guess';
  /** Stop after this many data rows (for the import preview). */
  maxRows?: number;
}

/** For xlsx: which row was read as the header, which one looks like it, and the rows that could be. */
export interface SheetHeader {
  /** 1-based row of the sheet read as the header. */
  row: number;
  /** The row that looks like the header (see guessHeaderRow). */
  guess: number;
  /** Rows above the header that hold something (left out). */
  skipped: number;
  choices: HeaderRowChoice[];
}

/** The header and first rows of a converted file, for the import preview. */
export interface TabularPreview {
  /** UTF-8 CSV of the header and the first rows. */
  head: Uint8Array;
  sheetNames?: string[];
  /** For a JSON object holding the records in one property (`{"data": [...]}`): that property. */
  recordsFrom?: string;
  sheetHeader?: SheetHeader;
}

/** The engine worker's conversion of a file's first rows to CSV. */
export type PreviewTabular = (file: Blob, options: TabularOptions) => Promise<Result<TabularPreview>>;
