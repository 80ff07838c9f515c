import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileSource, SqlSession } from '../src/engine/duckdb-session';
import type { Row } from '../src/schema/row';

/** Native values as the WASM engine's rows hold them: numbers, epoch-ms times, text. */
function toCell(value: unknown): Row[string] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  const v = value as { micros?: bigint; days?: number };
  if (typeof v.micros === 'bigint') return Number(v.micros) / 1000;
  if (typeof v.days === 'number') return v.days * 86_400_000;
  return String(value);
}

/**
 * Native DuckDB behind the load path's SqlSession: a registered name becomes a symlink to the
 * real file in a folder on DuckDB's file_search_path, so the app's SQL runs unchanged.
 */
export class NativeSession implements SqlSession {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-'));
  constructor(
    private readonly conn: DuckDBConnection,
    private readonly filePath: string,
  ) {}

  async init(schema: string): Promise<void> {
    await this.conn.run(`SET file_search_path = '${this.dir}'`);
    await this.conn.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await this.conn.run(`SET schema = '${schema}'`);
  }

  async registerFile(name: string, _source: FileSource): Promise<void> {
    symlinkSync(this.filePath, path.join(this.dir, name));
  }

  dropFile(): void {}

  async query(text: string): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(text);
    return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toCell(v)])));
  }
}
