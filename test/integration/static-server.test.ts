// The server of `npm start`, the e2e tests and the bench answers as common static hosts do:
// validators on every file (a revalidated response stays in the browser's cache, and with it
// V8's compiled DuckDB WebAssembly), and the hashed build assets cached for good.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';

describe('the static server', () => {
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'static-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'assets', 'duckdb-abc123.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    server = await startStaticServer({ root, base: '/sub/' });
  });
  afterAll(() => server.close());

  it('caches hashed assets for good and revalidates the rest', async () => {
    const asset = await fetch(`${server.url}assets/duckdb-abc123.wasm`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('application/wasm');
    const page = await fetch(server.url);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('last-modified')).not.toBeNull();
  });

  it('answers 304 without a body to a request that holds the current validator', async () => {
    const first = await fetch(server.url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(server.url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(server.url, { headers: { 'if-none-match': '"other"' } });
    expect(other.status).toBe(200);
  });
});
