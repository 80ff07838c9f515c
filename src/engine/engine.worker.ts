import * as Comlink from 'comlink';
import { BROWSER_RUNTIME, VoidLogger, createDuckDB } from 'duckdb-browser-blocking';
import type { RunProgress } from '../analyses/contract';
import { detachedCopy } from './detached-copy';
import type { FileSource } from './duckdb-session';
import { Engine } from './engine';
import { problem, type Problem } from '../schema/problem';
import { EngineFailure, inputFailure, outcomeOf, toOutcome, type Outcome } from './engine-error';
import type { FetchedSnapshot } from './hosted-snapshot';
import type { ProgressListener } from './load-progress';
import { buffersOf, packResult, type PackedResult } from './packed-rows';
import type { TabularOptions, TabularPreview } from '../ingest/tabular-preview';
import { previewTabular } from './tabular';
import type { WorkspaceInfo } from './workspace-info';

export type { TabularPreview };

/**
 * A workspace file as the page hands it over: a dropped File, or a same-origin URL. `stored`: the
 * Blob was read back from IndexedDB (see store/stored-blobs.ts).
 */
export type WorkerFileInput = { path: string; file: Blob; stored?: boolean } | { path: string; url: string };

async function toSource(input: WorkerFileInput): Promise<FileSource> {
  if ('file' in input) return { kind: 'file', file: input.stored ? await detachedCopy(input) : input.file };
  const response = await fetch(input.url);
  if (!response.ok) {
    throw inputFailure(problem('file.fetchFailed', { file: input.path, status: response.status }));
  }
  return { kind: 'bytes', bytes: new Uint8Array(await response.arrayBuffer()) };
}

const problemOf = ({ code, vars }: { code: string; vars?: Problem['vars'] }): Problem => (vars ? { code, vars } : { code });

/**
 * A snapshot as the page hands it over: one kept on this device, or one published beside a
 * hosted manifest, fetched and gunzipped by the page (see hosted-snapshot.ts). Null when none is
 * published: the files are imported without a word, as a server without the snapshot is an
 * ordinary one.
 */
async function toSnapshotSource(snapshot: Blob | FetchedSnapshot): Promise<{ source: FileSource; gunzipped: boolean } | null> {
  // Kept on this device: read whole, never sliced (see store/stored-blobs.ts). Restoring reads
  // every table at once anyway, to check them off the engine's thread.
  if (snapshot instanceof Blob)
    return { source: { kind: 'bytes', bytes: new Uint8Array(await snapshot.arrayBuffer()) }, gunzipped: false };
  if (snapshot.state === 'missing') return null;
  if (snapshot.state === 'failed') throw inputFailure(problem('snapshot.hosted', { file: new URL(snapshot.url).pathname }));
  return { source: { kind: 'bytes', bytes: snapshot.bytes }, gunzipped: snapshot.gunzipped };
}

/** What the page can ask of the engine worker (exposed with Comlink). */
export class EngineWorkerApi {
  private engine: Engine | null = null;
  private starting: Promise<Outcome<string>> | null = null;
  private readonly cancelledBeforeStart = new Set<string>();

  init(wasmUrl: string): Promise<Outcome<string>> {
    this.starting ??= outcomeOf(async () => {
      const bundle = { mainModule: wasmUrl, mainWorker: '' };
      const db = await createDuckDB({ mvp: bundle, eh: bundle }, new VoidLogger(), BROWSER_RUNTIME);
      await db.instantiate(() => {});
      db.open({});
      this.engine = new Engine(db);
      return db.getVersion();
    });
    return this.starting;
  }

  ping(): string {
    return 'pong';
  }

  private get ready(): Engine {
    if (!this.engine) throw new EngineFailure({ kind: 'engine', code: 'engine.notStarted' });
    return this.engine;
  }

  /**
   * Loads a workspace from its files, or, given a snapshot of its tables (kept from an earlier
   * load, or one published with a hosted manifest, as the page fetched it), restores those; a snapshot that
   * cannot be used (another version or manifest, damaged) is said in the result's
   * `snapshotProblem`, and the files are imported instead. `order`: the page's count of its load
   * requests, so that the newer request wins even when it reaches the worker first (the page
   * fetches a published snapshot before handing it over).
   */
  async loadWorkspace(
    requestId: string,
    order: number,
    manifest: unknown,
    files: WorkerFileInput[],
    onProgress?: ProgressListener,
    snapshot?: Blob | FetchedSnapshot,
  ): Promise<Outcome<WorkspaceInfo>> {
    let snapshotProblem: Problem | null = null;
    const source = snapshot === undefined ? null : await outcomeOf(() => toSnapshotSource(snapshot));
    if (source && !source.ok) snapshotProblem = problemOf(source.error);
    if (source?.ok && source.value) {
      const started = await this.starting;
      if (started && !started.ok) return started;
      // Gunzip checked the bytes (CRC-32 and length): they need no second check by SHA-256.
      const { source: bytes, gunzipped } = source.value;
      const opened = await this.ready.openSnapshot(requestId, manifest, bytes, order, gunzipped ? 'skip' : 'check');
      const hosted = snapshot instanceof Blob ? null : snapshot;
      if (opened.ok) return hosted ? { ok: true, value: { ...opened.value, hostedTables: true } } : opened;
      if (opened.error.kind === 'cancelled') return opened;
      snapshotProblem = hosted ? problem('snapshot.hosted', { file: new URL(hosted.url).pathname }) : problemOf(opened.error);
    }
    const sources = await outcomeOf(async () => {
      const map = new Map<string, FileSource>();
      for (const f of files) map.set(f.path, await toSource(f));
      return map;
    });
    if (!sources.ok) return sources;
    // Files are fetched while DuckDB is still starting; only the load itself waits for it.
    const started = await this.starting;
    if (started && !started.ok) return started;
    if (this.cancelledBeforeStart.delete(requestId)) return { ok: false, error: { kind: 'cancelled', code: 'engine.cancelled' } };
    const loaded = await this.ready.loadWorkspace(requestId, manifest, sources.value, onProgress, order);
    return loaded.ok && snapshotProblem ? { ok: true, value: { ...loaded.value, snapshotProblem } } : loaded;
  }

  /** The loaded workspace's tables as a snapshot to keep (see workspace-snapshot.ts). */
  exportSnapshot(requestId: string): Promise<Outcome<Blob>> {
    return this.ready.exportSnapshot(requestId);
  }

  /** The loaded workspace in another time zone, without importing its files again. */
  rezone(requestId: string, timeZone: string, onProgress?: ProgressListener): Promise<Outcome<WorkspaceInfo>> {
    return this.ready.rezone(requestId, timeZone, onProgress);
  }

  /**
   * Runs an analysis request (checked in the engine); progress of long runs goes to `onProgress`.
   * The result's rows cross packed by column (see packed-rows.ts).
   */
  async run(requestId: string, request: unknown, onProgress?: (p: RunProgress) => void): Promise<Outcome<PackedResult>> {
    const outcome = await this.ready.run(requestId, request, onProgress);
    if (!outcome.ok) return outcome;
    const value = packResult(outcome.value);
    return Comlink.transfer({ ok: true, value }, buffersOf(value));
  }

  /** Warms the engine up for an import once it is idle (see Engine.warmUpWhenIdle), or stops that. */
  warmUp(wanted: boolean): void {
    if (wanted) this.engine?.warmUpWhenIdle();
    else this.engine?.stopWarmUp();
  }

  /** Computes an answer ahead, kept in the worker for when a panel asks (see Engine.prefetch). */
  prefetch(requestId: string, request: unknown): Promise<Outcome<void>> {
    return this.ready.prefetch(requestId, request);
  }

  /** The first rows of a JSON, NDJSON or xlsx file as CSV bytes, for the import preview. */
  async previewTabular(file: Blob, options: TabularOptions): Promise<Outcome<TabularPreview>> {
    return toOutcome(await previewTabular(file, options));
  }

  /** DuckDB-WASM alone reading a CSV file (see Engine.bareReadCsv): the benchmark's yardstick for an import. */
  async bareReadCsv(requestId: string, file: Blob): Promise<Outcome<number>> {
    const started = await this.starting;
    if (started && !started.ok) return started;
    return this.ready.bareReadCsv(requestId, { kind: 'file', file });
  }

  cancel(requestId: string): void {
    if (this.engine) this.engine.cancel(requestId);
    else this.cancelledBeforeStart.add(requestId);
  }
}

Comlink.expose(new EngineWorkerApi());
