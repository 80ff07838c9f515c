import type { LifecycleBar, LifecycleSpec } from './lifecycle-query';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { UsersList } from '../../ui/workspace/users-list';

/** The users behind one lifecycle bar: those in a state in a period. */
export function BarUsers({ spec, bar, stateName }: { spec: LifecycleSpec; bar: LifecycleBar; stateName: string }) {
  const { t, formatNumber, formatProblem, formatDay } = useI18n();
  const { status } = useAnalysis('lifecycle-users', { kind: 'lifecycle-users', spec: { ...spec, bar } });
  if (status.state === 'error') return <p role="alert">{t('panel.error', { message: formatProblem(status.error) })}</p>;
  if (status.state !== 'ready') return <p aria-live="polite">{t('panel.loading')}</p>;
  const ids = status.result.rows.map((r) => String(r.user_id));
  const title = t('lifecycle.users', {
    period: formatDay(Date.parse(`${bar.period}T00:00:00Z`)),
    grain: t(`grainNoun.${spec.grain}`),
    state: stateName,
    count: formatNumber(ids.length),
  });
  return <UsersList title={title} ids={ids} fileName={`users-${bar.period}-${bar.state}.csv`} testId="bar-users" />;
}
