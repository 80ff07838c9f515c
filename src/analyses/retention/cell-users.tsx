import type { RetentionSpec } from './retention-query';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { UsersList } from '../../ui/workspace/users-list';
import type { CellChoice } from './retention-table';

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
  return <UsersList title={title} ids={ids} fileName={`users-${cell.cohort}-${cell.periodN}.csv`} />;
}
