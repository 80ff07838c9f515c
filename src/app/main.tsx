import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { EngineClient } from '../engine/engine-client';
import { opensOnKeptAnswers } from '../ui/workspace/opens-on-kept-answers';

const params = new URLSearchParams(location.search);
// `?bench` exposes the engine client to the benchmark's page.evaluate and opens no workspace
// by itself, so that nothing else runs while the benchmark measures (see bench/bench.test.ts).
const benchMode = params.has('bench');

// The engine worker starts before the app's own code is loaded and parsed: starting DuckDB
// (compiling its WebAssembly) is the longest step of the first screen (issue 12). Unless the
// page opens on answers kept on this device in the clear: then it starts when the opening asks for
// it, right after they are read (or within 2 s at the latest), for on two cores the compile held
// up the page: a 1M-event reopen's first chart came in 1.1-1.5 s instead of 2.0-2.7 s, the
// engine's own chart no later. An encrypted store's engine starts at once, while its prompt
// waits for the passphrase.
const deferStart = !benchMode && !params.has('workspace') && opensOnKeptAnswers();
const client = new EngineClient({
  createWorker: () => new Worker(new URL('../engine/engine.worker.ts', import.meta.url), { type: 'module' }),
  createSnapshotWorker: () => new Worker(new URL('../engine/snapshot-fetch.worker.ts', import.meta.url), { type: 'module' }),
  // Resolved here: a worker resolves relative URLs against its own script, not the page.
  wasmUrl: new URL(wasmUrl, document.baseURI).href,
  onRestart: (reason) => console.warn(`engine restarted: ${reason}`),
  ...(deferStart ? { startWithinMs: 2000 } : {}),
});

if (benchMode) {
  (window as unknown as { strataEngine: EngineClient }).strataEngine = client;
}

// This module's file name names the build: its hash covers every file it loads (the worker's,
// the app's), so answers kept by another build are never drawn (ui/workspace/kept-answers.ts).
// The dev server's names carry no hash: there no answers are drawn from one page load to the next.
const build = import.meta.env.DEV ? `dev ${Date.now()}` : (new URL(import.meta.url).pathname.split('/').pop() ?? '');

void import('./root').then(({ renderApp }) => renderApp(client, benchMode, build));
