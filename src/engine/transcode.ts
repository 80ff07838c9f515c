import type { FileEncoding } from '../ingest/manifest';

/**
 * Re-encodes a file as UTF-8 (what DuckDB's CSV reader reads) chunk by chunk in the worker,
 * into a Blob: the browser keeps large blobs outside the page's heap, and DuckDB then reads
 * the result by handle, so a 1 GB GBK export is never copied into the WASM heap.
 */
export async function transcodeToUtf8(file: Blob, encoding: FileEncoding, gzip: boolean): Promise<Blob> {
  let bytes: ReadableStream<Uint8Array> = file.stream();
  if (gzip) bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  // fatal: false, so a stray byte becomes U+FFFD instead of failing a whole export.
  const text = bytes.pipeThrough(new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>);
  const utf8 = text.pipeThrough(new TextEncoderStream());
  const batches: Blob[] = [];
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  const reader = utf8.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (!done) {
      parts.push(value);
      partBytes += value.length;
    }
    // Hand each ~32 MB to blob storage so the worker never holds the whole file.
    if (partBytes >= 32 * 1024 * 1024 || (done && parts.length > 0)) {
      batches.push(new Blob(parts as BlobPart[]));
      parts = [];
      partBytes = 0;
    }
    if (done) break;
  }
  return new Blob(batches, { type: 'text/csv' });
}
