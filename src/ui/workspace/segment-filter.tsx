import { useRoute } from '../hooks/use-route';
import { useI18n } from '../i18n/i18n';
import { useSegments } from './segments-context';

/** The screens a segment filters (the others are about segments or data themselves). */
export const pagesFilteredBySegment = ['overview', 'retention', 'lifecycle', 'stickiness', 'rfm', 'churn'] as const;

/**
 * The segment filter of an analysis page: `segment=<id>` in its URL, so that a link or a
 * reload keeps it. Every panel's request carries it (see useAnalysis).
 */
export function SegmentFilter() {
  const { t } = useI18n();
  const { route, setParams } = useRoute();
  const { segments } = useSegments();
  const id = route.params.segment ?? '';
  const current = segments.find((s) => s.id === id);
  if (segments.length === 0 && !id) return null;
  return (
    <div className="segment-filter" data-testid="segment-filter">
      <label>
        {t('segment.filter')}{' '}
        <select value={id} onChange={(e) => setParams({ segment: e.target.value || undefined })}>
          <option value="">{t('segment.all')}</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          {id && !current ? <option value={id}>{id}</option> : null}
        </select>
      </label>{' '}
      {current ? <span className="muted">{t('segment.filtered', { name: current.name })}</span> : null}
    </div>
  );
}
