import { fail, ok, type Result } from '../schema/problem';

const gzipMagic = [0x1f, 0x8b];

export function isGzip(head: Uint8Array): boolean {
  return head[0] === gzipMagic[0] && head[1] === gzipMagic[1];
}

/**
 * Rejects what cannot be a delimited text file before DuckDB guesses at it: empty input,
 * and binary data (NUL bytes or many control characters in the first bytes). Gzip is
 * accepted here and checked again after decompression by the reader.
 */
export function checkTextHead(fileName: string, head: Uint8Array, size: number, wideEncoding = false): Result<'gzip' | 'text'> {
  if (size === 0) return fail('file.empty', { file: fileName });
  if (isGzip(head)) return ok('gzip');
  // UTF-16 text is half NUL bytes; only emptiness can be judged before decoding it.
  if (wideEncoding) return ok('text');
  let controls = 0;
  for (const b of head) {
    if (b === 0) {
      return fail('file.binary', { file: fileName });
    }
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  if (controls > head.length / 50) {
    return fail('file.controlCharacters', { file: fileName });
  }
  return ok('text');
}
