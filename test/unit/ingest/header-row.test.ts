import { describe, expect, it } from 'vitest';
import { guessHeaderRow, headerRowChoices } from '../../../src/ingest/header-row';
import type { Scalar } from '../../../src/ingest/records-csv';

const data: Scalar[][] = [
  ['u1', '2024-01-02 10:00:00', 'open', 3],
  ['u1', '2024-01-03 11:00:00', 'buy', 9.5],
  ['u2', '2024-01-03 12:00:00', 'open', 1],
];
const header: Scalar[] = ['user_id', 'time', 'event', 'amount'];

describe('guessHeaderRow', () => {
  it('a sheet that starts with its header: row 0', () => {
    expect(guessHeaderRow([header, ...data])).toBe(0);
  });

  it('passes over a title merged across the table (one text repeated) and a blank row', () => {
    const title = Array<Scalar>(4).fill('2024 年 1 月 销售明细');
    expect(guessHeaderRow([title, [], header, ...data])).toBe(2);
  });

  it('passes over a title in one cell and a line of notes with a date', () => {
    expect(guessHeaderRow([['Orders export'], ['Exported', '2024-02-01'], header, ...data])).toBe(2);
  });

  it('passes over a header of a wider table that is not this one: a row with fewer names than the data has columns', () => {
    expect(guessHeaderRow([['Region', 'East'], header, ...data])).toBe(1);
  });

  it('does not take a row of numbers or dates for names', () => {
    expect(guessHeaderRow([[2021, 2022, 2023, 2024], ['2024-01-01', '2024-01-02', '1.5', '3%'], header, ...data])).toBe(2);
  });

  it('a sheet without a header row at all (numbers): row 0, what the file says', () => {
    expect(
      guessHeaderRow([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toBe(0);
  });

  it('a header alone with no rows under it is not guessed below row 0', () => {
    expect(guessHeaderRow([['Title'], header])).toBe(0);
  });
});

describe('headerRowChoices', () => {
  it('numbers rows from 1 as Excel does, skips blank rows, shows a merged title once, and cuts long rows', () => {
    const long = Array.from({ length: 30 }, (_, i) => `column_${i}`);
    const choices = headerRowChoices([Array<Scalar>(4).fill('Title'), [null, ''], header, ...data, long]);
    expect(choices.map((c) => c.row)).toEqual([1, 3, 4, 5, 6, 7]);
    expect(choices[0]!.text).toBe('Title');
    expect(choices[1]!.text).toBe('user_id · time · event · amount');
    expect(choices[2]!.text).toBe('u1 · 2024-01-02 10:00:00 · open · 3');
    expect(choices[5]!.text).toHaveLength(60);
    expect(choices[5]!.text.endsWith('…')).toBe(true);
  });
});
