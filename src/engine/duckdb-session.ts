import { RecordBatchReader, Table } from 'apache-arrow';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { breather } from './breather';
import { EngineFailure } from './engine-error';
import { toRows, type Row } from './to-rows';

/** Set by whoever wants a running query stopped; checked between execution steps. */
export interface CancelToken {
  cancelled: boolean;
  /** Awaited between execution steps: where a query made in the background waits while analyses run. */
  between?: () => Promise<void>;
}

/**
 * Told how long a statement waited: for the connection (other statements before it), and
 * between its execution steps while other work ran on the worker's thread.
 */
export type WaitClock = (ms: number) => void;

/** A file the engine can read: bytes in memory, or a browser File read on demand. */
export type FileSource = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'file'; file: Blob };

// The protocol numbers of DuckDBDataProtocol, kept here so this module stays free of the
// environment-specific duckdb-wasm entry points (browser worker vs. Node tests).
const browserFileReaderProtocol = 2;

/** What the load path needs of a connection (DuckDB-WASM here; native DuckDB in the benchmark). */
export interface SqlSession {
  query(text: string, token?: CancelToken, waited?: WaitClock): Promise<Row[]>;
  registerFile(name: string, source: FileSource): Promise<void>;
  dropFile(name: string): void;
}

/** The Arrow IPC stream's end marker (continuation token, zero length). */
const endOfStream = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Runs a synchronous call and tells `took` how long it took. */
function timed<T>(took: ((ms: number) => void) | undefined, call: () => T): T {
  if (!took) return call();
  const began = performance.now();
  try {
    return call();
  } finally {
    took(performance.now() - began);
  }
}

const cancelled = (sql: string) => new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled', sql });

/**
 * Lets queued messages (a cancel, a ping) run between execution steps of a query. A timer,
 * not a MessageChannel: Node drains a port's messages before its timers, which would starve
 * them. DuckDB runs a pending query in slices of about 100 ms, so the clamp does not matter.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Between statements too: starting one parses, binds and plans it in one synchronous call (a
 * CSV's sniffing is its bind: 650 ms in Chromium for a 110 MB file), and a statement that is
 * ready at once never polls, so a load's statements ran back to back for over a second without
 * a cancel getting through (issue 13, bug 6). One worker thread: one breather for every session.
 */
const betweenStatements = breather();

/**
 * One DuckDB-WASM connection driven through pending queries, so that a long query yields
 * to the event loop between steps and can be cancelled. Works the same in the browser
 * worker and under Node (tests and benchmarks use the very same engine).
 */
export class DuckDBSession implements SqlSession {
  private readonly db: DuckDBBindings;
  private readonly conn: number;
  private busy: Promise<unknown> = Promise.resolve();

  private constructor(db: DuckDBBindings, conn: number) {
    this.db = db;
    this.conn = conn;
  }

  /** Connects and turns off extension downloads so a missing feature is a clean error. */
  /** `use` is a statement that points the connection at a workspace (see WorkspaceStorage). */
  static open(db: DuckDBBindings, use?: string): DuckDBSession {
    const conn = db.connect().useUnsafe((_, id) => id);
    const session = new DuckDBSession(db, conn);
    db.runQuery(conn, 'SET autoload_known_extensions = false');
    db.runQuery(conn, 'SET autoinstall_known_extensions = false');
    if (use) db.runQuery(conn, use);
    return session;
  }

  /**
   * Makes a file readable by name. Blobs are registered by handle where the runtime can read
   * them synchronously (a browser worker); elsewhere (Node tests) their bytes are copied.
   */
  async registerFile(name: string, source: FileSource): Promise<void> {
    if (source.kind === 'bytes') this.db.registerFileBuffer(name, source.bytes);
    else if ('FileReaderSync' in globalThis) this.db.registerFileHandle(name, source.file, browserFileReaderProtocol, true);
    else this.db.registerFileBuffer(name, new Uint8Array(await source.file.arrayBuffer()));
  }

  dropFile(name: string): void {
    this.db.dropFile(name);
  }

  close(): void {
    this.db.disconnect(this.conn);
  }

  /** Runs one statement and returns its rows; queries on one session run one at a time. */
  query(text: string, token?: CancelToken, waited?: WaitClock): Promise<Row[]> {
    const asked = performance.now();
    // The statement's own time: DuckDB's synchronous calls and the reading of its result.
    let ownMs = 0;
    const own = (ms: number) => {
      ownMs += ms;
    };
    const run = this.busy.then(
      () => this.execute(text, token, own),
      () => this.execute(text, token, own),
    );
    this.busy = run.catch(() => undefined);
    if (!waited) return run;
    return run.finally(() => waited(performance.now() - asked - ownMs));
  }

  private async execute(text: string, token: CancelToken | undefined, own: (ms: number) => void): Promise<Row[]> {
    const header = await this.start(text, token, own);
    return timed(own, () => toRows(this.readResult(header)));
  }

  /**
   * Runs one statement and returns its result as Arrow IPC stream bytes, as DuckDB wrote them
   * (schema, batches, end marker), without decoding: what a snapshot of a table keeps.
   */
  arrowStream(text: string, token?: CancelToken): Promise<Uint8Array[]> {
    const run = this.busy.then(
      () => this.collectStream(text, token),
      () => this.collectStream(text, token),
    );
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async collectStream(text: string, token?: CancelToken): Promise<Uint8Array[]> {
    const parts = [await this.start(text, token)];
    for (;;) {
      const next = this.db.fetchQueryResults(this.conn);
      if (next === null || next.length === 0) break;
      parts.push(next);
    }
    parts.push(endOfStream);
    return parts;
  }

  /** Creates `schema.table` from Arrow IPC stream bytes (as `arrowStream` returned them), or appends them to it. */
  insertArrowStream(schema: string, table: string, stream: Uint8Array, append = false): Promise<void> {
    const run = this.busy.then(() =>
      this.db.insertArrowFromIPCStream(this.conn, stream, { schema, name: table, create: !append }),
    );
    this.busy = run.catch(() => undefined);
    return run;
  }

  /**
   * The names of the tables (and views) a statement reads, as DuckDB's parser sees them; where
   * the parser refuses, every word of the statement, which holds them all (more than needed:
   * a wait for a table named only in passing costs time, a missed one fails the statement).
   */
  tableNames(text: string): string[] {
    try {
      return this.db.getTableNames(this.conn, text);
    } catch {
      // DuckDB-WASM 1.32's getTableNames refused every statement in Node ("Max expression depth
      // limit of 0 exceeded"), and a statement read a table still being made (CI, 2026-12-03).
      return [...new Set(text.match(/[\p{L}_][\p{L}\p{N}_$]*/gu) ?? [])];
    }
  }

  /** Starts a pending query and drives it to its first result bytes (the Arrow schema). */
  private async start(text: string, token?: CancelToken, own?: (ms: number) => void): Promise<Uint8Array> {
    await betweenStatements();
    if (token?.cancelled) throw cancelled(text);
    let header: Uint8Array | null;
    try {
      header = timed(own, () => this.db.startPendingQuery(this.conn, text, false));
      while (header === null) {
        await yieldToEventLoop();
        await token?.between?.();
        if (token?.cancelled) {
          this.db.cancelPendingQuery(this.conn);
          throw cancelled(text);
        }
        header = timed(own, () => this.db.pollPendingQuery(this.conn));
      }
    } catch (e) {
      if (e instanceof EngineFailure) throw e;
      throw new EngineFailure({ kind: 'sql', code: 'sql.failed', detail: e instanceof Error ? e.message : String(e), sql: text });
    }
    return header;
  }

  private readResult(header: Uint8Array): Table {
    const { db, conn } = this;
    function* batches(): Generator<Uint8Array> {
      yield header;
      for (;;) {
        const next = db.fetchQueryResults(conn);
        if (next === null || next.length === 0) return;
        yield next;
      }
    }
    return new Table(RecordBatchReader.from(batches()));
  }
}
