import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { previewTabular } from '../../src/engine/tabular';
import { repeatedNames } from '../../src/ingest/sniff';
import { draftFile } from '../../src/ingest/draft-file';
import { writeXlsx } from '../helpers/write-xlsx';

async function draft(name: string, content: string | Uint8Array) {
  return draftFile(new File([content as BlobPart], name), previewTabular);
}

describe('files that cannot be imported get a problem naming the file, the place and what to do', () => {
  it.each([
    [
      'events.ndjson',
      '{"u":"a","t":"2024-01-01"}\n{"u":"b","t":"2024-01-02"}\n{"u":"c",\n',
      { code: 'json.lineInvalid', vars: { file: 'events.ndjson', line: 3, text: '"{\\"u\\":\\"c\\","' } },
    ],
    ['events.json', '[{"u":"a"}, "b"]', { code: 'json.itemNotObject', vars: { file: 'events.json', item: 2 } }],
    ['events.json', '[{"u":"a"}, {"u":', { code: 'json.invalid', vars: { file: 'events.json' } }],
    [
      'report.xls',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      { code: 'xlsx.oldXls', vars: { file: 'report.xls' } },
    ],
    [
      'book.xlsx',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9, 9, 9]),
      { code: 'xlsx.damaged', vars: { file: 'book.xlsx' } },
    ],
    ['plain.xlsx', zipSync({ 'readme.txt': strToU8('hello') }), { code: 'xlsx.notWorkbook', vars: { file: 'plain.xlsx' } }],
    [
      'blank-header.xlsx',
      writeXlsx([
        {
          name: 'S',
          rows: [
            [null, null],
            ['a', 1],
          ],
        },
      ]),
      { code: 'xlsx.emptyHeaderRow', vars: { file: 'blank-header.xlsx', row: 1 } },
    ],
  ])('%s', async (name, content, problem) => {
    expect(await draft(name, content)).toEqual({ ok: false, problem });
  });

  it('keeps repeated and hostile header names as text, and names the repeated ones', async () => {
    const result = await draft(
      'dup.csv',
      'user,time,User,"<img src=x onerror=alert(1)>","a""b",event\nu1,2024-01-01 10:00:00,x,1,2,open\n',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sniffed.header).toEqual(['user', 'time', 'User', '<img src=x onerror=alert(1)>', 'a"b', 'event']);
    expect(repeatedNames(result.value.sniffed.header)).toEqual(['user']);
    expect(repeatedNames(['a', 'b', ''])).toEqual([]);
  });

  it('refuses a JSON array too large to parse whole, and says which format to export instead', async () => {
    // A sparse 500 MB blob: only its size is looked at before refusing.
    const big = new File([new Uint8Array(1), new Blob([new ArrayBuffer(500 * 1024 * 1024)])], 'huge.json');
    const result = await previewTabular(big, { fileName: 'huge.json', format: 'json', encoding: 'utf-8', gzip: false });
    expect(result).toEqual({ ok: false, problem: { code: 'json.arrayTooLarge', vars: { file: 'huge.json' } } });
  });
});
