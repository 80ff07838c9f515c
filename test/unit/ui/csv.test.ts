import { describe, expect, it } from 'vitest';
import { formatCell, toCsv } from '../../../src/ui/components/csv';

describe('CSV export', () => {
  it('quotes every cell and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 'say "hi"'],
          ['=HYPERLINK("x")', '-3'],
        ],
      ),
    ).toBe('"a","b"\r\n"1","say ""hi"""\r\n"\'=HYPERLINK(""x"")","-3"\r\n');
  });
  it('neutralises a cell that starts like a number but is a formula (issue 12)', () => {
    const cells = ["-2+3+cmd|' /C calc'!A0", '+1.5', '-3e2', '@SUM(A1)', '\tx', '\r=1', '+', '-'];
    expect(
      toCsv(
        ['c'],
        cells.map((c) => [c]),
      )
        .split('\r\n')
        .slice(1, -1),
    ).toEqual([`"'-2+3+cmd|' /C calc'!A0"`, '"+1.5"', '"-3e2"', `"'@SUM(A1)"`, `"'\tx"`, `"'\r=1"`, `"'+"`, `"'-"`]);
  });
  it('formats dates by column and keeps numbers exact enough', () => {
    expect(formatCell('day', Date.UTC(2024, 4, 1))).toBe('2024-05-01');
    expect(formatCell('rate', 1 / 3)).toBe('0.333333');
    expect(formatCell('users', 12)).toBe('12');
    expect(formatCell('x', null)).toBe('');
  });
});
