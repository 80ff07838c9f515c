import type { WorkspaceManifest } from '../ingest/manifest';
import { problem, type Problem } from '../schema/problem';
import { ident, lit, sql, type Sql } from '../sql';
import type { WorkspaceInfo } from './workspace-info';
import type { WorkspaceStorage } from './workspace-storage';
import type { ZoneSources } from './zoned-tables';

/**
 * A loaded workspace's tables kept as Arrow IPC streams, one per table, so that reopening it
 * restores them instead of importing its files again: no text to parse, no stage to build, no
 * per-user-per-day tables to derive. (A DuckDB database file would be attached in place, but
 * DuckDB-WASM 1.32 never checkpoints one: its header is not written, duckdb-wasm#1638.)
 *
 * Layout: the 8 bytes of `magic`, a little-endian uint32 with the byte length of the header,
 * the header as UTF-8 JSON (SnapshotHeader), then each table's stream in the header's order.
 *
 * Bump `snapshotVersion` whenever what a load builds changes (a table, a column, a meaning):
 * a snapshot of another version is never used, the workspace is rebuilt from its files.
 */
export const snapshotVersion = 2;
const magic = new TextEncoder().encode('STRATA\u0001\u0000');

export interface SnapshotTable {
  name: string;
  bytes: number;
  /** SHA-256 of the stream, hex: DuckDB would restore a damaged stream without a word. */
  sha256: string;
  /** Bytes of each message: the schema, each record batch, the end marker (restored a few batches at a time). */
  parts: number[];
}

/** A table as exported: its name, its Arrow stream, the stream's SHA-256 and its messages' sizes. */
export interface SnapshotTablePart {
  name: string;
  data: Blob;
  sha256: string;
  parts: number[];
}

/** The SHA-256 of some bytes, in hex. */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a snapshot says about itself, before its tables. */
export interface SnapshotHeader {
  version: number;
  /** Whether the workspace was stored compressed (see WorkspaceStorage); restored the same way. */
  compressed: boolean;
  /** The manifest it was built from (as validated): another manifest needs another import. */
  manifest: string;
  info: WorkspaceInfo;
  zoned: ZoneSources;
  /** In the order they are restored: those the Overview's first chart reads come first. */
  tables: SnapshotTable[];
}

/** The manifest as a snapshot records it: only a load from this very manifest may use the snapshot. */
export function manifestKey(manifest: WorkspaceManifest): string {
  return JSON.stringify(manifest);
}

/** Where the workspace's own tables are listed in duckdb_tables(). */
export function workspaceTablesQuery(storage: WorkspaceStorage): Sql {
  const [database, schema] = storage.compressed ? [storage.name, 'main'] : ['memory', storage.name];
  return sql`SELECT table_name FROM duckdb_tables() WHERE database_name = ${lit(database)} AND schema_name = ${lit(schema)}`;
}

export function workspaceTable(storage: WorkspaceStorage, table: string): Sql {
  return storage.compressed ? sql`${ident(storage.name)}.main.${ident(table)}` : sql`${ident(storage.name)}.${ident(table)}`;
}

/** Small and first-chart tables first, so that a restore could show something before the big ones. */
const restoreFirst = ['event_totals', 'user_created', 'users', 'activity', 'user_day_event'];
export function restoreOrder(tables: readonly string[]): string[] {
  const rank = (t: string) => {
    const i = restoreFirst.indexOf(t);
    return i < 0 ? restoreFirst.length : i;
  };
  return [...tables].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The snapshot's parts, ready to become one Blob. */
export function snapshotParts(
  header: Omit<SnapshotHeader, 'version' | 'tables'>,
  tables: readonly SnapshotTablePart[],
): BlobPart[] {
  const full: SnapshotHeader = {
    version: snapshotVersion,
    ...header,
    tables: tables.map((t) => ({ name: t.name, bytes: t.data.size, sha256: t.sha256, parts: t.parts })),
  };
  const json = new TextEncoder().encode(JSON.stringify(full));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.length, true);
  return [magic, length, json, ...tables.map((t) => t.data)] as BlobPart[];
}

type Read = (start: number, end: number) => Promise<Uint8Array>;

export type ReadHeader = { ok: true; header: SnapshotHeader; tablesAt: number } | { ok: false; problem: Problem };

/**
 * A snapshot's header, checked against the manifest being opened and the snapshot's size: a
 * problem says why it cannot be used (another version, another manifest, damaged or cut short).
 */
export async function readSnapshotHeader(read: Read, size: number, manifest: WorkspaceManifest): Promise<ReadHeader> {
  const damaged: ReadHeader = { ok: false, problem: problem('snapshot.damaged') };
  if (size < magic.length + 4) return damaged;
  const start = await read(0, magic.length + 4);
  if (magic.some((b, i) => start[i] !== b)) return damaged;
  const length = new DataView(start.buffer, start.byteOffset).getUint32(magic.length, true);
  const tablesAt = magic.length + 4 + length;
  if (tablesAt > size) return damaged;
  let header: SnapshotHeader;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(await read(magic.length + 4, tablesAt)),
    ) as SnapshotHeader;
  } catch {
    return damaged;
  }
  if (typeof header !== 'object' || header === null) return damaged;
  if (header.version !== snapshotVersion) return { ok: false, problem: problem('snapshot.otherVersion') };
  if (header.manifest !== manifestKey(manifest)) return { ok: false, problem: problem('snapshot.otherManifest') };
  const tables = Array.isArray(header.tables) ? header.tables : [];
  const total = tables.reduce((n, t) => n + (Number.isSafeInteger(t?.bytes) && t.bytes > 0 ? t.bytes : NaN), 0);
  const named = tables.every(
    (t) =>
      typeof t.name === 'string' &&
      t.name !== '' &&
      typeof t.sha256 === 'string' &&
      Array.isArray(t.parts) &&
      t.parts.length >= 2 &&
      t.parts.every((p) => Number.isSafeInteger(p) && p > 0),
  );
  if (
    !named ||
    tables.length === 0 ||
    tablesAt + total !== size ||
    typeof header.info !== 'object' ||
    typeof header.zoned !== 'object' ||
    typeof header.compressed !== 'boolean'
  ) {
    return damaged;
  }
  return { ok: true, header, tablesAt };
}
