import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchSnapshot } from '../../../src/engine/hosted-snapshot';

const url = 'http://127.0.0.1/app/demo/tables.snapshot.gz';

/** A fetch answering with `body` cut into chunks of `size` bytes (a network's pieces). */
function answering(body: Uint8Array, size: number, status = 200): typeof fetch {
  return async () => {
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= body.length) return controller.close();
        controller.enqueue(body.slice(at, at + size));
        at += size;
      },
    });
    return new Response(stream, { status });
  };
}

const tables = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
// Byte by byte, as toEqual would, but in a moment for 300,000 bytes.
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('fetchSnapshot', () => {
  it('gunzips a published .gz as it arrives, even when the first piece is one byte', async () => {
    const gz = new Uint8Array(gzipSync(tables));
    for (const size of [1, 1000, 65_536]) {
      const fetched = await fetchSnapshot(url, answering(gz, size));
      expect(fetched.state).toBe('fetched');
      if (fetched.state !== 'fetched') continue;
      expect(fetched.gunzipped).toBe(true);
      expect(same(fetched.bytes, tables)).toBe(true);
    }
  });

  it('takes bytes that are not gzip (decoded by the browser under Content-Encoding) as they are', async () => {
    const fetched = await fetchSnapshot(url, answering(tables, 4096));
    expect(fetched).toMatchObject({ state: 'fetched', gunzipped: false });
    if (fetched.state === 'fetched') expect(same(fetched.bytes, tables)).toBe(true);
  });

  it('says none is published on a 404, and failed on another status, a cut gzip or no answer', async () => {
    expect(await fetchSnapshot(url, answering(new Uint8Array(), 1, 404))).toEqual({ url, state: 'missing' });
    expect(await fetchSnapshot(url, answering(tables, 4096, 500))).toEqual({ url, state: 'failed' });
    const gz = new Uint8Array(gzipSync(tables));
    expect(await fetchSnapshot(url, answering(gz.slice(0, gz.length / 2), 4096))).toEqual({ url, state: 'failed' });
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await fetchSnapshot(url, offline)).toEqual({ url, state: 'failed' });
  });
});
