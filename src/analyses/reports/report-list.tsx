import { useState } from 'react';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { newReportId, useReports, type SavedReport } from '../../ui/workspace/reports-context';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { OpenReportFile } from './open-report-file';

/** The workspace's reports: open, create, delete (with undo), and open a received file. */
export function ReportList() {
  const { t, formatNumber } = useI18n();
  const { workspaceId } = useWorkspace();
  const { reports, save, remove } = useReports();
  const { navigate } = useRoute();
  const [deleted, setDeleted] = useState<SavedReport | null>(null);

  const create = async () => {
    if (workspaceId === null) return;
    const now = Date.now();
    const report = {
      id: newReportId(),
      workspaceId,
      title: t('report.newTitle', { n: reports.length + 1 }),
      items: [],
      createdAt: now,
      updatedAt: now,
    };
    if (await save(report)) navigate(`reports/${report.id}`);
  };

  return (
    <div className="page" data-testid="report-list">
      <section className="panel">
        <h2>{t('report.listTitle')}</h2>
        <p className="muted">{t('report.listHint')}</p>
        <p>
          <button type="button" onClick={() => void create()} disabled={workspaceId === null}>
            {t('report.create')}
          </button>
        </p>
        {deleted ? (
          <p role="status">
            {t('report.deleted', { title: deleted.title })}{' '}
            <button
              type="button"
              onClick={() => {
                void save(deleted);
                setDeleted(null);
              }}
            >
              {t('report.undo')}
            </button>
          </p>
        ) : null}
        {reports.length === 0 ? <p>{t('report.none')}</p> : null}
        <ul className="report-list">
          {reports.map((r) => (
            <li key={r.id}>
              <a href={`#/reports/${encodeURIComponent(r.id)}`}>{r.title}</a>{' '}
              <span className="muted">
                {t('report.items', { n: formatNumber(r.items.length) })} ·{' '}
                {t('report.updated', { when: new Date(r.updatedAt).toLocaleString() })}
              </span>{' '}
              <button
                type="button"
                onClick={() => {
                  void remove(r.id).then((gone) => gone && setDeleted(r));
                }}
              >
                {t('report.delete')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <OpenReportFile />
      </section>
    </div>
  );
}
