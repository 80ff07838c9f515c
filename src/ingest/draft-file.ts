import { fail, ok, type Result } from '../schema/problem';
import { isOldExcel, tabularFormatOf } from './file-kind';
import { guessRoles } from './guess-roles';
import type { FileEncoding, FileSpec, TabularFormat } from './manifest';
import { headBytes, readHead } from './read-head';
import { decodeHead, detectEncoding, sniffText, type SniffedText } from './sniff';
import type { PreviewTabular, SheetHeader, TabularOptions } from './tabular-preview';
import { checkTextHead, isGzip } from './text-check';

/** A dropped data file as sniffed, with the choices the import preview lets the user change. */
export interface DraftFile {
  file: File;
  /** The first bytes (decompressed when gzip), for re-sniffing after a change of encoding. */
  head: Uint8Array;
  /** The head is the whole file. */
  complete: boolean;
  sniffed: SniffedText;
  spec: FileSpec;
  /** For xlsx: the workbook's sheets. */
  sheetNames?: string[];
  /** For a JSON object holding the records in one property (`{"data": [...]}`): that property. */
  recordsFrom?: string;
  /** For xlsx: the row read as the header, the guess, and the rows that could be. */
  sheetHeader?: SheetHeader;
}

/** The sniffed header and rows of a head read in one encoding. */
export function sniffHead(head: Uint8Array, encoding: FileEncoding, complete: boolean, separator?: string): SniffedText {
  return sniffText(decodeHead(head, encoding, complete), separator);
}

/** The spec the sniffed header and rows suggest (roles and columns guessed). */
function guessedSpec(name: string, sniffed: SniffedText): FileSpec {
  const guess = guessRoles(sniffed.header, sniffed.rows);
  return {
    role: guess.role,
    path: name,
    format: sniffed.format,
    columns: { ...guess.columns, userId: guess.columns.userId ?? '' },
  };
}

/**
 * Drafts a JSON, NDJSON, Parquet or xlsx file from the first rows the worker converted to CSV.
 * A workbook is read from `sheet` (the first when absent) with its header at `headerRow`
 * (1-based; guessed when absent).
 */
export async function draftTabularFile(
  file: File,
  format: TabularFormat,
  encoding: FileEncoding,
  preview: PreviewTabular,
  sheet?: string,
  headerRow?: number,
): Promise<Result<DraftFile>> {
  const gzip = isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
  if (file.size === 0) return fail('file.empty', { file: file.name });
  const options: TabularOptions = {
    fileName: file.name,
    format,
    encoding,
    gzip,
    ...(sheet !== undefined ? { sheet } : {}),
    ...(format === 'xlsx' ? { headerRow: headerRow ?? 'guess' } : {}),
  };
  const converted = await preview(file, options);
  if (!converted.ok) return converted;
  const sniffed = sniffHead(converted.value.head, 'utf-8', true, ',');
  if (sniffed.header.length === 0) return fail('file.noColumns', { file: file.name });
  if (sniffed.rows.length === 0) return fail('file.headerOnly', { file: file.name });
  const { sheetHeader } = converted.value;
  const spec: FileSpec = {
    ...guessedSpec(file.name, sniffed),
    format,
    ...(sheet !== undefined ? { sheet } : {}),
    ...(sheetHeader && sheetHeader.row > 1 ? { headerRow: sheetHeader.row } : {}),
    ...(format !== 'xlsx' && encoding !== 'utf-8' ? { encoding } : {}),
  };
  return ok({
    file,
    head: converted.value.head,
    complete: true,
    sniffed,
    spec,
    ...(converted.value.sheetNames ? { sheetNames: converted.value.sheetNames } : {}),
    ...(converted.value.recordsFrom !== undefined ? { recordsFrom: converted.value.recordsFrom } : {}),
    ...(sheetHeader ? { sheetHeader } : {}),
  });
}

/** Sniffs one dropped file: is it text, in which encoding and format, which column is what. */
export async function draftFile(file: File, preview: PreviewTabular): Promise<Result<DraftFile>> {
  const head = await readHead(file).catch(() => null);
  if (head === null) return fail('file.unreadableHead', { file: file.name });
  if (isOldExcel(head)) return fail('xlsx.oldXls', { file: file.name });
  const encoding = detectEncoding(head);
  const tabular = tabularFormatOf(file.name, head, encoding);
  if (tabular) return draftTabularFile(file, tabular, encoding, preview);
  const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
  const check = checkTextHead(file.name, head, head.length === 0 ? 0 : file.size, wide);
  if (!check.ok) return check;
  const complete = head.length < headBytes;
  const sniffed = sniffHead(head, encoding, complete);
  if (sniffed.header.length === 0) return fail('file.noHeader', { file: file.name });
  if (sniffed.rows.length === 0) return fail('file.headerOnly', { file: file.name });
  const spec: FileSpec = {
    ...guessedSpec(file.name, sniffed),
    ...(sniffed.delimiter && sniffed.delimiter !== ',' ? { delimiter: sniffed.delimiter } : {}),
    ...(encoding !== 'utf-8' ? { encoding } : {}),
  };
  return ok({ file, head, complete, sniffed, spec });
}

/**
 * The draft after a change of encoding or separator (a delimiter, or 'whitespace' for
 * aligned text): the head is read again that way.
 */
export function rereadDraft(draft: DraftFile, encoding: FileEncoding, separator: string): DraftFile {
  const sniffed = sniffHead(draft.head, encoding, draft.complete, separator);
  const spec: FileSpec = { ...draft.spec, format: sniffed.format };
  delete spec.delimiter;
  delete spec.encoding;
  if (sniffed.delimiter !== undefined && sniffed.delimiter !== ',') spec.delimiter = sniffed.delimiter;
  if (encoding !== 'utf-8') spec.encoding = encoding;
  // Read another way, the header names change (mojibake fixed): guess the columns again.
  const known = new Set(sniffed.header);
  if (Object.values(spec.columns).some((c) => c && !known.has(c))) {
    const guess = guessRoles(sniffed.header, sniffed.rows);
    spec.columns = { ...guess.columns, userId: guess.columns.userId ?? '' };
    delete spec.exclude;
  }
  return { ...draft, sniffed, spec };
}

/** The separator a spec reads with: its delimiter, or 'whitespace' for aligned text. */
export function separatorOf(spec: FileSpec): string {
  return spec.format === 'whitespace' ? 'whitespace' : (spec.delimiter ?? ',');
}
