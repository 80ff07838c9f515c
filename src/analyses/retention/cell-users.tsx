import type { RetentionSpec } from './retention-query';
import { downloadText, toCsv } from '../../ui/components/csv';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { SaveAsSegment } from '../../ui/workspace/save-as-segment';
import type { CellChoice } from './retention-table';

const shown = 200;

/** The users behind one retention cell, exportable as CSV. */
export function CellUsers({ spec, cell, columnLabel }: { spec: RetentionSpec; cell: CellChoice; columnLabel: string }) {
  const { t, formatNumber, formatProblem, formatDay } = useI18n();
  const { status } = useAnalysis('retention-users', { kind: 'retention-users', spec: { ...spec, cell } });
  if (status.state === 'error') return <p role="alert">{t('panel.error', { message: formatProblem(status.error) })}</p>;
  if (status.state !== 'ready') return <p aria-live="polite">{t('panel.loading')}</p>;
  const ids = status.result.rows.map((r) => String(r.user_id));
  const title = t('retention.users', {
    cohort: formatDay(Date.parse(`${cell.cohort}T00:00:00Z`)),
    column: columnLabel,
    count: formatNumber(ids.length),
  });
  return (
    <section className="cell-users" data-testid="cell-users" aria-label={title}>
      <h3>{title}</h3>
      <button
        type="button"
        onClick={() =>
          downloadText(
            `users-${cell.cohort}-${cell.periodN}.csv`,
            toCsv(
              ['user_id'],
              ids.map((id) => [id]),
            ),
          )
        }
      >
        {t('panel.downloadCsv')}
      </button>{' '}
      <SaveAsSegment name={title} ids={ids} />
      <ul className="id-list">
        {ids.slice(0, shown).map((id) => (
          <li key={id}>
            <a href={`#/user?id=${encodeURIComponent(id)}`}>{id}</a>
          </li>
        ))}
      </ul>
      {ids.length > shown ? <p className="muted">{t('panel.firstRows', { n: shown })}</p> : null}
    </section>
  );
}
