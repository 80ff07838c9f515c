// Issue 12 (import, round two): the file shapes DuckDB's sniffer gets wrong, found before it reads.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../src/ingest/manifest';
import { detectEncoding } from '../../../src/ingest/sniff';
import { checkTextHead } from '../../../src/ingest/text-check';
import { excelSeparatorLine, hasMixedLineEndings, unclosedFinalQuote } from '../../../src/ingest/text-shape';

const enc = (s: string) => new TextEncoder().encode(s);

describe('unclosedFinalQuote', () => {
  it('finds a last line that opens a quote and never closes it', () => {
    const text = 'a,b\n1,"x, y"\n"2,z\n';
    expect(unclosedFinalQuote(enc(text), ',', true)).toEqual({ start: text.indexOf('"2'), text: '"2,z' });
  });

  it.each([
    ['a closed multi-line field ending on the last line', 'a,b\n1,"first\nsecond"\n'],
    ['a quote inside an unquoted field', 'a,b\n1,5" screen\n'],
    ['an escaped quote', 'a,b\n1,"say ""hi"""\n'],
    ['a quote opened further up, spanning lines to the end', 'a,b\n1,"open\n2,x\n'],
  ])('leaves %s alone', (_, text) => {
    expect(unclosedFinalQuote(enc(text), ',', true)).toBeNull();
  });

  it('reads a tail from its first line break on', () => {
    expect(unclosedFinalQuote(enc('tail of a line"\n1,ok\n"2,cut'), ',', false)).toMatchObject({ text: '"2,cut' });
  });
});

describe('other shapes', () => {
  it("reads Excel's sep= line", () => {
    expect(excelSeparatorLine('sep=;\r\na;b\n')).toEqual({ delimiter: ';', rest: 'a;b\n' });
    expect(excelSeparatorLine('separator,b\n')).toBeNull();
  });

  it('tells mixed line endings from uniform ones', () => {
    expect(hasMixedLineEndings('a\r\nb\nc')).toBe(true);
    expect(hasMixedLineEndings('a\rb\nc')).toBe(true);
    expect(hasMixedLineEndings('a\r\nb\r\nc\r\n')).toBe(false);
    expect(hasMixedLineEndings('a\nb\n')).toBe(false);
    expect(hasMixedLineEndings('a\rb\r')).toBe(false);
  });

  it('takes stray NULs further down for damage, a NUL in the header or many NULs for binary', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `u${i},2024-01-01,${i === 5 ? 'x\0y' : 'open'}`).join('\n');
    expect(checkTextHead('f.csv', enc(`id,time,event\n${lines}\n`), 1e6)).toEqual({ ok: true, value: 'text' });
    expect(checkTextHead('f.csv', enc('id\0,time\nu1,2\n'), 1e6)).toMatchObject({ ok: false, problem: { code: 'file.binary' } });
    expect(checkTextHead('f.csv', enc(`id\n${'\0\0a\n'.repeat(50)}`), 1e6)).toMatchObject({ ok: false });
    expect(checkTextHead('f.csv', enc(' \r\n\t\n'), 5)).toEqual({
      ok: false,
      problem: { code: 'file.blank', vars: { file: 'f.csv' } },
    });
  });

  it('reads mostly-UTF-8 bytes as UTF-8 and GBK as GB18030', () => {
    const chinese = 'user,event\nu1,打开应用\nu2,浏览商品\nu3,加入购物车\n';
    expect(detectEncoding(new Uint8Array([...enc(chinese), 0xff, 0x0a]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array(iconv.encode(chinese, 'gb18030')))).toBe('gb18030');
  });

  it('keeps one rule valid and refuses more rules than a stage can count', () => {
    const manifest = (exclude: unknown[]) => ({
      format: 'strata.workspace',
      version: 1,
      name: 'm',
      timeZone: 'UTC',
      files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' }, exclude }],
    });
    expect(validateManifest(manifest([{ column: 'c', op: 'is-empty' }])).ok).toBe(true);
    expect(validateManifest(manifest(Array.from({ length: 21 }, () => ({ column: 'c', op: 'is-empty' }))))).toEqual({
      ok: false,
      problem: { code: 'manifest.tooManyRules', vars: { field: 'files[0].exclude', max: 20 } },
    });
  });
});
