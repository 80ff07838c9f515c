import type { WorkspaceInfo } from '../../../engine/workspace-info';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const counts: { key: keyof WorkspaceInfo['files'][number]; label: MessageKey }[] = [
  { key: 'rowsRead', label: 'import.report.read' },
  { key: 'rowsLoaded', label: 'import.report.loaded' },
  { key: 'excluded', label: 'import.report.excluded' },
  { key: 'nullUserIds', label: 'import.report.nullUserIds' },
  { key: 'badTimes', label: 'import.report.badTimes' },
  { key: 'nullEvents', label: 'import.report.nullEvents' },
  { key: 'duplicateIds', label: 'import.report.duplicateIds' },
];

/** What the last load did with each file: rows read, loaded, and each reason rows were not. */
export function ImportReport({ info }: { info: WorkspaceInfo }) {
  const { t, formatNumber, formatDay } = useI18n();
  const range =
    info.firstDay !== null && info.lastDay !== null ? `${formatDay(info.firstDay)} – ${formatDay(info.lastDay)}` : '–';
  return (
    <section className="import-report" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title">{t('import.report')}</h3>
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('import.report.file')}</th>
              <th scope="col">{t('import.role')}</th>
              {counts.map((c) => (
                <th key={c.key} scope="col">
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {info.files.map((f) => (
              <tr key={f.path}>
                <th scope="row">{f.path}</th>
                <td>{t(`import.role.${f.role}`)}</td>
                {counts.map((c) => (
                  <td key={c.key} data-testid={`report-${c.key}`}>
                    {formatNumber(Number(f[c.key]))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="import-result">
        {t('import.report.result', {
          users: formatNumber(info.users),
          events: formatNumber(info.events),
          names: formatNumber(info.eventNames.length),
          range,
          zone: info.timeZone,
        })}
      </p>
    </section>
  );
}
