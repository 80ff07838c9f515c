import type { StickinessBucket, StickinessSpec } from './stickiness-query';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { UsersList } from '../../ui/workspace/users-list';

/** The users behind one stickiness bar: active exactly (or at least) k days in the span. */
export function BucketUsers({ spec, bucket, spanEnd }: { spec: StickinessSpec; bucket: StickinessBucket; spanEnd: number }) {
  const { t, formatNumber, formatProblem, formatDay } = useI18n();
  const { status } = useAnalysis('stickiness-users', { kind: 'stickiness-users', spec: { ...spec, bucket } });
  if (status.state === 'error') return <p role="alert">{t('panel.error', { message: formatProblem(status.error) })}</p>;
  if (status.state !== 'ready') return <p aria-live="polite">{t('panel.loading')}</p>;
  const ids = status.result.rows.map((r) => String(r.user_id));
  const title = t(bucket.atLeast ? 'stickiness.usersAtLeast' : 'stickiness.usersExact', {
    from: formatDay(Date.parse(`${bucket.span}T00:00:00Z`)),
    to: formatDay(spanEnd),
    k: bucket.k,
    count: formatNumber(ids.length),
  });
  return (
    <UsersList
      title={title}
      ids={ids}
      fileName={`users-${bucket.span}-${bucket.atLeast ? 'at-least-' : ''}${bucket.k}-days.csv`}
      testId="bucket-users"
    />
  );
}
