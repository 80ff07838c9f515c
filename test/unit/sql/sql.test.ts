import { describe, expect, it } from 'vitest';
import { dateLit, ident, join, lit, raw, sql } from '../../../src/sql';

describe('ident', () => {
  it.each([
    ['user_id', '"user_id"'],
    ['用户ID', '"用户ID"'],
    ['order date', '"order date"'],
    ['say "hi"', '"say ""hi"""'],
    ['"already quoted"', '"""already quoted"""'],
    ['<script>alert(1)</script>', '"<script>alert(1)</script>"'],
    ['a\nb', '"a\nb"'],
  ])('quotes %j as %s', (name, quoted) => {
    expect(ident(name).text).toBe(quoted);
  });
  it('refuses NUL', () => {
    expect(() => ident('a\0b')).toThrow(/NUL/);
  });
});

describe('lit', () => {
  it.each([
    ["O'Brien's export.csv", "'O''Brien''s export.csv'"],
    ['金额', "'金额'"],
    ["'; DROP TABLE events; --", "'''; DROP TABLE events; --'"],
  ])('quotes the string %j', (value, quoted) => {
    expect(lit(value).text).toBe(quoted);
  });
  it('types numbers, booleans, nulls and dates', () => {
    expect(lit(42).text).toBe('42');
    expect(lit(-0.5).text).toBe('-0.5::DOUBLE');
    expect(lit(12345678901234567890n).text).toBe('12345678901234567890');
    expect(lit(true).text).toBe('TRUE');
    expect(lit(null).text).toBe('NULL');
    expect(lit(new Date(Date.UTC(2024, 4, 1, 8, 0, 0))).text).toBe("TIMESTAMP '2024-05-01 08:00:00.000'");
    expect(dateLit('2024-05-01').text).toBe("DATE '2024-05-01'");
  });
  it('refuses what it cannot type', () => {
    expect(() => lit(Number.NaN)).toThrow(/finite/);
    expect(() => lit(Infinity)).toThrow(/finite/);
    expect(() => dateLit("2024-05-01' OR 1=1 --")).toThrow(/ISO date/);
  });
});

describe('the sql tag', () => {
  it('turns plain values into literals and keeps fragments', () => {
    const event = "it's";
    const q = sql`SELECT ${ident('用户 ID')} FROM events WHERE event = ${event} AND n > ${3} ${raw('ORDER BY 1')}`;
    expect(q.text).toBe(`SELECT "用户 ID" FROM events WHERE event = 'it''s' AND n > 3 ORDER BY 1`);
  });
  it('joins lists of values as literals', () => {
    expect(join(['a', "b'c", 1]).text).toBe("'a', 'b''c', 1");
    expect(join([ident('x'), ident('y')], ' AND ').text).toBe('"x" AND "y"');
  });
});
