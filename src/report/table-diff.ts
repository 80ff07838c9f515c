import type { ReportTable } from './report-types';

/**
 * Which cells of the table then differ from the table now, matched by row position and column
 * name: `row:column` keys. A row or column present on one side only counts as changed.
 */
export function changedCells(then: ReportTable, now: ReportTable): Set<string> {
  const changed = new Set<string>();
  const nowColumn = new Map(now.columns.map((c, i) => [c, i]));
  then.rows.forEach((row, r) => {
    then.columns.forEach((column, c) => {
      const j = nowColumn.get(column);
      const value = j === undefined ? undefined : now.rows[r]?.[j];
      if (value !== row[c]) changed.add(`${r}:${column}`);
    });
  });
  // Rows added since are differences too, though they have no cell then to highlight.
  for (let r = then.rows.length; r < now.rows.length; r++) changed.add(`${r}:*`);
  return changed;
}
