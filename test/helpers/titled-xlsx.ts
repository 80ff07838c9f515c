import { writeXlsx, type SheetCell } from './write-xlsx';

/** The row of the sheet holding the column names, and the rows above it that hold something. */
export const titledHeaderRow = 4;
export const titledRowsAbove = 2;
export const titledTitle = '2024 年 1 月 用户事件明细';

/**
 * An events sheet as people export them for a report: a title merged across the table, an
 * export note, a blank row, then the header; 9 users with 1 to 5 events each, each user's
 * id written once and merged down over their rows. `perUser` is counted as it is written.
 */
export function titledXlsx(): { xlsx: Uint8Array; perUser: Map<string, number>; events: number } {
  const rows: SheetCell[][] = [
    [titledTitle, null, null, null],
    ['导出时间', '2024-02-01'],
    [],
    ['用户ID', '时间', '事件', '金额'],
  ];
  const merges = ['A1:D1'];
  const perUser = new Map<string, number>();
  for (let u = 0; u < 9; u++) {
    const id = `U${String(u * 37 + 5).padStart(4, '0')}`;
    const n = 1 + ((u * 3) % 5);
    const first = rows.length + 1;
    for (let k = 0; k < n; k++) {
      const time = new Date(Date.UTC(2024, 0, 1 + u, 8 + k, 15));
      rows.push([k === 0 ? id : null, time, k % 2 === 0 ? '浏览' : '购买', k % 2 === 0 ? null : 10 * (u + 1) + k]);
    }
    if (n > 1) merges.push(`A${first}:A${first + n - 1}`);
    perUser.set(id, n);
  }
  const events = [...perUser.values()].reduce((a, b) => a + b, 0);
  return { xlsx: writeXlsx([{ name: '明细', rows, merges }]), perUser, events };
}
