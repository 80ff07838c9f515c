import { describe, expect, it } from 'vitest';
import { guessRoles } from '../../../src/ingest/guess-roles';
import { decodeHead, detectEncoding, sniffText } from '../../../src/ingest/sniff';
import { whitespaceLineToCsv } from '../../../src/ingest/whitespace';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
  });

  it('tells UTF-16 without a mark by its NUL bytes', () => {
    const le = new Uint8Array([...'user_id,time,event'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(detectEncoding(le)).toBe('utf-16le');
  });

  it('keeps UTF-8 whose last character the head cut in half', () => {
    const bytes = utf8('用户ID,时间\n张三,2024-05-01');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 20))).toBe('utf-8');
  });

  it('takes bytes that are not UTF-8 for GB18030 (GBK 用户 = d3 c3 bb a7)', () => {
    expect(detectEncoding(new Uint8Array([0xd3, 0xc3, 0xbb, 0xa7, 0x2c, 0x61]))).toBe('gb18030');
  });
});

describe('decodeHead', () => {
  it('drops the mark and, when the file goes on, the cut last line', () => {
    expect(decodeHead(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,b\n1,2\n3,')]), 'utf-8', false)).toBe('a,b\n1,2');
    expect(decodeHead(utf8('a,b\n1,2\n3,4'), 'utf-8', true)).toBe('a,b\n1,2\n3,4');
  });
});

describe('sniffText', () => {
  it.each([
    ['comma with quoted commas', 'id,name,t\n1,"a, b",2024\n2,c,2024\n', ','],
    ['semicolon (European Excel)', 'id;amount;t\n1;3,50;2024\n2;4,00;2024\n', ';'],
    ['tab', 'id\tt\n1\t2024\n2\t2024\n', '\t'],
    ['pipe', 'id|t|e\n1|2024|x\n2|2024|y\n', '|'],
  ])('finds the separator: %s', (_, text, delimiter) => {
    const s = sniffText(text);
    expect(s.format).toBe('csv');
    expect(s.delimiter).toBe(delimiter);
    expect(s.rows).toHaveLength(2);
  });

  it('reads whitespace-aligned columns', () => {
    const s = sniffText(
      ' customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n',
    );
    expect(s).toEqual({
      format: 'whitespace',
      header: ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
      rows: [
        ['00001', '19970101', '1', '11.77'],
        ['00002', '19970112', '1', '12.00'],
      ],
    });
  });

  it('rewrites an aligned line as CSV, quoting where needed', () => {
    expect(whitespaceLineToCsv('  00001 19970101   a,b  x"y ')).toBe('00001,19970101,"a,b","x""y"');
  });
});

describe('guessRoles', () => {
  it('recognises Chinese export headers', () => {
    expect(guessRoles(['会员编号', '事件名称', '下单时间', '实付金额'], [])).toEqual({
      role: 'events',
      columns: { userId: '会员编号', event: '事件名称', time: '下单时间', amount: '实付金额' },
    });
  });

  it('makes an orders file of unit price x quantity when there is no total', () => {
    expect(guessRoles(['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'], [])).toEqual({
      role: 'orders',
      columns: { userId: 'CustomerID', time: 'InvoiceDate', amount: 'UnitPrice', quantity: 'Quantity' },
    });
  });

  it('finds an unnamed time column by its values, and a users file by its lack of one', () => {
    expect(guessRoles(['uid', 'when'], [['7', '2024年5月1日 08:00']]).columns.time).toBe('when');
    expect(guessRoles(['uid', 'when'], [['7', '20240501']]).columns.time).toBe('when');
    expect(guessRoles(['uid', 'code'], [['7', '12345678']]).columns.time).toBeUndefined();
    expect(guessRoles(['用户ID', '注册时间', '城市'], [['7', '2024-05-01', '上海']])).toEqual({
      role: 'users',
      columns: { userId: '用户ID', signupTime: '注册时间' },
    });
  });

  it('recognises an identity map (anonymous ids to user ids) by its names and its lack of a time', () => {
    expect(guessRoles(['device_id', 'user_id'], [['d-1', 'u1']])).toEqual({
      role: 'identity',
      columns: { anonymousId: 'device_id', userId: 'user_id' },
    });
    expect(guessRoles(['设备ID', '会员编号'], [['d-1', '7']]).role).toBe('identity');
    expect(guessRoles(['user_id', 'device_id', 'time', 'event'], [['u1', 'd-1', '2024-05-01 08:00', 'open']])).toEqual({
      role: 'events',
      columns: { userId: 'user_id', time: 'time', event: 'event' },
    });
    expect(guessRoles(['user_id', 'device', 'city'], [['u1', 'iPhone', '上海']]).role).toBe('users');
  });
});
