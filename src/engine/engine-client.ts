import * as Comlink from 'comlink';
import type { RunProgress } from '../analyses/contract';
import type { AnalysisRequest } from '../analyses/request';
import type { AnalysisResult } from './engine';
import type { EngineError, Outcome } from './engine-error';
import type { EngineWorkerApi, WorkerFileInput } from './engine.worker';
import { fetchSnapshot, fetchSnapshotIn, type FetchedSnapshot } from './hosted-snapshot';
import type { ProgressListener } from './load-progress';
import { breather } from './breather';
import { unpackResult } from './packed-rows';
import type { TabularOptions, TabularPreview } from '../ingest/tabular-preview';
import type { Result } from '../schema/problem';
import type { WorkspaceInfo } from './workspace-info';

export type { WorkerFileInput };

/** The page's time for a result's rows in one task before it answers input (the 50 ms rule, with room for drawing). */
const resultSliceMs = 8;

/**
 * A breather for making a result's rows, that lets a hidden page run on: the browser wakes a
 * hidden tab's timers about once a second, which would make a large result arrive a slice a second.
 */
function pauseWhileShown(): () => Promise<void> | null {
  const breathe = breather(resultSliceMs);
  return () => (typeof document !== 'undefined' && document.hidden ? null : breathe());
}

export interface EngineClientOptions {
  createWorker: () => Worker;
  /** A worker for fetchSnapshotIn; without one, a published snapshot is fetched on this thread. */
  createSnapshotWorker?: () => Worker;
  wasmUrl: string;
  /** How long the worker may leave a ping unanswered before it counts as hung. */
  hangAfterMs?: number;
  /**
   * The same while a workspace loads: one step of DuckDB's (sniffing a file of 5,000
   * columns, building a table) runs without a break in which to answer, so a load is judged
   * by its progress reports too, and over a longer span.
   */
  loadHangAfterMs?: number;
  pingEveryMs?: number;
  /**
   * Start the worker when it is first asked for something, or this many milliseconds after the
   * client is made, whichever comes first; absent: at once (see main.tsx for why a page waits).
   */
  startWithinMs?: number;
  /** `loadingFile`: the file a load was reading when the worker stopped. */
  onRestart?: (reason: RestartReason, loadingFile?: string) => void;
}

interface LastLoad {
  manifest: unknown;
  files: WorkerFileInput[];
  snapshot?: Blob | string;
}

const restarted: EngineError = { kind: 'engine', code: 'engine.restarted' };

/** Why the worker was restarted: a problem code (the UI may translate it). */
export type RestartReason = 'engine.crashed' | 'engine.hung';

/**
 * The page's handle on the engine worker: one request per panel at a time (a newer one
 * cancels the older), and a watchdog that restarts a dead or hung worker and reloads the
 * last workspace.
 */
export class EngineClient {
  private readonly options: EngineClientOptions;
  /** Null until the worker starts (see startWithinMs). */
  private spawned: { worker: Worker; api: Comlink.Remote<EngineWorkerApi>; started: Promise<Outcome<string>> } | null = null;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  /** Load requests so far: the order in which the worker installs what they load. */
  private loadRequests = 0;
  /** Loads cancelled before they reached the worker (while the page fetched their snapshot). */
  private readonly cancelledLoads = new Set<string>();
  private nextId = 0;
  private readonly inFlight = new Map<string, string>();
  private prefetching: string | null = null;
  private readonly activityListeners = new Set<() => void>();
  private readonly rejecters = new Set<(e: EngineError) => void>();
  private lastLoad: LastLoad | null = null;
  /**
   * Loads in progress while no workspace has loaded yet: a request made meanwhile waits for them
   * instead of finding no workspace (the app draws the answers kept with it until then).
   */
  private readonly firstLoads = new Set<Promise<unknown>>();
  private hasWorkspace = false;
  private loading: string | null = null;
  /** The file the load in progress last reported (or its first file), for a restart's message. */
  private loadingFile: string | null = null;
  private lastSign = Date.now();
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(options: EngineClientOptions) {
    this.options = options;
    if (options.startWithinMs === undefined) this.spawn();
    else this.startTimer = setTimeout(() => this.start(), options.startWithinMs);
  }

  /** Starts the worker if it has not started yet; whatever asks the engine for something does. */
  start(): void {
    if (this.spawned === null) this.spawn();
  }

  private get api(): Comlink.Remote<EngineWorkerApi> {
    this.start();
    return this.spawned!.api;
  }

  private get started(): Promise<Outcome<string>> {
    this.start();
    return this.spawned!.started;
  }

  private spawn(): void {
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    this.startTimer = null;
    const generation = ++this.generation;
    const worker = this.options.createWorker();
    worker.addEventListener('error', () => {
      if (generation === this.generation) this.restart('engine.crashed');
    });
    const api = Comlink.wrap<EngineWorkerApi>(worker);
    this.spawned = { worker, api, started: api.init(this.options.wasmUrl) };
    this.startWatchdog(generation);
  }

  private startWatchdog(generation: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    const hangAfterMs = this.options.hangAfterMs ?? 20_000;
    const loadHangAfterMs = this.options.loadHangAfterMs ?? 180_000;
    this.lastSign = Date.now();
    let pinging = false;
    this.watchdog = setInterval(() => {
      if (generation !== this.generation) return;
      if (Date.now() - this.lastSign > (this.loading ? loadHangAfterMs : hangAfterMs)) {
        this.restart('engine.hung');
        return;
      }
      if (pinging) return;
      pinging = true;
      void this.api.ping().then(() => {
        if (generation === this.generation) this.lastSign = Date.now();
        pinging = false;
      });
    }, this.options.pingEveryMs ?? 1000);
  }

  private restart(reason: RestartReason): void {
    this.spawned?.worker.terminate();
    const file = this.loading ? this.loadingFile : null;
    const error: EngineError = file === null ? restarted : { kind: 'engine', code: 'engine.restartedLoading', vars: { file } };
    for (const reject of this.rejecters) reject(error);
    this.rejecters.clear();
    this.inFlight.clear();
    this.loading = null;
    // The new worker has no workspace until the reload below: requests wait for it, as for a first load.
    this.hasWorkspace = false;
    this.spawn();
    this.options.onRestart?.(reason, file ?? undefined);
    if (this.lastLoad) void this.loadWorkspace(this.lastLoad.manifest, this.lastLoad.files, undefined, this.lastLoad.snapshot);
  }

  /** Resolves with the worker's answer, or with an error if the worker is restarted first. */
  private call<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    return new Promise((resolve) => {
      const reject = (error: EngineError) => resolve({ ok: false, error });
      this.rejecters.add(reject);
      work().then(
        (outcome) => {
          this.rejecters.delete(reject);
          resolve(outcome);
        },
        (e: unknown) => {
          this.rejecters.delete(reject);
          resolve({
            ok: false,
            error: { kind: 'engine', code: 'engine.failed', detail: e instanceof Error ? e.message : String(e) },
          });
        },
      );
    });
  }

  private fetchSnapshot(url: string): Promise<FetchedSnapshot> {
    const create = this.options.createSnapshotWorker;
    return create ? fetchSnapshotIn(create(), url) : fetchSnapshot(url);
  }

  ready(): Promise<Outcome<string>> {
    return this.started;
  }

  /** `snapshot`: the workspace's tables kept from an earlier load, restored instead of importing the files if it fits. */
  loadWorkspace(
    manifest: unknown,
    files: WorkerFileInput[],
    onProgress?: ProgressListener,
    snapshot?: Blob | string,
  ): Promise<Outcome<WorkspaceInfo>> {
    const id = `load-${++this.nextId}`;
    // Counted when asked: a request whose snapshot or files take longer to arrive is still the newer one.
    const order = ++this.loadRequests;
    this.loading = id;
    this.loadingFile = files.map((f) => f.path).join(', ');
    this.notifyActivity();
    const generation = this.generation;
    // Progress is a sign of life, and says which file a restart interrupted.
    const progress: ProgressListener = (p) => {
      if (generation !== this.generation) return;
      this.lastSign = Date.now();
      if (p.file !== undefined && this.loading === id) this.loadingFile = p.file;
      onProgress?.(p);
    };
    const load = this.call(async () => {
      // Not awaiting `started`: the worker fetches the files while DuckDB starts, and the page a
      // published snapshot (see fetchSnapshot).
      const handed = typeof snapshot === 'string' ? await this.fetchSnapshot(snapshot) : snapshot;
      if (this.cancelledLoads.delete(id)) return { ok: false, error: { kind: 'cancelled', code: 'engine.cancelled' } };
      // Its bytes move to the worker, not copied (Comlink.transfer takes objects only).
      const moved =
        handed && !(handed instanceof Blob) && handed.state === 'fetched'
          ? Comlink.transfer(handed, [handed.bytes.buffer])
          : handed;
      const outcome = await this.api.loadWorkspace(id, order, manifest, files, Comlink.proxy(progress), moved);
      if (outcome.ok) {
        this.lastLoad = { manifest, files, ...(snapshot && !outcome.value.snapshotProblem ? { snapshot } : {}) };
        this.hasWorkspace = true;
      }
      return outcome;
    }).finally(() => {
      this.cancelledLoads.delete(id);
      if (this.loading === id) this.loading = null;
      this.firstLoads.delete(load);
      this.notifyActivity();
    });
    if (!this.hasWorkspace) this.firstLoads.add(load);
    return load;
  }

  /**
   * The loaded workspace in another time zone: only the tables that depend on the zone are
   * rebuilt (see Engine.rezone); cancelled like a load. A restart reloads it in that zone.
   */
  rezone(timeZone: string, onProgress?: ProgressListener): Promise<Outcome<WorkspaceInfo>> {
    const id = `rezone-${++this.nextId}`;
    this.loading = id;
    const generation = this.generation;
    const progress: ProgressListener = (p) => {
      if (generation !== this.generation) return;
      this.lastSign = Date.now();
      onProgress?.(p);
    };
    return this.call(async () => {
      const outcome = await this.api.rezone(id, timeZone, Comlink.proxy(progress));
      const last = this.lastLoad;
      if (outcome.ok && last && typeof last.manifest === 'object' && last.manifest !== null) {
        // The kept snapshot is of the former zone: a restart imports the files in the new one.
        this.lastLoad = { manifest: { ...last.manifest, timeZone }, files: last.files };
      }
      return outcome;
    }).finally(() => {
      this.cancelledLoads.delete(id);
      if (this.loading === id) this.loading = null;
    });
  }

  /** The loaded workspace's tables as a snapshot, for the page to keep (see Engine.exportSnapshot). */
  exportSnapshot(): Promise<Outcome<Blob>> {
    const id = `snapshot-${++this.nextId}`;
    return this.call(() => this.api.exportSnapshot(id));
  }

  /** DuckDB-WASM alone reading a CSV file, in milliseconds: the benchmark's yardstick for an import (issue 12). */
  bareReadCsv(file: Blob): Promise<Outcome<number>> {
    const id = `bare-read-${++this.nextId}`;
    return this.call(() => this.api.bareReadCsv(id, file));
  }

  /** Stops the load in progress; the workspace loaded before stays. */
  cancelLoad(): void {
    if (!this.loading) return;
    this.cancelledLoads.add(this.loading);
    void this.api.cancel(this.loading);
  }

  /** Runs an analysis for a panel; a newer request from the same panel cancels this one. */
  run(panel: string, request: AnalysisRequest, onProgress?: (p: RunProgress) => void): Promise<Outcome<AnalysisResult>> {
    const previous = this.inFlight.get(panel);
    if (previous) void this.api.cancel(previous);
    const id = `${panel}-${++this.nextId}`;
    this.inFlight.set(panel, id);
    return this.call(async () => {
      const started = await this.started;
      if (!started.ok) return started;
      if (!this.hasWorkspace) await Promise.allSettled([...this.firstLoads]);
      const answer = this.api.run(id, request, onProgress ? Comlink.proxy(onProgress) : undefined);
      // Told once the request is on its way: a prefetch it cancels then reaches the worker after
      // it, so that the same answer under way is joined, not stopped (see Engine.prefetch).
      this.notifyActivity();
      const outcome = await answer;
      // A large result's rows are made in slices, the page answering between them (issue 10).
      return outcome.ok ? { ok: true, value: await unpackResult(outcome.value, pauseWhileShown()) } : outcome;
    }).finally(() => {
      if (this.inFlight.get(panel) === id) this.inFlight.delete(panel);
      this.notifyActivity();
    });
  }

  /** Whether a panel's request or a load is under way: what a prefetch gives way to (see IdlePrefetch). */
  get busy(): boolean {
    return this.inFlight.size > 0 || this.loading !== null;
  }

  /** Calls `listener` whenever a panel's request has been sent or has ended, or a load starts or ends. */
  onActivity(listener: () => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  private notifyActivity(): void {
    for (const listener of this.activityListeners) listener();
  }

  /**
   * Computes an answer ahead in the worker, kept there for when a panel asks for it (see
   * Engine.prefetch). One at a time: a new one cancels the one before.
   */
  prefetch(request: AnalysisRequest): Promise<Outcome<void>> {
    this.cancelPrefetch();
    const id = `prefetch-${++this.nextId}`;
    this.prefetching = id;
    return this.call(async (): Promise<Outcome<void>> => {
      const started = await this.started;
      if (!started.ok) return started;
      if (!this.hasWorkspace) return { ok: false, error: { kind: 'cancelled', code: 'engine.cancelled' } };
      return this.api.prefetch(id, request);
    }).finally(() => {
      if (this.prefetching === id) this.prefetching = null;
    });
  }

  /** Has the worker warm up for an import while it is idle (see Engine.warmUpWhenIdle), or stop. */
  warmUp(wanted = true): void {
    void this.started.then((started) => {
      if (started.ok) void this.api.warmUp(wanted);
    });
  }

  /** Stops the prefetch under way, if any. */
  cancelPrefetch(): void {
    if (this.prefetching) void this.api.cancel(this.prefetching);
  }

  /** Stops a panel's request in progress (a user's Cancel); its run ends as cancelled. */
  cancel(panel: string): void {
    const id = this.inFlight.get(panel);
    if (id) void this.api.cancel(id);
  }

  /** Converts the first rows of a JSON, NDJSON or xlsx file in the worker, for the preview. */
  async previewTabular(file: Blob, options: TabularOptions): Promise<Result<TabularPreview>> {
    const outcome = await this.call(() => this.api.previewTabular(file, options));
    return outcome.ok ? outcome : { ok: false, problem: outcome.error };
  }

  dispose(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    this.generation++;
    this.spawned?.worker.terminate();
  }
}
