import { isGzip } from './text-check';

/** How much of a dropped file is sniffed (decompressed bytes for gzip). */
export const headBytes = 64 * 1024;

/** The first bytes of a file, inflated when it is gzip; rejects when the gzip is damaged. */
export async function readHead(file: Blob, bytes = headBytes): Promise<Uint8Array> {
  const raw = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  if (!isGzip(raw)) return new Uint8Array(await file.slice(0, bytes).arrayBuffer());
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
