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
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-scroll">
      <table className="grid" data-testid="import-report">
        <caption>{t('import.report')}</caption>
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
  );
}
