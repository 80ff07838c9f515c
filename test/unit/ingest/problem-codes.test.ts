import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/ui/i18n/problems';

const src = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** Every `'area.name'` literal below the UI (and in the hosted-manifest fetch) is a problem code. */
const written = [
  ...new Set(
    [
      ...sourceFiles(path.join(src, 'ingest')),
      ...sourceFiles(path.join(src, 'engine')),
      ...sourceFiles(path.join(src, 'store')),
      path.join(src, 'ui/workspace/hosted-manifest.ts'),
    ].flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'([a-z]+\.[a-z][a-zA-Z]+)'/g)].map((m) => m[1]!)),
  ),
].filter((code) => code !== 'strata.workspace');

describe('problem codes', () => {
  it('has words in Chinese and English for every code ingest, engine and store write', () => {
    expect(written.length).toBeGreaterThan(60);
    const untranslated = written.filter(
      (code) => formatProblem('zh', { code }) === code || formatProblem('en', { code }) === code,
    );
    expect(untranslated).toEqual([]);
  });

  it('puts the values in, in Chinese without English', () => {
    const header = { code: 'file.headerOnly', vars: { file: 'x.csv' } };
    expect(formatProblem('zh', header)).toBe('x.csv：文件只有表头，没有数据行。');
    expect(formatProblem('en', header)).toBe('x.csv: the file has a header but no rows.');
  });

  it("translates DuckDB's rejection reason and a file role, and names the source of a manifest problem", () => {
    const rejected = {
      code: 'file.allRejected',
      vars: { file: 'a.csv', reason: 'MISSING COLUMNS', lines: 2, line: 2, column: 'e', text: '"a,1"' },
    };
    expect(formatProblem('zh', rejected)).toBe('a.csv：所有行都被跳过：列数少于表头，共 2 行；第一处在第 2 行（列：e）："a,1"');
    const time = { code: 'manifest.needsTime', vars: { field: 'files[0].columns.time', role: 'orders', source: 'w.json' } };
    expect(formatProblem('zh', time)).toBe('w.json：files[0].columns.time：订单文件需要时间列。');
    expect(formatProblem('en', time)).toBe('w.json: files[0].columns.time: an orders file needs a time column.');
  });

  it('shows an unknown code as it is, with its values', () => {
    expect(formatProblem('zh', { code: 'spec.new', vars: { field: 'x' } })).toBe('spec.new (field: x)');
  });
});
