import { memo, useMemo, useState } from 'react';
import type { Row } from '../../engine/to-rows';
import { useI18n } from '../i18n/i18n';
import { downloadText, formatCell, toCsv } from './csv';
import { cellFormats, columnLabel, displayCell } from './data-cells';

const shownRows = 500;

/**
 * The numbers behind a chart, as a table with headings in the UI's language and values
 * rounded, and "Download CSV" (下载 CSV) of the same rows under their SQL names at full precision.
 * Memoised: a page renders on every setting and answer, and a result's rows keep their identity.
 * The table is drawn only while open: hundreds of hidden rows made and removed with each answer
 * held up a date range change on the Overview (issue 13).
 */
export const ResultTable = memo(function ResultTable({ rows, fileName }: { rows: readonly Row[]; fileName: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return (
    <details className="data-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('panel.showData')}</summary>
      {open ? <DataRows rows={rows} columns={columns} fileName={fileName} /> : null}
    </details>
  );
});

function DataRows({ rows, columns, fileName }: { rows: readonly Row[]; columns: string[]; fileName: string }) {
  const { t, locale, intlTag } = useI18n();
  const formats = useMemo(() => cellFormats(locale, intlTag), [locale, intlTag]);
  // Only the rows shown are formatted while drawing; the CSV formats all of them when asked.
  // Formatting 500,000 customers' rows on every draw held the page for seconds.
  const cells = rows.slice(0, shownRows).map((r) => columns.map((c) => displayCell(c, r[c] ?? null, formats)));
  const csv = () =>
    toCsv(
      columns,
      rows.map((r) => columns.map((c) => formatCell(c, r[c] ?? null))),
    );
  return (
    <>
      <p>
        <button type="button" onClick={() => downloadText(fileName, csv())}>
          {t('panel.downloadCsv')}
        </button>{' '}
        {rows.length > shownRows ? <span className="muted">{t('panel.firstRows', { n: shownRows })}</span> : null}
      </p>
      <p className="muted">{t('panel.csvNote')}</p>
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {columnLabel(c, locale)}
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
