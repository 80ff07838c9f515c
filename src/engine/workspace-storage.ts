import type { FileSource } from './duckdb-session';

/**
 * Where a workspace's tables live. Normally a schema of the in-memory database. Large
 * inputs go to their own in-memory database attached with COMPRESS: DuckDB then compresses
 * the tables as on disk (about 7x less memory on event logs, at about 1.5x the time to
 * write them), which is what lets a 1 GB export fit in DuckDB-WASM's ~3 GB heap.
 */
export interface WorkspaceStorage {
  name: string;
  compressed: boolean;
  create: string;
  /** Makes a connection resolve unqualified table names in this workspace. */
  use: string;
  drop: string;
}

/** Text bytes above which a workspace is stored compressed. */
export const compressAboveBytes = 300 * 1024 * 1024;

/** Gzip text inflates about six times; the estimate only has to pick a storage. */
export function estimatedTextBytes(sources: Iterable<[string, FileSource]>): number {
  let total = 0;
  for (const [path, source] of sources) {
    const size = source.kind === 'bytes' ? source.bytes.length : source.file.size;
    total += path.toLowerCase().endsWith('.gz') ? size * 6 : size;
  }
  return total;
}

export function workspaceStorage(name: string, compressed: boolean): WorkspaceStorage {
  if (compressed) {
    return {
      name,
      compressed,
      create: `ATTACH ':memory:' AS ${name} (COMPRESS)`,
      use: `USE ${name}`,
      drop: `DETACH DATABASE IF EXISTS ${name}`,
    };
  }
  return {
    name,
    compressed,
    create: `CREATE SCHEMA ${name}`,
    use: `SET schema = '${name}'`,
    drop: `DROP SCHEMA IF EXISTS ${name} CASCADE`,
  };
}
