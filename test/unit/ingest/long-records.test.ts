// Issue 12: a 10 MB field was reported at line 1 (DuckDB's sniffer names line 1 for any line over
// its max_line_size). The scanner finds such records at their own lines, quote-aware, across chunks.
import { describe, expect, it } from 'vitest';
import { LongRecordScanner, withoutRecords } from '../../../src/ingest/long-records';

const encode = (s: string) => new TextEncoder().encode(s);

function scan(text: string, limit: number, chunk: number) {
  const bytes = encode(text);
  const scanner = new LongRecordScanner(limit);
  for (let at = 0; at < bytes.length; at += chunk) scanner.feed(bytes.subarray(at, at + chunk));
  return scanner.finish();
}

const file = [
  'uid,time,note', // line 1
  'u1,t1,short', // 2
  `u2,t2,"${'a'.repeat(40)}"`, // 3: long
  'u3,t3,"two', // 4: a quoted break, short
  'lines"',
  `u4,t4,"${'b'.repeat(30)}\n${'c'.repeat(30)}"`, // 6-7: long, over two lines
  'u5,t5,end', // 8
  `u6,t6,${'d'.repeat(45)}`, // 9: long, last, no line break
].join('\n');

describe('LongRecordScanner', () => {
  it.each([1, 3, 7, 64, 10_000])('finds the long records at their lines, in chunks of %i bytes', (chunk) => {
    const found = scan(file, 30, chunk);
    expect(found.map((r) => [r.line, r.breaks])).toEqual([
      [3, 0],
      [6, 1],
      [9, 0],
    ]);
    expect(new TextDecoder().decode(found[0]!.head)).toBe(`u2,t2,"${'a'.repeat(40)}"`);
    expect(new TextDecoder().decode(found[1]!.head).startsWith('u4,t4,"bbb')).toBe(true);
  });

  it('leaves them out, keeping every other line at its number', async () => {
    const found = scan(file, 30, 5);
    const lines = (await withoutRecords(new Blob([encode(file)]), found).text()).split('\n');
    expect(lines).toEqual(['uid,time,note', 'u1,t1,short', '', 'u3,t3,"two', 'lines"', '', '', 'u5,t5,end', '']);
  });

  it('finds nothing in a file without long records', () => {
    expect(scan('a,b\n1,2\n"3\n4",5\n', 30, 2)).toEqual([]);
  });
});
