import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { previewTabular } from '../../src/engine/tabular';
import { draftFile } from '../../src/ingest/draft-file';
import { draftManifest } from '../../src/ingest/draft-manifest';
import { nativeQuery } from '../helpers/native-duckdb';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

// One events table written with each codec native DuckDB can write; lz4 is written as LZ4_RAW
// (the codec Parquet defines for raw LZ4 blocks), which is what other tools write too.
const codecs = [
  { option: 'uncompressed', codec: 'UNCOMPRESSED' },
  { option: 'snappy', codec: 'SNAPPY' },
  { option: 'zstd', codec: 'ZSTD' },
  { option: 'gzip', codec: 'GZIP' },
  { option: 'brotli', codec: 'BROTLI' },
  { option: 'lz4', codec: 'LZ4_RAW' },
  { option: 'lz4_raw', codec: 'LZ4_RAW' },
] as const;

// 20,000 events of 400 users over 14 days, in row groups of 4,096 (several groups and pages).
const eventsSql = `SELECT 'u' || (i * 7919 % 400) AS user_id,
    TIMESTAMP '2024-03-01 00:00:00' + to_minutes(i * 37 % (14 * 24 * 60)) AS event_time,
    ['open', 'view', 'buy'][i % 3 + 1] AS event,
    CASE WHEN i % 3 = 2 THEN round(i % 97 + 0.5, 2) END AS amount
  FROM range(20000) t(i)`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-parquet-codecs-'));
const fileOf = (option: string) => path.join(dir, `e_${option}.parquet`);

describe('Parquet from other tools loads whatever its compression', () => {
  let engine: Engine;
  let rows: number;
  let dauByDay: Record<string, number>;

  beforeAll(async () => {
    for (const { option } of codecs) {
      await nativeQuery(`COPY (${eventsSql}) TO '${fileOf(option)}'
        (FORMAT parquet, COMPRESSION ${option}, ROW_GROUP_SIZE 4096)`);
    }
    // Independent: native DuckDB over the same rows, not over the files.
    const [count] = await nativeQuery(`SELECT count(*) AS n FROM (${eventsSql})`);
    rows = Number(count!.n);
    const days = await nativeQuery(`SELECT strftime(CAST(event_time AS DATE), '%Y-%m-%d') AS day,
        count(DISTINCT user_id) AS dau FROM (${eventsSql}) GROUP BY ALL ORDER BY day`);
    dauByDay = Object.fromEntries(days.map((d) => [String(d.day), Number(d.dau)]));
    engine = await createWasmEngine();
  }, 120_000);

  for (const { option, codec } of codecs) {
    it(`${option}: every column chunk is ${codec}; 20,000 rows and the DAU of each day`, async () => {
      const file = fileOf(option);
      const written = await nativeQuery(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`);
      expect(written.map((w) => w.compression)).toEqual([codec]);

      const name = path.basename(file);
      const content = readFileSync(file);
      const draft = await draftFile(new File([content as BlobPart], name), previewTabular);
      if (!draft.ok) throw new Error(draft.problem.code);
      expect(draft.value.spec).toMatchObject({
        format: 'parquet',
        columns: { userId: 'user_id', time: 'event_time' },
      });
      const manifest = draftManifest([draft.value], 'UTC', 'monday');
      if (!manifest.ok) throw new Error(manifest.problem.code);
      const info = expectOk(await engine.loadWorkspace(option, manifest.value, new Map([[name, bytes(content)]])));

      expect(rows).toBe(20_000);
      expect(info.files[0]).toMatchObject({ rowsRead: rows, rowsLoaded: rows, badTimes: 0, nullUserIds: 0 });
      const active = expectOk(await engine.run('q', { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] } }));
      const dau = Object.fromEntries(active.rows.map((r) => [new Date(Number(r.day)).toISOString().slice(0, 10), Number(r.dau)]));
      expect(Object.keys(dauByDay)).toHaveLength(14);
      expect(dau).toEqual(dauByDay);
    }, 60_000);
  }
});
