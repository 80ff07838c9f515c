import { useI18n } from '../../ui/i18n/i18n';
import { formatDuration } from '../../ui/i18n/format-duration';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { useWorkspaceName } from '../../ui/workspace/workspace-name';

/** What is loaded: files, rows, users, events, date range and time zone. */
export function DatasetSummary() {
  const i18n = useI18n();
  const { t, formatNumber, formatDay } = i18n;
  const { info, infoKept } = useWorkspace();
  const name = useWorkspaceName();
  if (!info) return null;
  const range =
    info.firstDay !== null && info.lastDay !== null ? `${formatDay(info.firstDay)} – ${formatDay(info.lastDay)}` : '–';
  const facts = [
    { label: t('summary.events'), value: formatNumber(info.events) },
    { label: t('summary.users'), value: formatNumber(info.users) },
    // A users file can list users without an event, whom activity analyses never count.
    ...(info.activeUsers !== info.users ? [{ label: t('summary.activeUsers'), value: formatNumber(info.activeUsers) }] : []),
    { label: t('summary.eventNames'), value: formatNumber(info.eventNameCount) },
    { label: t('summary.range'), value: range },
    { label: t('summary.timeZone'), value: info.timeZone },
  ];
  return (
    <section className="summary" aria-label={t('summary.title')} data-testid="dataset-summary">
      <h2 className="summary-name">{name}</h2>
      <dl className="facts">
        {facts.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>
          {t('summary.files')} ({info.files.length}) ·{' '}
          {/* Kept from the last visit, the load time is that visit's, not this opening's. */}
          {infoKept
            ? t('workspace.opening')
            : t('workspace.loadedIn', { time: formatDuration(info.openedMs ?? info.loadMs, i18n) })}
        </summary>
        <ul>
          {info.files.map((f) => (
            <li key={f.path}>
              {t('summary.fileLine', {
                path: f.path,
                role: t(`role.${f.role}`),
                read: formatNumber(f.rowsRead),
                loaded: formatNumber(f.rowsLoaded),
              })}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
