import Papa from 'papaparse';
import type { FileEncoding, TextFormat } from './manifest';
import { excelSeparatorLine, hasMixedLineEndings, normaliseLineEndings } from './text-shape';
import { splitWhitespace } from './whitespace';

/** What the first bytes of a text file say about how to read it. */
export interface SniffedText {
  format: TextFormat;
  /** The field separator for `csv`; absent for `whitespace`. */
  delimiter?: string;
  header: string[];
  /** A few data rows, as text, for the preview. */
  rows: string[][];
}

const sampleRows = 5;
const sniffLines = 30;

/**
 * The text encoding of a file from its first bytes: a byte-order mark when there is one,
 * else UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK, what Excel
 * writes in a Chinese locale). Valid UTF-8 almost never happens by chance in GBK text.
 */
export function detectEncoding(head: Uint8Array): FileEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark: ASCII text has a NUL in every other byte.
  const pairs = Math.min(head.length >> 1, 512);
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNuls++;
    if (head[2 * i + 1] === 0) oddNuls++;
  }
  if (pairs > 8 && oddNuls > pairs * 0.4 && evenNuls < pairs * 0.05) return 'utf-16le';
  if (pairs > 8 && evenNuls > pairs * 0.4 && oddNuls < pairs * 0.05) return 'utf-16be';
  const complete = head.subarray(0, completeUtf8Length(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(complete);
    return 'utf-8';
  } catch {
    return mostlyUtf8(complete) ? 'utf-8' : 'gb18030';
  }
}

/**
 * UTF-8 text with a few damaged bytes (whose lines the load reports) rather than GBK: its
 * valid multi-byte characters far outnumber the invalid sequences (GBK read as UTF-8 is mostly
 * invalid, with a valid pair by chance now and then), or the bytes are no valid GB18030 either.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes);
  let valid = 0;
  let invalid = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') invalid++;
    else if (ch.charCodeAt(0) > 0x7f) valid++;
  }
  if (valid > invalid * 4) return true;
  try {
    // Streaming, so that a character cut off at the head's end is no error.
    new TextDecoder('gb18030', { fatal: true }).decode(bytes, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/** The length of the head without a UTF-8 sequence cut off at its end. */
function completeUtf8Length(head: Uint8Array): number {
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < needed) end -= back;
    }
    break;
  }
  return end;
}

/**
 * The head decoded as text, without a byte-order mark and, when the file goes on past the
 * head, without its last (possibly cut) line.
 */
export function decodeHead(head: Uint8Array, encoding: FileEncoding, complete: boolean): string {
  let text = new TextDecoder(encoding).decode(head);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!complete) {
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak > 0) text = text.slice(0, lastBreak);
  }
  return text;
}

const candidateDelimiters = [',', '\t', ';', '|'];

function modeOf(values: readonly number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = { value: 0, count: 0 };
  for (const [value, count] of counts) if (count > best.count) best = { value, count };
  return { value: best.value, share: values.length ? best.count / values.length : 0 };
}

/**
 * Finds the format, separator and header of delimited text: the candidate separator that
 * splits the first lines into the same number (more than one) of fields wins, the most
 * fields first; text that none splits but runs of spaces do is whitespace-aligned. Excel's
 * `sep=;` first line names the separator and is no header; mixed line endings are read alike.
 */
export function sniffText(input: string, separator?: string): SniffedText {
  const excel = excelSeparatorLine(input);
  let text = excel ? excel.rest : input;
  if (hasMixedLineEndings(text)) text = normaliseLineEndings(text);
  if (separator !== undefined) return splitAs(text, separator);
  if (excel) return splitAs(text, excel.delimiter);
  let best: { delimiter: string; fields: number; rows: string[][] } | null = null;
  for (const delimiter of candidateDelimiters) {
    const parsed = Papa.parse<string[]>(text, { delimiter, preview: sniffLines, skipEmptyLines: true });
    const rows = parsed.data;
    if (rows.length === 0) continue;
    const { value: fields, share } = modeOf(rows.map((r) => r.length));
    if (fields > 1 && share >= 0.9 && rows[0]!.length === fields && (!best || fields > best.fields)) {
      best = { delimiter, fields, rows };
    }
  }
  if (best) {
    const [header = [], ...rest] = best.rows;
    return { format: 'csv', delimiter: best.delimiter, header: header.map((h) => h.trim()), rows: rest.slice(0, sampleRows) };
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = lines.slice(0, sniffLines).map(splitWhitespace);
  const { value: fields, share } = modeOf(split.map((r) => r.length));
  if (fields > 1 && share >= 0.9) {
    const [header = [], ...rest] = split;
    return { format: 'whitespace', header, rows: rest.slice(0, sampleRows) };
  }
  const single = Papa.parse<string[]>(text, { preview: sampleRows + 1, skipEmptyLines: true }).data;
  const [header = [], ...rest] = single;
  return { format: 'csv', delimiter: ',', header, rows: rest };
}

/** Text split the way the user chose: a delimiter, or 'whitespace' for aligned columns. */
function splitAs(text: string, separator: string): SniffedText {
  if (separator === 'whitespace') {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const [header = [], ...rest] = lines.slice(0, sampleRows + 1).map(splitWhitespace);
    return { format: 'whitespace', header, rows: rest };
  }
  const rows = Papa.parse<string[]>(text, { delimiter: separator, preview: sampleRows + 1, skipEmptyLines: true }).data;
  const [header = [], ...rest] = rows;
  return { format: 'csv', delimiter: separator, header: header.map((h) => h.trim()), rows: rest };
}

/** Header names used more than once (compared as DuckDB does, ignoring case). */
export function repeatedNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const name of header) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
  const repeated = new Set<string>();
  for (const name of header) if ((seen.get(name.toLowerCase()) ?? 0) > 1 && name !== '') repeated.add(name.toLowerCase());
  return [...repeated].map((lower) => header.find((h) => h.toLowerCase() === lower)!);
}
