import * as Comlink from 'comlink';
import type { SnapshotFetchApi } from './snapshot-fetch.worker';

/**
 * A snapshot published beside a hosted manifest (the demo's tables), as the page fetched it:
 * `missing` when the server has none (404: its files are imported, without a word), `failed`
 * when it could not be read whole, else its bytes, gunzipped if it was published as `.gz`.
 */
export type FetchedSnapshot = { url: string } & (
  { state: 'missing' } | { state: 'failed' } | { state: 'fetched'; bytes: Uint8Array<ArrayBuffer>; gunzipped: boolean }
);

/** Whether bytes start with gzip's magic number. */
const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * A response body with its first bytes read (at least two, unless it is shorter), and a stream
 * of the whole body again.
 */
async function peeked(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
): Promise<{ head: Uint8Array<ArrayBuffer>; whole: ReadableStream<Uint8Array<ArrayBuffer>> }> {
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let length = 0;
  while (length < 2) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const head = new Uint8Array(length);
  chunks.reduce((at, chunk) => (head.set(chunk, at), at + chunk.length), 0);
  const whole = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      if (head.length > 0) controller.enqueue(head);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, whole };
}

/**
 * Fetches a published snapshot, gunzipping it as it arrives: gunzipped by the engine's worker
 * after the download, the demo's tables cost it about a second on the way to the first chart
 * (issue 12), and it is busy starting DuckDB while they download.
 */
export async function fetchSnapshot(url: string, fetcher: typeof fetch = fetch): Promise<FetchedSnapshot> {
  const response = await fetcher(url).catch(() => null);
  if (response?.status === 404) return { url, state: 'missing' };
  if (!response?.ok || !response.body) return { url, state: 'failed' };
  try {
    const { head, whole } = await peeked(response.body);
    // Decoded already when the server said Content-Encoding: gzip; otherwise here.
    const gunzipped = isGzip(head);
    const stream = gunzipped ? whole.pipeThrough(new DecompressionStream('gzip')) : whole;
    return { url, state: 'fetched', bytes: new Uint8Array(await new Response(stream).arrayBuffer()), gunzipped };
  } catch {
    return { url, state: 'failed' };
  }
}

/**
 * fetchSnapshot in a worker of its own (snapshot-fetch.worker.ts), ended once it answers: on the
 * page, the gunzip's tasks ran up to half a second each (a stream inflates every chunk at hand at
 * once), and the engine's worker is busy starting DuckDB.
 */
export async function fetchSnapshotIn(worker: Worker, url: string): Promise<FetchedSnapshot> {
  const failed = new Promise<FetchedSnapshot>((resolve) =>
    worker.addEventListener('error', () => resolve({ url, state: 'failed' })),
  );
  try {
    return await Promise.race([Comlink.wrap<SnapshotFetchApi>(worker).fetch(url), failed]);
  } catch {
    return { url, state: 'failed' };
  } finally {
    worker.terminate();
  }
}
