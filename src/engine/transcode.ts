import type { FileEncoding } from '../ingest/manifest';
import { whitespaceLineToCsv } from '../ingest/whitespace';
import { BlobWriter } from './blob-writer';
import { breather } from './breather';
import { EngineFailure } from './engine-error';

export interface Utf8CsvOptions {
  encoding: FileEncoding;
  gzip: boolean;
  /** Rewrite whitespace-aligned columns as comma-separated ones. */
  whitespaceAligned: boolean;
  /**
   * End every line in `\n` (files that mix `\r\n`, `\n` and `\r` derail DuckDB's sniffer),
   * and blank out lines that hold a NUL byte, telling each one (1-based line, its text) to
   * `onNulLine`: blank, so the lines after keep their numbers in DuckDB's reports.
   */
  cleanLines?: { onNulLine: (line: number, text: string) => void };
  /** Told the size of each chunk of the file as read (compressed bytes for gzip). */
  onBytes?: (bytes: number) => void;
  /** Asked between chunks: true stops the conversion with a cancelled failure (a load's Cancel). */
  cancelled?: () => boolean;
}

/**
 * Rewrites text line by line, holding back the unfinished last line of each chunk. Lines end
 * at `splitter`; a chunk ending in `\r` keeps it back too when a `\r\n` may be cut in two.
 */
function lineTransform(rewrite: (line: string) => string, splitter: string | RegExp = '\n'): TransformStream<string, string> {
  let rest = '';
  const holdCr = splitter !== '\n';
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      let text = rest + chunk;
      let hold = '';
      if (holdCr && text.endsWith('\r')) {
        hold = '\r';
        text = text.slice(0, -1);
      }
      const lines = text.split(splitter);
      rest = (lines.pop() ?? '') + hold;
      if (lines.length) controller.enqueue(lines.map((l) => rewrite(l)).join('\n') + '\n');
    },
    flush(controller) {
      const last = holdCr ? rest.replace(/\r$/, '') : rest;
      if (rest !== '') controller.enqueue(rewrite(last) + '\n');
    },
  });
}

/** Blanks lines holding a NUL, counting lines from 1, then applies `next`. */
function nulLineRewrite(onNulLine: (line: number, text: string) => void, next: (line: string) => string) {
  let line = 0;
  return (text: string): string => {
    line++;
    if (!text.includes('\0')) return next(text);
    onNulLine(line, text);
    return '';
  };
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
  const { cleanLines } = options;
  if (options.encoding !== 'utf-8' || options.whitespaceAligned || cleanLines) {
    // fatal: false, so a stray byte becomes U+FFFD instead of failing a whole export.
    let text = bytes.pipeThrough(new TextDecoderStream(options.encoding) as unknown as TransformStream<Uint8Array, string>);
    const rewrite = options.whitespaceAligned ? whitespaceLineToCsv : (line: string) => line;
    if (cleanLines) text = text.pipeThrough(lineTransform(nulLineRewrite(cleanLines.onNulLine, rewrite), /\r\n|\r|\n/));
    else if (options.whitespaceAligned) text = text.pipeThrough(lineTransform(rewrite));
    bytes = text.pipeThrough(new TextEncoderStream());
  }
  const out = new BlobWriter();
  const reader = bytes.getReader();
  const breathe = breather();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out.finish();
    out.write(value);
    await breathe();
    if (options.cancelled?.()) {
      void reader.cancel().catch(() => undefined);
      throw new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' });
    }
  }
}
