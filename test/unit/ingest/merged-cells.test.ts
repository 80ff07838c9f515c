import { describe, expect, it } from 'vitest';
import { cellPosition, fillMergedCells, mergedRanges } from '../../../src/ingest/merged-cells';
import type { Scalar } from '../../../src/ingest/records-csv';
import { openWorkbook } from '../../../src/ingest/xlsx';
import { writeXlsx } from '../../helpers/write-xlsx';

describe('merged cells', () => {
  it.each([
    ['A1', { row: 0, column: 0 }],
    ['D12', { row: 11, column: 3 }],
    ['AB3', { row: 2, column: 27 }],
    ['$C$4', { row: 3, column: 2 }],
    ['XFD1048576', { row: 1_048_575, column: 16_383 }],
  ])('cell %s is at %o', (ref, at) => {
    expect(cellPosition(ref)).toEqual(at);
  });

  it.each(['', 'A', '12', 'A0', '1A', 'A-1'])('%j is no cell', (ref) => {
    expect(cellPosition(ref)).toBeNull();
  });

  it('reads the ranges of <mergeCells>, either corner first, skipping malformed ones', () => {
    const xml =
      '<worksheet><sheetData/><mergeCells count="4"><mergeCell ref="A1:D1"/><mergeCell ref="B5:A2"/>' +
      '<mergeCell ref="nonsense"/><mergeCell ref="C7"/></mergeCells></worksheet>';
    expect(mergedRanges(xml)).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 1, left: 0, bottom: 4, right: 1 },
      { top: 6, left: 2, bottom: 6, right: 2 },
    ]);
  });

  it('fills a title across and an id down with the top-left value, over hidden values too', () => {
    const rows: Scalar[][] = [
      ['Report', null, null],
      ['user', 'event', 'n'],
      ['u1', 'open', 1],
      [null, 'buy', 2],
      ['stale', 'open', 3],
      ['u2', 'open', 4],
    ];
    fillMergedCells(rows, [
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 2, left: 0, bottom: 4, right: 0 },
    ]);
    expect(rows).toEqual([
      ['Report', 'Report', 'Report'],
      ['user', 'event', 'n'],
      ['u1', 'open', 1],
      ['u1', 'buy', 2],
      ['u1', 'open', 3],
      ['u2', 'open', 4],
    ]);
  });

  it('lengthens short rows inside a range and clips ranges to the sheet', () => {
    const rows: Scalar[][] = [['a', 'b', 'c'], ['x'], [null, 'y']];
    fillMergedCells(rows, [
      { top: 1, left: 0, bottom: 900, right: 1 },
      { top: 2, left: 0, bottom: 2, right: 0 },
      { top: 0, left: 2, bottom: 0, right: 16_000 },
    ]);
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  it('stops after one sheet of cells however many whole-sheet merges a file lists', () => {
    const rows: Scalar[][] = Array.from({ length: 1000 }, (_, i) => [`r${i}`, null, null, null]);
    const whole = { top: 0, left: 0, bottom: 1_048_575, right: 16_383 };
    fillMergedCells(
      rows,
      Array.from({ length: 100_000 }, () => whole),
    );
    expect(rows[999]).toEqual(['r0', 'r0', 'r0', 'r0']);
  });

  it('a workbook reads merged cells as Excel shows them', () => {
    const book = openWorkbook(
      writeXlsx([
        {
          name: 'S',
          rows: [
            ['Sales export', null, null],
            ['user', 'event', 'time'],
            ['u1', 'open', 1],
            [null, 'buy', 2],
          ],
          merges: ['A1:C1', 'A3:A4'],
        },
      ]),
      'b.xlsx',
    );
    if (!book.ok) throw new Error(book.problem.code);
    expect(book.value.rows()).toEqual({
      ok: true,
      value: [
        ['Sales export', 'Sales export', 'Sales export'],
        ['user', 'event', 'time'],
        ['u1', 'open', 1],
        ['u1', 'buy', 2],
      ],
    });
  });
});
