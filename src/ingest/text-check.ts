import { fail, ok, type Result } from '../schema/problem';

const gzipMagic = [0x1f, 0x8b];

export function isGzip(head: Uint8Array): boolean {
  return head[0] === gzipMagic[0] && head[1] === gzipMagic[1];
}

const isBlankByte = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** The bytes are a UTF-8 byte-order mark at most, then only spaces, tabs and line breaks. */
function isBlank(head: Uint8Array): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (let i = start; i < head.length; i++) if (!isBlankByte(head[i]!)) return false;
  return true;
}

/**
 * Rejects what cannot be a delimited text file before DuckDB guesses at it: empty or blank
 * input, and binary data (NUL bytes in the header line or in more than 1% of the first
 * bytes, or many control characters). A few stray NULs further down are a damaged export,
 * not a binary file: their lines are reported when the file loads. Gzip is accepted here
 * and checked again after decompression by the reader.
 */
export function checkTextHead(fileName: string, head: Uint8Array, size: number, wideEncoding = false): Result<'gzip' | 'text'> {
  if (size === 0) return fail('file.empty', { file: fileName });
  if (isGzip(head)) return ok('gzip');
  // UTF-16 text is half NUL bytes; only emptiness can be judged before decoding it.
  if (wideEncoding) return ok('text');
  if (size <= head.length && isBlank(head)) return fail('file.blank', { file: fileName });
  const firstBreak = head.indexOf(0x0a);
  if (head.subarray(0, firstBreak < 0 ? head.length : firstBreak).includes(0)) return fail('file.binary', { file: fileName });
  let controls = 0;
  let nuls = 0;
  for (const b of head) {
    if (b === 0) nuls++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  if (nuls > head.length / 100) return fail('file.binary', { file: fileName });
  if (controls > head.length / 50) {
    return fail('file.controlCharacters', { file: fileName });
  }
  return ok('text');
}
