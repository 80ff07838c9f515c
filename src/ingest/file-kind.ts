import { jsonShape } from './json-records';
import type { FileEncoding, TabularFormat } from './manifest';
import { decodeHead } from './sniff';

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0];
const parquetMagic = [0x50, 0x41, 0x52, 0x31];
const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

/** An old Excel .xls workbook (an OLE compound file), which is not read. */
export function isOldExcel(head: Uint8Array): boolean {
  return startsWith(head, oleMagic);
}

/** Which converted format a file is, from its name and first bytes; null for delimited text. */
export function tabularFormatOf(name: string, head: Uint8Array, encoding: FileEncoding): TabularFormat | null {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (startsWith(head, zipMagic) || lower.endsWith('.xlsx')) return 'xlsx';
  if (startsWith(head, parquetMagic) || lower.endsWith('.parquet')) return 'parquet';
  const text = decodeHead(head.subarray(0, 256), encoding, false);
  const shape = jsonShape(text);
  if (/\.(ndjson|jsonl)$/.test(lower)) return 'ndjson';
  if (lower.endsWith('.json')) return shape ?? 'json';
  // Other names: only unmistakable JSON starts (a CSV header never starts with `{"` or `[{`).
  if (/^\uFEFF?\s*(\{\s*"|\[\s*\{)/.test(text)) return shape;
  return null;
}
