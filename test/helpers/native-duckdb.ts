import { DuckDBInstance } from '@duckdb/node-api';

/** Native DuckDB (same 1.4 line as the WASM build): an independent oracle for known answers. */
export async function nativeQuery(sqlText: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sqlText);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
