import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvSniffQuery, csvSource, dialectOfSniff } from '../../../src/ingest/csv-source';
import type { FileSpec } from '../../../src/ingest/manifest';
import { nativeQuery } from '../../helpers/native-duckdb';

/**
 * A file is sniffed once (csvSniffQuery) and then read with what the sniff found; that read
 * must give what DuckDB's own sniffing read gives, whatever the file's dialect.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-sniff-'));
const searchPath = `SET file_search_path = '${dir}';`;

function csvFile(name: string, text: string, delimiter = ','): Pick<FileSpec, 'delimiter' | 'format'> & { name: string } {
  writeFileSync(path.join(dir, name), text);
  return { name, format: 'csv', delimiter };
}

async function sniffed(file: ReturnType<typeof csvFile>, skip = 0) {
  const rows = await nativeQuery(`${searchPath}\n${csvSniffQuery(file.name, file, { rejects: 'r', skip }).text}`);
  return dialectOfSniff(rows);
}

async function rows(source: string) {
  return nativeQuery(`${searchPath}\nSELECT * FROM ${source}`);
}

const shapes = {
  plain: csvFile('plain.csv', 'u,t,e,amount\na,2024-01-01 10:00:00,open,1.5\nb,2024-01-02 11:30:00,buy,\n'),
  quoted: csvFile(
    'quoted.csv',
    'u,t,e\na,2024-01-01 10:00:00,"x, y"\nb,2024-01-01 10:00:00,"two\nlines"\nc,2024-01-03 09:00:00,"say ""hi"""\n',
  ),
  semicolonCrlf: csvFile('semi.csv', 'u;t;e\r\na;2024-01-01 10:00:00;open\r\nb;2024-01-02 10:00:00;buy\r\n', ';'),
  dayFirst: csvFile('dmy.csv', 'u,t,e\na,31/01/2024 10:00:00,open\nb,01/02/2024 11:00:00,buy\nc,13/02/2024 08:05:00,buy\n'),
  ragged: csvFile(
    'ragged.csv',
    'u,t,e\na,2024-01-01 10:00:00,open\nb,2024-01-01 10:00:00,buy,extra\nc,2024-01-02 10:00:00,open\n',
  ),
};

describe('a CSV sniffed once and read with what the sniff found', () => {
  it('finds the quote, the separator, the line ending and a day-first time format', async () => {
    const quoted = await sniffed(shapes.quoted);
    expect(quoted.dialect.quote).toBe('"');
    expect(quoted.columns).toEqual([
      { name: 'u', type: 'VARCHAR' },
      { name: 't', type: 'TIMESTAMP' },
      { name: 'e', type: 'VARCHAR' },
    ]);
    const semi = await sniffed(shapes.semicolonCrlf);
    expect(semi.dialect).toMatchObject({ delimiter: ';', newLine: '\\r\\n', quote: '' });
    const dmy = await sniffed(shapes.dayFirst);
    expect(dmy.dialect.timestampFormat).toBe('%d/%m/%Y %H:%M:%S');
    expect(dmy.columns[1]).toEqual({ name: 't', type: 'TIMESTAMP' });
  });

  it.each(Object.entries(shapes))('reads %s as DuckDB sniffing it on its own does', async (_, file) => {
    const found = await sniffed(file);
    // With rejects, as the app reads: a ragged line is set aside, not a reason to fail.
    const own = await rows(csvSource(file.name, file, { rejects: 'r' }).text);
    const once = await rows(csvSource(file.name, file, { rejects: 'r', sniffed: found }).text);
    expect(once).toEqual(own);
    expect(once.length).toBeGreaterThan(1);
  });

  it('reads a column as text when the given types say so, and skips lines above the header', async () => {
    const file = csvFile('sep.csv', 'sep=,\nid,t\n00123,2024-01-01 10:00:00\n', ',');
    const found = await sniffed(file, 1);
    expect(found.dialect.skipRows).toBe(1);
    const columns = found.columns.map((c) => (c.name === 'id' ? { ...c, type: 'VARCHAR' } : c));
    expect(await rows(csvSource(file.name, file, { sniffed: { ...found, columns } }).text)).toEqual([
      { id: '00123', t: '2024-01-01 10:00:00' },
    ]);
  });
});
