import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { rowsInRange } from '../analyses/rows-in-range';
import { validateManifest } from '../ingest/manifest';
import type { RunContext, RunOutput, RunProgress } from '../analyses/contract';
import { validateRequest, type CheckedRequest } from '../analyses/request';
import { scopeTables, withinScope } from '../analyses/scope';
import { effectiveScope, type DataBounds } from '../analyses/effective-scope';
import { offsetSpans, type OffsetSpan } from '../schema/time-zone';
import { DuckDBSession, type CancelToken, type WaitClock, type FileSource } from './duckdb-session';
import { SharedRuns } from './shared-runs';
import { StepTables } from './step-tables';
import { ResultCache } from './result-cache';
import { EngineFailure, engineError, inputFailure, outcomeOf, type Outcome } from './engine-error';
import type { Row } from './to-rows';
import type { WorkspaceInfo } from './workspace-info';
import type { ProgressListener } from './load-progress';
import { sizeLimitAsInput, WorkspaceLoader } from './workspace-loader';
import { buildZonedTables, laterZonedTables, zonedViewQueries, type ZoneSources } from './zoned-tables';
import { isValidTimeZone } from '../schema/time-zone';
import { problem } from '../schema/problem';
import { ident, sql } from '../sql';
import {
  manifestKey,
  readSnapshotHeader,
  restoreOrder,
  sha256Hex,
  snapshotParts,
  workspaceTable,
  workspaceTablesQuery,
  type SnapshotTablePart,
} from './workspace-snapshot';
import { bytesOf, sizeOf } from './file-source';
import { BackgroundTables, type BackgroundStep } from './background-tables';
import { IdleWarmUp } from './idle-warm-up';
import { warmUp } from './warm-up';
import { restoreSteps, restoreTable, verifiedStreams } from './snapshot-restore';
import { compressAboveBytes, estimatedTextBytes, workspaceStorage, type WorkspaceStorage } from './workspace-storage';
import { isoDayOrNull } from '../schema/iso-day';

export interface AnalysisResult extends RunOutput {
  /** Every statement the run executed, in order; `sql` joins them for Show SQL. */
  statements: string[];
  sql: string;
  /** The run's time in the engine, less what its statements waited for (see WaitClock). */
  ms: number;
}

interface LoadedWorkspace {
  storage: WorkspaceStorage;
  /** Which load request it came from, in the order requests were made. */
  order: number;
  info: WorkspaceInfo;
  session: DuckDBSession;
  zoned: ZoneSources;
  /** Steps shared between requests (see SharedRuns); a new zone starts with none. */
  shared: SharedRuns;
  /** The manifest it was loaded from, as a snapshot records it. */
  manifestKey: string;
  /** The tables still being made (restored, or built after an import), which statements wait for. */
  background?: BackgroundTables;
  /** Shared steps kept as tables (RunContext.table); a new zone makes them again. */
  stepTables: StepTables;
}

/**
 * The workspace zone's UTC offsets over the data's days (padded by offsetSpans): what scoped
 * tables rebuilt from events (event filters) need to find each event's local day.
 */
function dataSpans(info: WorkspaceInfo): OffsetSpan[] {
  if (info.firstDay === null || info.lastDay === null) return [];
  return offsetSpans(info.timeZone, info.firstDay, info.lastDay + 86_400_000);
}

/** How long the engine is idle before it warms up (see warmUpWhenIdle). */
const warmUpIdleMs = 300;

/**
 * The typed domain API over one DuckDB-WASM instance: open a workspace, run an analysis
 * spec, cancel. Each workspace lives in its own schema; a new one replaces the old only
 * once it has loaded completely.
 */
export class Engine {
  private readonly db: DuckDBBindings;
  private current: LoadedWorkspace | null = null;
  private loadCount = 0;
  private readonly tokens = new Map<string, CancelToken>();
  private readonly cancelledEarly = new Set<string>();
  // By workspace object: a new workspace, or a new zone (a new object), starts afresh.
  private readonly bounds = new WeakMap<LoadedWorkspace, Promise<DataBounds>>();
  private readonly results = new WeakMap<LoadedWorkspace, ResultCache>();
  private readonly answering = new WeakMap<LoadedWorkspace, SharedRuns>();

  private readonly compressAbove: number;
  private warmUp: IdleWarmUp | undefined;

  /** `compressAboveBytes`: inputs larger than this are stored compressed (see WorkspaceStorage). */
  constructor(db: DuckDBBindings, options: { compressAboveBytes?: number } = {}) {
    this.db = db;
    this.compressAbove = options.compressAboveBytes ?? compressAboveBytes;
  }

  get workspace(): WorkspaceInfo | null {
    return this.current?.info ?? null;
  }

  cancel(requestId: string): void {
    const token = this.tokens.get(requestId);
    if (token) {
      token.cancelled = true;
      return;
    }
    // A load can be cancelled while its files are still being fetched, before it is tracked.
    this.cancelledEarly.add(requestId);
    if (this.cancelledEarly.size > 64) this.cancelledEarly.delete(this.cancelledEarly.values().next().value!);
  }

  private track<T>(requestId: string, work: (token: CancelToken) => Promise<T>): Promise<Outcome<T>> {
    const token: CancelToken = { cancelled: this.cancelledEarly.delete(requestId) };
    this.tokens.set(requestId, token);
    this.warmUp?.requestStarted();
    return outcomeOf(() => work(token)).finally(() => {
      this.tokens.delete(requestId);
      this.warmUp?.requestEnded();
    });
  }

  /**
   * Imports a small made-up file once the engine is idle, again after each request that stops
   * it, until that has once run to its end (see warm-up.ts): the user's own import then runs on
   * optimised code. Asked for where an import is likely (the Data page), not at every start: on
   * an analysis page a click could meet it, and wait for the slice of it under way.
   */
  warmUpWhenIdle(afterMs = warmUpIdleMs): IdleWarmUp {
    this.warmUp ??= new IdleWarmUp(async (token) => {
      // After the tables still being made: they are the user's.
      await this.current?.background?.done.catch(() => undefined);
      if (!token.cancelled) await warmUp(this.db, token);
    }, afterMs);
    this.warmUp.watch();
    return this.warmUp;
  }

  /** Stops warming up: an import is on its way, and would share the engine with it. */
  stopWarmUp(): void {
    this.warmUp?.unwatch();
  }

  loadWorkspace(
    requestId: string,
    manifestInput: unknown,
    sources: ReadonlyMap<string, FileSource>,
    onProgress?: ProgressListener,
    requestOrder?: number,
  ): Promise<Outcome<WorkspaceInfo>> {
    return this.track(requestId, async (token) => {
      const manifest = validateManifest(manifestInput);
      if (!manifest.ok) throw inputFailure(manifest.problem);
      const sequence = ++this.loadCount;
      // Requests can reach this point out of order (the worker fetches files first), so the
      // caller may say which was made first; a later request is a newer workspace.
      const order = requestOrder ?? sequence;
      const storage = workspaceStorage(`ws_${sequence}`, estimatedTextBytes(sources) > this.compressAbove);
      const admin = DuckDBSession.open(this.db);
      await admin.query(storage.create);
      const session = DuckDBSession.open(this.db, storage.use);
      const loader = new WorkspaceLoader(session, storage.name, token, onProgress);
      try {
        const info = await loader.load(manifest.value, sources);
        const zoned = loader.zoneSources;
        if (!zoned) throw new EngineFailure({ kind: 'engine', code: 'engine.failed' });
        const next: LoadedWorkspace = {
          storage,
          info,
          session,
          order,
          zoned,
          shared: new SharedRuns(),
          manifestKey: manifestKey(manifest.value),
          stepTables: new StepTables(),
        };
        const wanted = () => this.current === next;
        const steps = laterZonedTables(zoned, info.timeZone).map((t) =>
          this.builtLater(next, t.name, t.query.text, wanted, (e) => sizeLimitAsInput(e, manifest.value)),
        );
        next.background = new BackgroundTables(steps, wanted);
        // The page asks for its charts as soon as the workspace is in: as after any analysis,
        // the tables still to make wait a moment (resumeAfterMs), so that those come first.
        next.background.hold()();
        await this.install(next, admin);
        return info;
      } catch (e) {
        session.close();
        loader.releaseFiles();
        await admin.query(storage.drop);
        throw e;
      } finally {
        admin.close();
      }
    });
  }

  /**
   * A table an import builds after the workspace is in use, on a connection of its own: its
   * query pauses between execution steps while analyses run on the workspace's connection, and
   * stops once the workspace is replaced.
   */
  private builtLater(
    workspace: LoadedWorkspace,
    name: string,
    text: string,
    wanted: () => boolean,
    asProblem: (e: unknown) => unknown,
  ): BackgroundStep {
    return {
      name,
      make: async (between) => {
        const session = DuckDBSession.open(this.db, workspace.storage.use);
        // Stopped, `between` throws: the query is cancelled instead, so that it ends cleanly.
        const token: CancelToken = {
          get cancelled() {
            return !wanted() || workspace.background?.going === false;
          },
          between: () => between().catch(() => undefined),
        };
        try {
          await session.query(text, token);
        } catch (e) {
          // The statements that wait for the table get it, said as the load would have said it.
          throw asProblem(e);
        } finally {
          session.close();
        }
      },
    };
  }

  /** Makes a loaded workspace the current one, unless a newer one is already in place. */
  private async install(next: LoadedWorkspace, admin: DuckDBSession): Promise<void> {
    // Loads interleave; a newer workspace that is already in place wins over this one.
    if (this.current && this.current.order > next.order) {
      throw new EngineFailure({ kind: 'cancelled', code: 'engine.superseded' });
    }
    const previous = this.current;
    this.current = next;
    if (previous) {
      // Its tables are dropped next: what it still makes in the background stops first.
      await previous.background?.stop();
      previous.session.close();
      await admin.query(previous.storage.drop);
    }
  }

  /**
   * Opens a workspace from a snapshot of its tables (see workspace-snapshot.ts) instead of
   * importing its files: each table is restored from its Arrow stream, and the views over them
   * made again. Fails with a `snapshot.*` problem when the snapshot is not one of this version
   * and manifest, or is damaged; the workspace in place is then untouched. `digests`: whether
   * each table's SHA-256 is checked (see verifiedStreams).
   */
  openSnapshot(
    requestId: string,
    manifestInput: unknown,
    snapshot: FileSource,
    requestOrder?: number,
    digests: 'check' | 'skip' = 'check',
  ): Promise<Outcome<WorkspaceInfo>> {
    return this.track(requestId, async (token) => {
      const manifest = validateManifest(manifestInput);
      if (!manifest.ok) throw inputFailure(manifest.problem);
      const started = performance.now();
      const read = (start: number, end: number) => bytesOf(snapshot, start, end);
      const found = await readSnapshotHeader(read, sizeOf(snapshot), manifest.value);
      if (!found.ok) throw inputFailure(found.problem);
      const { header, tablesAt } = found;
      const sequence = ++this.loadCount;
      const order = requestOrder ?? sequence;
      const storage = workspaceStorage(`ws_${sequence}`, header.compressed);
      const admin = DuckDBSession.open(this.db);
      await admin.query(storage.create);
      const session = DuckDBSession.open(this.db, storage.use);
      try {
        const streams = verifiedStreams(header.tables, read, tablesAt, digests);
        // The tables of per-user-per-day events and the stages (millions of rows) come after
        // the workspace is in use; the Overview's first chart does not read them.
        const later = new Set(['user_day_event', 'identity', ...header.zoned.eventStages]);
        const schema = storage.compressed ? 'main' : storage.name;
        for (const table of header.tables.filter((t) => !later.has(t.name))) {
          await restoreTable(session, schema, table, await streams.stream(table.name));
          if (token.cancelled) throw new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' });
        }
        // Never half-loaded: the workspace is in use only once every table is known to be whole.
        await streams.all;
        const views = zonedViewQueries(header.zoned, header.info.timeZone);
        const info: WorkspaceInfo = { ...header.info, openedMs: Math.round(performance.now() - started) };
        const next: LoadedWorkspace = {
          storage,
          info,
          session,
          order,
          zoned: header.zoned,
          shared: new SharedRuns(),
          manifestKey: header.manifest,
          stepTables: new StepTables(),
        };
        const rest = await Promise.all(
          header.tables
            .filter((t) => later.has(t.name))
            .map(async (table) => ({ table, stream: await streams.stream(table.name) })),
        );
        next.background = new BackgroundTables(restoreSteps(session, schema, rest, views), () => this.current === next);
        await this.install(next, admin);
        return info;
      } catch (e) {
        session.close();
        await admin.query(storage.drop);
        throw e;
      } finally {
        admin.close();
      }
    });
  }

  /**
   * The loaded workspace's tables as a snapshot (see workspace-snapshot.ts), for the page to
   * keep beside its files. Each table is read on a connection of its own, so analyses run in
   * between; each becomes a Blob as soon as it is read, so the browser may keep it off the heap.
   */
  exportSnapshot(requestId: string): Promise<Outcome<Blob>> {
    return this.track(requestId, async (token) => {
      const current = this.current;
      if (!current) throw new EngineFailure(engineError('input', { code: 'engine.noWorkspace' }));
      await current.background?.done;
      // Replaced meanwhile: its tables are being dropped, and the snapshot would be of another workspace.
      if (this.current !== current) throw new EngineFailure({ kind: 'cancelled', code: 'engine.superseded' });
      const session = DuckDBSession.open(this.db);
      try {
        const names = (await session.query(workspaceTablesQuery(current.storage).text, token)).map((r) => String(r.table_name));
        const tables: SnapshotTablePart[] = [];
        for (const name of restoreOrder(names)) {
          const stream = await session.arrowStream(sql`SELECT * FROM ${workspaceTable(current.storage, name)}`.text, token);
          const data = new Blob(stream as BlobPart[]);
          const parts = stream.map((part) => part.length);
          tables.push({ name, data, sha256: await sha256Hex(await data.arrayBuffer()), parts });
        }
        // What this opening was (restored, rezoned, a snapshot refused) is not the snapshot's.
        const { openedMs: _opened, rezonedMs: _rezoned, snapshotProblem: _problem, ...info } = current.info;
        const header = {
          manifest: current.manifestKey,
          info,
          zoned: current.zoned,
          compressed: current.storage.compressed,
        };
        return new Blob(snapshotParts(header, tables));
      } finally {
        session.close();
      }
    });
  }

  /**
   * The loaded workspace in another time zone: the stage tables stay as imported, and only what
   * depends on the zone (the events views, users and the per-user-per-day tables) is rebuilt,
   * in one transaction on a connection of its own, so that analyses see the old tables until it
   * commits and a failure or a cancel leaves them as they were. Fails with `rezone.reimport`
   * when the import itself depended on the zone (same-day purchases merged by day).
   */
  rezone(requestId: string, timeZone: string, onProgress?: ProgressListener): Promise<Outcome<WorkspaceInfo>> {
    return this.track(requestId, async (token) => {
      const current = this.current;
      if (!current) throw new EngineFailure(engineError('input', { code: 'engine.noWorkspace' }));
      if (!isValidTimeZone(timeZone)) throw inputFailure(problem('manifest.badTimeZone', { value: JSON.stringify(timeZone) }));
      if (current.zoned.mergedByDay) throw inputFailure(problem('rezone.reimport'));
      // Every table is built again below, so one that failed in the background is made whole here.
      await current.background?.done.catch(() => undefined);
      const started = performance.now();
      const session = DuckDBSession.open(this.db, current.storage.use);
      const run = (q: { text: string }) => session.query(q.text, token);
      try {
        await session.query('BEGIN TRANSACTION');
        await buildZonedTables(run, current.zoned, timeZone, () =>
          onProgress?.({ phase: 'derive', fileCount: current.info.files.length }),
        );
        const [days] = await run(sql`SELECT min(day) AS first_day, max(day) AS last_day FROM activity`);
        await session.query('COMMIT');
        const day = (v: unknown) => (typeof v === 'number' ? v : null);
        const info: WorkspaceInfo = {
          ...current.info,
          timeZone,
          firstDay: day(days?.first_day),
          lastDay: day(days?.last_day),
          rezonedMs: Math.round(performance.now() - started),
        };
        // A load that finished meanwhile replaced the workspace this was built for.
        // The manifest it stands for now has this zone (a snapshot taken from here records it).
        const manifestKey = JSON.stringify({ ...(JSON.parse(current.manifestKey) as object), timeZone });
        if (this.current === current)
          this.current = {
            ...current,
            info,
            shared: new SharedRuns(),
            stepTables: current.stepTables.renewed(),
            manifestKey,
            background: undefined,
          };
        return info;
      } catch (e) {
        await session.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        session.close();
      }
    });
  }

  /**
   * Runs an analysis request: checked at the door (it may come from a URL, storage or an
   * imported report), narrowed by its scope, then the analysis's own run, which may be
   * several queries and computation in between; every statement it ran is returned.
   */
  run(requestId: string, request: unknown, onProgress?: (p: RunProgress) => void): Promise<Outcome<AnalysisResult>> {
    return this.track(requestId, async (token) => {
      const current = this.current;
      if (!current) throw new EngineFailure(engineError('input', { code: 'engine.noWorkspace' }));
      const checked = validateRequest(request);
      if (!checked.ok) throw new EngineFailure(engineError('input', checked.problem));
      // The tables still being made wait while this runs (unless it reads one of them).
      const release = current.background?.hold();
      try {
        return await this.runChecked(current, checked.value, token, onProgress);
      } finally {
        release?.();
      }
    });
  }

  /**
   * Computes a request's answer ahead of a panel asking for it (see ui/workspace/idle-prefetch.ts),
   * and keeps it as any answer is kept: only once the workspace's tables are all made, for it must
   * not slow what the user asked for. A panel that asks meanwhile joins it; cancelled, it stops.
   */
  prefetch(requestId: string, request: unknown): Promise<Outcome<void>> {
    return this.track(requestId, async (token) => {
      const current = this.current;
      if (!current) throw new EngineFailure(engineError('input', { code: 'engine.noWorkspace' }));
      const checked = validateRequest(request);
      if (!checked.ok) throw new EngineFailure(engineError('input', checked.problem));
      await current.background?.done.catch(() => undefined);
      if (token.cancelled || this.current !== current)
        throw new EngineFailure(engineError('cancelled', { code: 'engine.cancelled' }));
      await this.runChecked(current, checked.value, token, undefined);
    });
  }

  private async runChecked(
    current: LoadedWorkspace,
    checked: CheckedRequest,
    token: CancelToken,
    onProgress: ((p: RunProgress) => void) | undefined,
  ): Promise<AnalysisResult> {
    const effective = effectiveScope(checked.scope, await this.boundsOf(current));
    // The panel's "(N ms)" beside Show SQL is this answer's time, less the time its statements
    // waited for other panels' on the one connection, or for tables still being made.
    const started = performance.now();
    let waitedMs = 0;
    const scopeKey = JSON.stringify(effective);
    const scope = scopeTables(effective, current.storage.name, dataSpans(current.info));
    const statements: string[] = [];
    // A statement of the analysis: after the tables it reads that are still being made, and
    // with the background steps held while it runs.
    const runOnWorkspace = async (text: string, cancel: CancelToken, progress: (p: RunProgress) => void, waited: WaitClock) => {
      const names = current.session.tableNames(text);
      if (current.background?.awaits(names)) {
        progress({ step: 'prepare' });
        const asked = performance.now();
        await current.background.ready(names);
        waited(performance.now() - asked);
        progress({ step: 'query' });
      }
      const run = () => current.session.query(text, cancel, waited);
      return current.background ? current.background.running(run) : run();
    };
    const contextOf = (
      into: string[],
      cancel: CancelToken,
      progress: (p: RunProgress) => void,
      waited: WaitClock,
    ): RunContext => ({
      query: async (statement) => {
        const text = withinScope(statement, scope).text;
        into.push(text);
        return runOnWorkspace(text, cancel, progress, waited);
      },
      progress,
      yield: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancel.cancelled) throw new EngineFailure(engineError('cancelled', { code: 'engine.cancelled' }));
      },
      memo: async <T>(key: string, compute: (ctx: RunContext) => Promise<T>) => {
        // Shared only within one scope: a segment or filter changes every number.
        const shared = await current.shared.get(`${scopeKey}|${key}`, { token: cancel, progress }, (work) =>
          compute(contextOf(work.statements, work.token, work.progress, work.waited)),
        );
        waited(shared.waitedMs);
        into.push(`-- shared step: ${key.replace(/\s+/g, ' ')}`, ...shared.statements);
        return shared.value;
      },
      table: async (key, select) => {
        const name = current.stepTables.nameOf(`${scopeKey}|${key}`);
        const shared = await current.stepTables.runs.get(`${scopeKey}|${key}`, { token: cancel, progress }, async (work) => {
          const text = sql`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${withinScope(select, scope)}`.text;
          work.statements.push(text);
          await runOnWorkspace(text, work.token, work.progress, work.waited);
        });
        waited(shared.waitedMs);
        into.push(`-- shared step: ${key.replace(/\s+/g, ' ')}`, ...shared.statements);
        return ident(name);
      },
    });
    const results = this.resultsOf(current);
    const resultKey = `${checked.kind}|${JSON.stringify(checked.spec)}|${scopeKey}`;
    const cached = results.get(resultKey);
    let output: RunOutput;
    if (cached) {
      output = cached.output;
      statements.push('-- the answer of an earlier run of the same request, on the same data', ...cached.statements);
    } else {
      // The same request under way (asked ahead by a prefetch, or by another panel) is joined.
      const answered = await this.answeringOf(current).get(
        resultKey,
        { token, progress: (p) => onProgress?.(p) },
        async (work) => {
          const value = await checked.definition.run(
            checked.spec,
            contextOf(work.statements, work.token, work.progress, work.waited),
          );
          results.set(resultKey, { output: value, statements: [...work.statements] });
          return value;
        },
      );
      output = answered.value;
      statements.push(...answered.statements);
      waitedMs += answered.waitedMs;
    }
    const ms = Math.max(0, performance.now() - started - waitedMs);
    const { rowsFrom, definition } = checked;
    if (rowsFrom !== null && definition.range) {
      const rows = rowsInRange(output.rows, definition.range, rowsFrom, checked.spec);
      statements.push(`-- date range from ${rowsFrom}: earlier rows of ${definition.range.column} are not shown`);
      return { ...output, rows, statements, sql: statements.join(';\n\n'), ms };
    }
    return { ...output, statements, sql: statements.join(';\n\n'), ms };
  }

  /** The days the workspace's data spans, read once per workspace (see effectiveScope). */
  private boundsOf(workspace: LoadedWorkspace): Promise<DataBounds> {
    let bounds = this.bounds.get(workspace);
    if (!bounds) {
      const text = 'SELECT max(created_day) AS last_created FROM user_created';
      bounds = (async () => {
        await workspace.background?.ready(workspace.session.tableNames(text));
        const [row] = await workspace.session.query(text);
        return {
          firstDay: isoDayOrNull(workspace.info.firstDay),
          lastDay: isoDayOrNull(workspace.info.lastDay),
          lastCreatedDay: isoDayOrNull(row?.last_created),
        };
      })();
      bounds.catch(() => this.bounds.delete(workspace));
      this.bounds.set(workspace, bounds);
    }
    return bounds;
  }

  /** The answers of a workspace being computed now, shared by whoever asks the same meanwhile. */
  private answeringOf(workspace: LoadedWorkspace): SharedRuns {
    let answering = this.answering.get(workspace);
    if (!answering) {
      answering = new SharedRuns(64, { keepSettled: false });
      this.answering.set(workspace, answering);
    }
    return answering;
  }

  private resultsOf(workspace: LoadedWorkspace): ResultCache {
    let results = this.results.get(workspace);
    if (!results) {
      results = new ResultCache();
      this.results.set(workspace, results);
    }
    return results;
  }

  /**
   * DuckDB-WASM alone reading a CSV file into a table (read_csv, sniffing it itself), on a
   * connection of its own, the table dropped after: the in-tab limit an import is measured
   * against (issue 12, `npm run bench`). The milliseconds the statement took.
   */
  bareReadCsv(requestId: string, source: FileSource): Promise<Outcome<number>> {
    return this.track(requestId, async (token) => {
      const session = DuckDBSession.open(this.db);
      const name = 'bare_read.csv';
      try {
        await session.registerFile(name, source);
        const started = performance.now();
        await session.query(`CREATE TEMP TABLE bare_read AS SELECT * FROM read_csv('${name}')`, token);
        const ms = performance.now() - started;
        await session.query('DROP TABLE bare_read');
        return ms;
      } finally {
        session.close();
        session.dropFile(name);
      }
    });
  }

  /** Raw SQL for tests and benchmarks (the UI only runs specs). */
  sql(text: string, requestId = 'sql'): Promise<Outcome<Row[]>> {
    return this.track(requestId, async (token) => {
      const current = this.current;
      if (!current) throw new EngineFailure({ kind: 'input', code: 'engine.noWorkspace' });
      await current.background?.ready(current.session.tableNames(text));
      return current.session.query(text, token);
    });
  }
}
