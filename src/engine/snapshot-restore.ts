import { problem } from '../schema/problem';
import type { Sql } from '../sql';
import { breathe, type BackgroundStep } from './background-tables';
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
 * The steps (see BackgroundTables) that restore a snapshot's tables after the workspace is in
 * use, the per-user-per-day events and the stages, then make the views over them again.
 */
export function restoreSteps(
  session: RestoreSession,
  schema: string,
  tables: readonly { table: SnapshotTable; stream: Uint8Array }[],
  views: readonly { name: string; query: Sql }[],
): BackgroundStep[] {
  return [
    ...tables.map(({ table, stream }) => ({
      name: table.name,
      make: (between: () => Promise<void>) => restoreTable(session, schema, table, stream, between),
    })),
    ...views.map((view) => ({ name: view.name, make: () => session.query(view.query.text).then(() => undefined) })),
  ];
}
