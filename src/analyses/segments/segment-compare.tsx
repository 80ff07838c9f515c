import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import type { SavedSegment } from '../../ui/workspace/segments-context';
import { useSegmentRuns } from '../../ui/workspace/use-segment-runs';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { averageRetention } from '../retention-average';
import { segmentCurvesChart } from '../segment-curves-chart';

const weeklyRetention = {
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'week',
  periodMode: 'calendar',
  measure: 'on',
  periods: 12,
  brackets: [],
  breakdown: null,
} as const;

/** 2 to 4 segments side by side: size, overlap, activity, revenue per member, retention. */
export function SegmentCompare({ segments }: { segments: readonly SavedSegment[] }) {
  const { t, formatNumber, formatPercent, formatPercentColumn } = useI18n();
  const { info } = useWorkspace();
  const { status, retry } = useAnalysis('segment-compare', {
    kind: 'segment-compare',
    spec: { segments: segments.map((s) => s.definition) },
  });
  // Each segment's weekly retention, through the envelope like any filtered analysis.
  const curves = useSegmentRuns(
    'compare-retention',
    { kind: 'retention', spec: { ...weeklyRetention, weekStart: info?.weekStart ?? 'monday' } },
    segments,
  ).map((run) => run.status);
  const rate = (n: unknown, d: unknown) => (Number(d) > 0 ? formatPercentColumn(Number(n) / Number(d)) : '–');
  const ready = curves.every((c) => c.state === 'ready');
  return (
    <div className="page" data-testid="segment-compare">
      <Panel
        testId="panel-segment-compare"
        title={t('segments.compareTitle')}
        definition={t('segments.compareDefinition')}
        status={status}
        retry={retry}
      >
        {(result) => (
          <>
            <table className="grid" data-testid="compare-table">
              <thead>
                <tr>
                  <th>{t('segments.name')}</th>
                  <th>{t('segments.size')}</th>
                  <th>{t('segments.active7')}</th>
                  <th>{t('segments.active30')}</th>
                  <th>{t('segments.revenuePerUser')}</th>
                  {segments.map((s) => (
                    <th key={s.id}>{t('segments.overlapWith', { name: s.name })}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{segments[i]?.name}</th>
                    <td>{formatNumber(Number(r.members))}</td>
                    <td>{rate(r.active_7d, r.members)}</td>
                    <td>{rate(r.active_30d, r.members)}</td>
                    <td>
                      {Number(r.members) > 0
                        ? formatNumber(Number(r.revenue) / Number(r.members), { maximumFractionDigits: 2 })
                        : '–'}
                    </td>
                    {segments.map((_, j) => (
                      <td key={j} className={i === j ? 'muted' : undefined}>
                        {formatNumber(Number(r[`overlap_${j}`]))} ({rate(r[`overlap_${j}`], r.members)})
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t('segments.compareRetention')}</h3>
            {ready ? (
              <PlotFigure
                label={t('segments.compareRetention')}
                options={segmentCurvesChart(
                  segments.map((s, i) => {
                    const c = curves[i];
                    return { name: s.name, points: c?.state === 'ready' ? averageRetention(c.result.rows, 'weighted') : [] };
                  }),
                  { x: t('segments.weeksAfter'), y: t('segments.retentionRate'), formatPercent },
                )}
              />
            ) : (
              <p className="panel-pending">{t('panel.loading')}</p>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
