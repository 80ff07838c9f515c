import type { FileSource } from './duckdb-session';

export function sizeOf(source: FileSource): number {
  return source.kind === 'bytes' ? source.bytes.length : source.file.size;
}

/** Bytes `start` to `end` of a file, read from a Blob only as far as asked. */
export async function bytesOf(source: FileSource, start: number, end: number): Promise<Uint8Array> {
  if (source.kind === 'bytes') return source.bytes.subarray(start, end);
  return new Uint8Array(await source.file.slice(start, end).arrayBuffer());
}
