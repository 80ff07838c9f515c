import { describe, expect, it } from 'vitest';
import { changedCells } from '../../../src/report/table-diff';

const table = (columns: string[], rows: string[][]) => ({ columns, rows, perUser: false });

describe('changed cells between a report then and now', () => {
  it('matches cells by row and column name', () => {
    const then = table(
      ['cohort', 'users'],
      [
        ['2026-01-01', '10'],
        ['2026-01-08', '12'],
      ],
    );
    expect(
      changedCells(
        then,
        table(
          ['users', 'cohort'],
          [
            ['10', '2026-01-01'],
            ['12', '2026-01-08'],
          ],
        ),
      ).size,
    ).toBe(0);
    expect([
      ...changedCells(
        then,
        table(
          ['cohort', 'users'],
          [
            ['2026-01-01', '11'],
            ['2026-01-08', '12'],
          ],
        ),
      ),
    ]).toEqual(['0:users']);
  });

  it('counts rows and columns present on one side only', () => {
    const then = table(['a', 'b'], [['1', '2']]);
    expect([...changedCells(then, table(['a'], [['1'], ['3']]))]).toEqual(['0:b', '1:*']);
    expect([...changedCells(then, table(['a', 'b'], []))]).toEqual(['0:a', '0:b']);
  });
});
