import { problem } from '../schema/problem';
import type { Sql } from '../sql';
import { errorText, inputFailure } from './engine-error';
import { sha256Hex, type SnapshotTable } from './workspace-snapshot';

/** What restoring needs of a connection. */
export interface RestoreSession {
  insertArrowStream(schema: string, table: string, stream: Uint8Array, append: boolean): Promise<void>;
  query(text: string): Promise<unknown>;
}

/** A chunk holds whole record batches up to about this many bytes: a restore yields between chunks. */
const chunkBytes = 8 * 1024 * 1024;

/**
 * A table's stream cut into streams of a few record batches each (schema, batches, end marker),
 * so that restoring it is many short steps instead of one long one.
 */
export function streamChunks(stream: Uint8Array, parts: readonly number[], maxBytes = chunkBytes): Uint8Array[] {
  const [schemaBytes = 0] = parts;
  const endBytes = parts.at(-1) ?? 0;
  const schema = stream.subarray(0, schemaBytes);
  const end = stream.subarray(stream.length - endBytes);
  const chunks: Uint8Array[] = [];
  let from = schemaBytes;
  let to = from;
  const flush = () => {
    const chunk = new Uint8Array(schema.length + (to - from) + end.length);
    chunk.set(schema, 0);
    chunk.set(stream.subarray(from, to), schema.length);
    chunk.set(end, schema.length + (to - from));
    chunks.push(chunk);
    from = to;
  };
  for (const batch of parts.slice(1, -1)) {
    if (to > from && to - from + batch > maxBytes) flush();
    to += batch;
  }
  if (to > from || chunks.length === 0) flush();
  return chunks;
}

/** A snapshot's table streams as they are read and checked (see verifiedStreams). */
export interface VerifiedStreams {
  /** One table's stream once it is read and matches its SHA-256. */
  stream(name: string): Promise<Uint8Array>;
  /** Resolves once every table is checked; rejects with `snapshot.damaged` if one is not. */
  all: Promise<void>;
}

/**
 * Every table's stream, each checked against its SHA-256, all at once: the digests run off the
 * engine's thread (WebCrypto), so the first tables are restored while the big ones are still
 * being checked. A damaged snapshot is refused whole: `all` rejects, and nothing is installed
 * before it resolves. `skip`: the bytes are known whole already (a gzipped snapshot: gunzip
 * checked its CRC-32 and length), and hashing them again would only delay the first chart.
 */
export function verifiedStreams(
  tables: readonly SnapshotTable[],
  read: (start: number, end: number) => Promise<Uint8Array>,
  tablesAt: number,
  digests: 'check' | 'skip' = 'check',
): VerifiedStreams {
  const streams = new Map<string, Promise<Uint8Array>>();
  let at = tablesAt;
  for (const table of tables) {
    const start = at;
    at += table.bytes;
    const checked = (async () => {
      const stream = await read(start, start + table.bytes);
      const parts = table.parts.reduce((n, p) => n + p, 0);
      if (
        parts !== table.bytes ||
        (digests === 'check' && (await sha256Hex(stream as Uint8Array<ArrayBuffer>)) !== table.sha256)
      ) {
        throw inputFailure(problem('snapshot.damaged'));
      }
      return stream;
    })();
    // Met by `all` (and by whoever restores the table); unobserved here, it would be reported twice.
    checked.catch(() => undefined);
    streams.set(table.name, checked);
  }
  const all = Promise.all(streams.values()).then(() => undefined);
  // Met by whoever awaits it; an open that fails first (a damaged first table) never does.
  all.catch(() => undefined);
  return {
    stream: (name) => streams.get(name) ?? Promise.reject(inputFailure(problem('snapshot.damaged'))),
    all,
  };
}

/** Lets queued messages (a ping, a cancel, an analysis) run between steps. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

/** `between`: awaited after each chunk (by default, a breath for queued messages). */
export async function restoreTable(
  session: RestoreSession,
  schema: string,
  table: SnapshotTable,
  stream: Uint8Array,
  between: () => Promise<unknown> = breathe,
): Promise<void> {
  const chunks = streamChunks(stream, table.parts);
  for (const [i, chunk] of chunks.entries()) {
    await session.insertArrowStream(schema, table.name, chunk, i > 0).catch((e: unknown) => {
      throw inputFailure(problem('snapshot.damaged'), errorText(e));
    });
    await between();
  }
}

/**
 * The tables of a snapshot restored after the workspace is in use: the per-user-per-day events
 * and the stages, then the views over them. A statement that reads one of them waits for it;
 * the others (the Overview's first chart among them) run at once. While an analysis runs (see
 * `hold`) the restore pauses between chunks, so that the first charts do not share the engine
 * with it, unless a statement waits for a table it has yet to restore.
 */
export class BackgroundRestore {
  private readonly waiting = new Map<string, Promise<void>>();
  private readonly unfinished = new Set<string>();
  private holds = 0;
  /** Tables statements wait for, with how many wait for each. */
  private readonly awaited = new Map<string, number>();
  private paused: (() => void)[] = [];
  readonly done: Promise<void>;

  constructor(
    session: RestoreSession,
    schema: string,
    tables: readonly { table: SnapshotTable; stream: Uint8Array }[],
    views: readonly { name: string; query: Sql }[],
    stillWanted: () => boolean,
  ) {
    const between = async () => {
      await breathe();
      await this.mayGoOn();
    };
    let previous: Promise<void> = Promise.resolve();
    const step = (name: string, work: () => Promise<void>) => {
      this.unfinished.add(name);
      previous = previous
        .then(() => this.mayGoOn())
        .then(() => (stillWanted() ? work() : undefined))
        .then(() => void this.unfinished.delete(name));
      this.waiting.set(name, previous);
    };
    for (const { table, stream } of tables) step(table.name, () => restoreTable(session, schema, table, stream, between));
    for (const view of views) step(view.name, () => session.query(view.query.text).then(() => undefined));
    this.done = previous;
    // A failure is met by the statements that wait; unobserved here, it would be reported twice.
    this.done.catch(() => undefined);
  }

  /** Pauses the restore between its steps until the returned function is called (once). */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.wake();
    };
  }

  /** Resolves once every table among `names` that is still being restored is there. */
  async ready(names: readonly string[]): Promise<void> {
    const pending = names.filter((n) => this.unfinished.has(n));
    if (pending.length === 0) return;
    // Waited for: the restore goes on whatever holds it, until these are there.
    for (const name of pending) this.awaited.set(name, (this.awaited.get(name) ?? 0) + 1);
    this.wake();
    try {
      for (const name of pending) await this.waiting.get(name);
    } finally {
      for (const name of pending) {
        const n = (this.awaited.get(name) ?? 1) - 1;
        if (n > 0) this.awaited.set(name, n);
        else this.awaited.delete(name);
      }
    }
  }

  private mayGoOn(): Promise<void> {
    if (this.free()) return Promise.resolve();
    return new Promise((resolve) => this.paused.push(resolve));
  }

  private free(): boolean {
    return this.holds === 0 || [...this.awaited.keys()].some((name) => this.unfinished.has(name));
  }

  private wake(): void {
    if (this.free()) for (const resume of this.paused.splice(0)) resume();
  }
}
