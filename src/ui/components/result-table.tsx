import { memo, useState } from 'react';
import type { Row } from '../../engine/to-rows';
import { useI18n } from '../i18n/i18n';
import { downloadText, formatCell, toCsv } from './csv';

const shownRows = 500;

/**
 * The numbers behind a chart, as a table, with "Download CSV" (下载 CSV) of exactly these numbers.
 * Memoised: a page renders on every setting and answer, and a result's rows keep their identity.
 * The table is drawn only while open: hundreds of hidden rows made and removed with each answer
 * held up a date range change on the Overview (issue 13).
 */
export const ResultTable = memo(function ResultTable({ rows, fileName }: { rows: readonly Row[]; fileName: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  const format = (r: Row) => columns.map((c) => formatCell(c, r[c] ?? null));
  return (
    <details className="data-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('panel.showData')}</summary>
      {open ? <DataRows rows={rows} columns={columns} format={format} fileName={fileName} /> : null}
    </details>
  );
});

function DataRows({
  rows,
  columns,
  format,
  fileName,
}: {
  rows: readonly Row[];
  columns: string[];
  format: (r: Row) => string[];
  fileName: string;
}) {
  const { t } = useI18n();
  // Only the rows shown are formatted while drawing; the CSV formats all of them when asked.
  // Formatting 500,000 customers' rows on every draw held the page for seconds.
  const cells = rows.slice(0, shownRows).map(format);
  return (
    <>
      <p>
        <button type="button" onClick={() => downloadText(fileName, toCsv(columns, rows.map(format)))}>
          {t('panel.downloadCsv')}
        </button>{' '}
        {rows.length > shownRows ? <span className="muted">{t('panel.firstRows', { n: shownRows })}</span> : null}
      </p>
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cells.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
