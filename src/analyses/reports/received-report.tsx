import { useCallback, useMemo, useState } from 'react';
import { changedCells } from '../../report/table-diff';
import type { PanelSnapshot, ReportTable } from '../../report/report-types';
import type { PinnedPanel } from '../../report/report-definition';
import type { DrawnPanel } from '../../ui/components/panel-host';
import { reportTable } from '../../ui/components/panel-snapshot';
import { useI18n } from '../../ui/i18n/i18n';
import { cellFormats, columnLabel, displayCell } from '../../ui/components/data-cells';
import { useReports, type ReceivedReport } from '../../ui/workspace/reports-context';
import { NoteView } from './note-view';
import { PinnedPanelView } from './pinned-panel';

/** The numbers then, as the CSV holds them, with columns and codes (an RFM group, a stage) in words as the app shows them. */
function ThenTable({ table, changed }: { table: ReportTable; changed: Set<string> | null }) {
  const { locale, intlTag } = useI18n();
  const formats = useMemo(() => cellFormats(locale, intlTag), [locale, intlTag]);
  return (
    <div className="table-scroll">
      <table className="grid">
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {columnLabel(c, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => (
                <td key={c} className={changed?.has(`${r}:${table.columns[c]}`) ? 'changed' : undefined}>
                  {displayCell(table.columns[c] ?? '', v, formats)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One panel of a received report: its numbers then, and the same analysis re-run now. */
function ThenAndNow({ panel, index }: { panel: PanelSnapshot; index: number }) {
  const { t } = useI18n();
  const [now, setNow] = useState<ReportTable | null>(null);
  const onDrawn = useCallback(
    (_id: string, d: DrawnPanel | null) => setNow(d && d.rows.length > 0 ? reportTable(d.rows) : null),
    [],
  );
  const item: PinnedPanel = {
    id: `received-${index}`,
    type: 'panel',
    route: panel.route,
    panel: panel.panel,
    title: panel.title,
  };
  const changed = panel.table && now ? changedCells(panel.table, now) : null;
  return (
    <section className="then-now" data-testid="then-now">
      <h3>{panel.title}</h3>
      {panel.table === null ? (
        <p className="muted">{t('report.noTable')}</p>
      ) : changed ? (
        <p role="status" data-testid="then-now-summary">
          {changed.size === 0 ? t('report.sameCells') : t('report.changedCells', { n: changed.size })}
        </p>
      ) : null}
      <div className="then-now-columns">
        <div>
          <h4>{t('report.then')}</h4>
          {panel.table ? <ThenTable table={panel.table} changed={changed} /> : null}
        </div>
        <div>
          <h4>{t('report.now')}</h4>
          <PinnedPanelView item={item} onDrawn={onDrawn} />
        </div>
      </div>
    </section>
  );
}

/** A report file opened read-only: shown as it was, and re-run on the data loaded now on request. */
export function ReceivedReportView({ received }: { received: ReceivedReport }) {
  const { t } = useI18n();
  const { setReceived } = useReports();
  const [rerun, setRerun] = useState(false);
  const { snapshot } = received;
  const f = snapshot.fingerprint;
  return (
    <div className="page received-report" data-testid="received-report">
      <p>
        <a href="#/reports">{t('report.back')}</a>{' '}
        <button type="button" onClick={() => setReceived(null)}>
          {t('report.close')}
        </button>
      </p>
      <h2>
        {t('report.received')}: {snapshot.title}
      </h2>
      <p className="muted">
        {t('report.receivedMeta', {
          when: snapshot.madeAt.replace('T', ' ').slice(0, 16),
          version: snapshot.appVersion,
          files: f.files.map((x) => x.name).join(', '),
          from: f.firstDay ?? '–',
          to: f.lastDay ?? '–',
        })}
      </p>
      <p>
        <button type="button" onClick={() => setRerun((r) => !r)} aria-pressed={rerun} data-testid="report-rerun">
          {t('report.rerun')}
        </button>
      </p>
      {rerun ? (
        snapshot.items.map((item, i) =>
          item.type === 'panel' ? <ThenAndNow key={i} panel={item} index={i} /> : <NoteView key={i} text={item.text} />,
        )
      ) : (
        // The file as it was, in a sandbox: no script can run in it and it can reach nothing.
        <iframe
          className="received-frame"
          sandbox=""
          srcDoc={received.html}
          title={snapshot.title}
          data-testid="received-frame"
        />
      )}
    </div>
  );
}
