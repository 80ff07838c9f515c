import Papa from 'papaparse';
import type { OffsetSample } from '../schema/zone-guess';
import type { DraftFile } from './draft-file';
import { holdsEvents, isTabularFormat } from './manifest';
import { decodeHead } from './sniff';
import { isGzip } from './text-check';
import { splitWhitespace } from './whitespace';

// The shape timeExpression reads as an instant: ISO 8601 date and time, then Z or an offset.
const offsetTime =
  /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)? ?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** A time written with its UTC offset (`2024-03-31T09:15:00+01:00`, `…Z`) as a sample; else null. */
export function tryParseOffsetTime(text: string): OffsetSample | null {
  const m = offsetTime.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  if (Number.isNaN(wall)) return null;
  const offsetSeconds = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60);
  return { epochMs: wall - offsetSeconds * 1000, offsetSeconds };
}

/** How much of a file's end is read for offsets, beside its head: a long export spans seasons. */
export const tailBytes = 64 * 1024;

/** The rows of a text: comma-style separators through Papa, aligned text by whitespace. */
function rowsOf(text: string, separator: string | undefined): string[][] {
  if (separator === undefined) return text.split('\n').map(splitWhitespace);
  return Papa.parse<string[]>(text, { delimiter: separator, skipEmptyLines: true }).data;
}

/** The time column's offset samples in rows (the header, if among them, parses as none). */
function samplesIn(rows: readonly string[][], column: number): OffsetSample[] {
  const out: OffsetSample[] = [];
  for (const row of rows) {
    const sample = tryParseOffsetTime(row[column] ?? '');
    if (sample) out.push(sample);
  }
  return out;
}

/**
 * The times written with offsets in a dropped file's time column (its signup time for a users
 * file): in the head the preview sniffed, and, for plain text, in the file's last 64 KB.
 */
export async function offsetSamples(draft: DraftFile): Promise<OffsetSample[]> {
  const { spec, sniffed } = draft;
  const name = holdsEvents(spec.role) ? spec.columns.time : spec.role === 'users' ? spec.columns.signupTime : undefined;
  const column = name === undefined ? -1 : sniffed.header.indexOf(name);
  if (column < 0) return [];
  if (isTabularFormat(spec.format)) return samplesIn(sniffed.rows, column);
  const separator = spec.format === 'whitespace' ? undefined : (spec.delimiter ?? ',');
  const encoding = spec.encoding ?? 'utf-8';
  const samples = samplesIn(rowsOf(decodeHead(draft.head, encoding, draft.complete), separator), column);
  const size = draft.file.size;
  // A multi-byte encoding cut at a random byte, or gzip, has no readable tail.
  if (draft.complete || size <= tailBytes || encoding !== 'utf-8') return samples;
  if (isGzip(new Uint8Array(await draft.file.slice(0, 2).arrayBuffer()))) return samples;
  const tail = new Uint8Array(await draft.file.slice(size - tailBytes).arrayBuffer());
  const text = new TextDecoder('utf-8').decode(tail);
  const firstBreak = text.indexOf('\n');
  return [...samples, ...samplesIn(rowsOf(firstBreak < 0 ? '' : text.slice(firstBreak + 1), separator), column)];
}
