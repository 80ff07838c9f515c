import { describe, expect, it } from 'vitest';
import { parseJsonDocument, parseJsonLine } from '../../../src/ingest/json-records';
import { csvField, csvLine, flattenRecord } from '../../../src/ingest/records-csv';
import { columnIndex, decodeXmlText, excelSerialToText, isDateFormatCode } from '../../../src/ingest/xlsx';
import { tabularFormatOf } from '../../../src/ingest/file-kind';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('xlsx cells', () => {
  it.each([
    [25569, false, '1970-01-01'],
    [44197.5, false, '2021-01-01 12:00:00'],
    [40513.35138888889, false, '2010-12-01 08:26:00'],
    [0, true, '1904-01-01'],
  ])('serial %d (1904 system: %s) is %s', (serial, date1904, text) => {
    expect(excelSerialToText(serial, date1904)).toBe(text);
  });

  it.each([
    ['A1', 0],
    ['Z9', 25],
    ['AA10', 26],
    ['AB3', 27],
    ['XFD1', 16383],
  ])('column of %s is %d', (ref, index) => {
    expect(columnIndex(ref)).toBe(index);
  });

  it.each([
    ['yyyy/m/d h:mm', true],
    ['mm:ss', true],
    ['[$-804]yyyy"年"m"月"d"日"', true],
    ['0.00', false],
    ['#,##0', false],
    ['"Total: "0', false],
    ['[Red]0.00', false],
    ['General', false],
  ])('format %s shows a date: %s', (code, isDate) => {
    expect(isDateFormatCode(code)).toBe(isDate);
  });

  it('decodes entities and Excel escapes, and nothing else', () => {
    expect(decodeXmlText('a &lt;b&gt; &amp; &quot;c&quot; &#20013;&#x6587; x_x000D_y')).toBe('a <b> & "c" 中文 x\ry');
    expect(decodeXmlText('<script>')).toBe('<script>');
  });
});

describe('records as CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    [17850, '17850'],
    [true, 'true'],
    [null, ''],
  ] as const)('field %j is written %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('flattens nested objects to dotted names and keeps arrays as JSON', () => {
    expect(flattenRecord({ id: 1, properties: { city: '上海', device: { os: 'iOS' } }, tags: ['a', 'b'], gone: null })).toEqual({
      id: 1,
      'properties.city': '上海',
      'properties.device.os': 'iOS',
      tags: '["a","b"]',
      gone: null,
    });
    expect(csvLine(['a', undefined, 2])).toBe('a,,2\n');
  });

  it('names the line of a broken NDJSON record, and the item of a JSON array that is not an object', () => {
    expect(parseJsonLine('{"a": 1', 3, 'events.ndjson')).toEqual({
      ok: false,
      problem: { code: 'json.lineInvalid', vars: { file: 'events.ndjson', line: 3, text: '"{\\"a\\": 1"' } },
    });
    expect(parseJsonLine('   ', 4, 'events.ndjson')).toEqual({ ok: true, value: null });
    expect(parseJsonDocument('[{"a":1}, 2]', 'e.json')).toEqual({
      ok: false,
      problem: { code: 'json.itemNotObject', vars: { file: 'e.json', item: 2 } },
    });
  });
});

describe('tabularFormatOf', () => {
  it.each([
    ['events.json', '[{"user":"u1"}]', 'json'],
    ['events.json', '{"user":"u1"}\n{"user":"u2"}', 'ndjson'],
    ['events.jsonl', '{"user":"u1"}', 'ndjson'],
    ['export.txt', '\uFEFF{"user":"u1"}', 'ndjson'],
    ['orders.csv', 'user,time\nu1,2024-01-01', null],
    ['orders.csv', '[x],time\n1,2', null],
    ['book.xlsx', 'PK\u0003\u0004', 'xlsx'],
  ])('%s starting %j is %s', (name, head, format) => {
    expect(tabularFormatOf(name, utf8(head), 'utf-8')).toBe(format);
  });
});
