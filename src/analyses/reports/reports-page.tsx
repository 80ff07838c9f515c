import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { useReports } from '../../ui/workspace/reports-context';
import { ReceivedReportView } from './received-report';
import { ReportEditor } from './report-editor';
import { ReportList } from './report-list';

/** 报告: `#/reports` lists them, `#/reports/<id>` opens one, `#/reports/received` a received file. */
export function ReportsPage() {
  const { t } = useI18n();
  const { route } = useRoute();
  const { reports, ready, received } = useReports();
  const id = route.page.split('/').slice(1).join('/');
  if (!id) return <ReportList />;
  if (id === 'received') return received ? <ReceivedReportView received={received} /> : <ReportList />;
  const report = reports.find((r) => r.id === id);
  if (!report) {
    return ready ? (
      <p className="panel-error" role="alert">
        {t('report.notFound')} <a href="#/reports">{t('report.back')}</a>
      </p>
    ) : (
      <p aria-live="polite">{t('panel.loading')}</p>
    );
  }
  return <ReportEditor report={report} />;
}
