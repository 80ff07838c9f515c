import { useState } from 'react';
import { stickinessRatioChart } from '../../charts/dau-mau-chart';
import { StickinessRatioFigure } from '../../ui/components/stickiness-ratio-figure';
import { stickinessChart } from './stickiness-chart';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { Choice, DataPick } from '../../ui/components/choice';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { pickParam } from '../url-params';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { BucketTable } from './bucket-table';
import { BucketUsers } from './bucket-users';
import type { StickinessBucket, StickinessSpec } from './stickiness-query';
import { isoDayOf } from '../../schema/iso-day';

/** METRICS.md's default MAU window; the Overview offers the choice. */
const ratioWindow = 30;
const spans = { week: 'grain.week', month: 'grain.month' } as const;
const shares = { exact: 'stickiness.exact', cumulative: 'stickiness.cumulative' } as const;

/** 粘性: users by active days in a week or month, and DAU/MAU over time. */
export function StickinessPage() {
  const { t, formatNumber, formatPercent, formatDay } = useI18n();
  const { info } = useWorkspace();
  const { route, setParams } = useRoute();
  const grain = pickParam(route.params, 'grain', ['week', 'month'] as const, 'week');
  const cumulative = pickParam(route.params, 'view', ['exact', 'cumulative'] as const, 'exact') === 'cumulative';
  const span = route.params.span && /^\d{4}-\d{2}-\d{2}$/.test(route.params.span) ? route.params.span : null;
  const weekStart = info?.weekStart ?? 'monday';
  const event = route.params.event || null;
  const spec: StickinessSpec = { grain, weekStart, coreEvents: event ? [event] : [], span };
  const distribution = useAnalysis('stickiness', { kind: 'stickiness', spec });
  const [picked, setPicked] = useState<StickinessBucket | null>(null);
  const set = (patch: Record<string, string | undefined>) => {
    setPicked(null);
    setParams(patch);
  };
  // Unset, the span is the data's last one: the box shows the day it starts on.
  const shownStart = distribution.status.state === 'ready' ? distribution.status.result.rows[0]?.span_start : undefined;
  const shownSpan = shownStart != null ? isoDayOf(Number(shownStart)) : null;
  const ratio = useAnalysis('stickiness-ratio', {
    kind: 'active-users',
    spec: { mauWindow: ratioWindow, coreEvents: event ? [event] : [] },
  });
  const tz = info?.timeZone ?? 'UTC';
  return (
    <div className="page" data-testid="stickiness-page">
      <Panel
        testId="panel-stickiness"
        title={t('stickiness.title')}
        definition={
          t('stickiness.definition', { grain: t(`grainNoun.${grain}`), tz }) +
          (event ? ` ${t('activity.onlyEvent', { event })}` : '')
        }
        status={distribution.status}
        retry={distribution.retry}
        controls={
          <>
            <Choice label="grain.label" value={grain} options={spans} onChange={(g) => set({ grain: g, span: undefined })} />
            <Choice
              label="stickiness.share"
              value={cumulative ? 'cumulative' : 'exact'}
              options={shares}
              onChange={(view) => setParams({ view })}
            />
            <DataPick
              label={t('activity.event')}
              value={event ?? ''}
              emptyLabel={t('retention.anyEvent')}
              values={info?.eventNames ?? []}
              onChange={(e) => set({ event: e })}
            />
            <label>
              {t('stickiness.span')}{' '}
              <input type="date" value={span ?? shownSpan ?? ''} onChange={(e) => set({ span: e.target.value || undefined })} />
            </label>
          </>
        }
      >
        {(result) => {
          const first = result.rows[0];
          if (!first || Number(first.active_users) === 0) return <p role="status">{t('panel.empty')}</p>;
          return (
            <>
              <p>
                {t('stickiness.spanOf', {
                  from: formatDay(Number(first.span_start)),
                  to: formatDay(Number(first.span_end)),
                  users: formatNumber(Number(first.active_users)),
                })}
              </p>
              <PlotFigure
                label={t('stickiness.title')}
                options={stickinessChart(result.rows, cumulative, {
                  x: t('stickiness.days'),
                  y: t('stickiness.share'),
                  formatPercent,
                  formatNumber,
                })}
              />
              <BucketTable rows={result.rows} onPick={setPicked} />
              {picked ? <BucketUsers spec={spec} bucket={picked} spanEnd={Number(first.span_end)} /> : null}
            </>
          );
        }}
      </Panel>
      <Panel
        testId="panel-stickiness-ratio"
        title={t('stickiness.ratioTitle')}
        definition={t('active.definition', { events: event ?? t('active.anyEvent'), w: ratioWindow, w1: ratioWindow - 1, tz })}
        status={ratio.status}
        retry={ratio.retry}
      >
        {(result) => (
          <StickinessRatioFigure
            rows={result.rows}
            mauWindow={ratioWindow}
            label={t('stickiness.ratioTitle')}
            options={stickinessRatioChart(result.rows, {
              formatDay,
              formatNumber,
              formatPercent,
              x: t('axis.date'),
              y: t('series.ratio'),
            })}
          />
        )}
      </Panel>
    </div>
  );
}
