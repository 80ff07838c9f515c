import type { FileEncoding } from '../ingest/manifest';
import { whitespaceLineToCsv } from '../ingest/whitespace';
import { BlobWriter } from './blob-writer';

export interface Utf8CsvOptions {
  encoding: FileEncoding;
  gzip: boolean;
  /** Rewrite whitespace-aligned columns as comma-separated ones. */
  whitespaceAligned: boolean;
  /** Told the size of each chunk of the file as read (compressed bytes for gzip). */
  onBytes?: (bytes: number) => void;
}

/** Rewrites text line by line, holding back the unfinished last line of each chunk. */
function lineTransform(rewrite: (line: string) => string): TransformStream<string, string> {
  let rest = '';
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      if (lines.length) controller.enqueue(lines.map((l) => rewrite(l)).join('\n') + '\n');
    },
    flush(controller) {
      if (rest !== '') controller.enqueue(rewrite(rest) + '\n');
    },
  });
}

/**
 * Re-encodes a file as UTF-8 CSV (what DuckDB's CSV reader reads) chunk by chunk in the
 * worker, into a Blob: the browser keeps large blobs outside the page's heap, and DuckDB
 * then reads the result by handle, so a 1 GB GBK export is never copied into the WASM heap.
 * Gzip is inflated here rather than by DuckDB, whose reader takes a truncated gzip for a
 * shorter file; DecompressionStream fails on it instead.
 */
export async function toUtf8Csv(file: Blob, options: Utf8CsvOptions): Promise<Blob> {
  let bytes: ReadableStream<Uint8Array> = file.stream();
  const onBytes = options.onBytes;
  if (onBytes) {
    bytes = bytes.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          onBytes(chunk.length);
          controller.enqueue(chunk);
        },
      }),
    );
  }
  if (options.gzip) {
    bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  }
  if (options.encoding !== 'utf-8' || options.whitespaceAligned) {
    // fatal: false, so a stray byte becomes U+FFFD instead of failing a whole export.
    let text = bytes.pipeThrough(new TextDecoderStream(options.encoding) as unknown as TransformStream<Uint8Array, string>);
    if (options.whitespaceAligned) text = text.pipeThrough(lineTransform(whitespaceLineToCsv));
    bytes = text.pipeThrough(new TextEncoderStream());
  }
  const out = new BlobWriter();
  const reader = bytes.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out.finish();
    out.write(value);
  }
}
