import { useMemo } from 'react';
import { stickinessRatioChart } from '../../charts/dau-mau-chart';
import { activeUsersChart, activeUsersPoints } from './active-users-chart';
import { periodBarsChart } from './period-bars-chart';
import { seriesColors } from '../../charts/chart-style';
import { topEventsChart } from './top-events-chart';
import type { Row } from '../../engine/to-rows';
import { grains, type Grain } from '../../schema/period';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { Choice, grainOptions } from '../../ui/components/choice';
import { Segmented } from '../../ui/components/segmented';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { pickParam } from '../url-params';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { DatasetSummary } from './dataset-summary';

const mauWindows = ['30', '28'] as const;
const topEventsLimit = 10;

function KpiStrip({ rows }: { rows: readonly Row[] }) {
  const { t, formatNumber, formatPercent, formatDay } = useI18n();
  const last = [...rows].reverse().find((r) => r.mau_complete === true) ?? rows[rows.length - 1];
  if (!last) return null;
  const kpis = [
    { label: t('kpi.dau'), value: formatNumber(Number(last.dau)) },
    { label: t('kpi.wau'), value: formatNumber(Number(last.wau)) },
    { label: t('kpi.mau'), value: formatNumber(Number(last.mau)) },
    { label: t('kpi.stickiness'), value: last.dau_mau === null ? '–' : formatPercent(Number(last.dau_mau)) },
  ];
  return (
    <div className="kpis" data-testid="kpis">
      {kpis.map((k) => (
        <div className="kpi" key={k.label}>
          <div className="kpi-label">{k.label}</div>
          <div className="kpi-value">{k.value}</div>
          <div className="kpi-note">{t('kpi.asOf', { date: formatDay(Number(last.day)) })}</div>
        </div>
      ))}
    </div>
  );
}

const revenueCharts = [
  { field: 'revenue', title: 'revenue.revenue', y: 'axis.amount', color: seriesColors[2] },
  { field: 'paying_users', title: 'revenue.payingUsers', y: 'axis.users', color: seriesColors[1] },
] as const;

/** 概览: dataset summary, DAU/WAU/MAU with DAU/MAU, new users, revenue, top events. */
export function OverviewPage() {
  const { t, formatNumber, formatDay, formatPercent } = useI18n();
  const { info } = useWorkspace();
  const { route, setParams } = useRoute();
  const grain = pickParam<Grain>(route.params, 'grain', grains, 'day');
  const mauWindow = Number(pickParam(route.params, 'mau', mauWindows, '30')) as 28 | 30;
  const weekStart = info?.weekStart ?? 'monday';
  const tz = info?.timeZone ?? 'UTC';
  const grainNoun = t(`grainNoun.${grain}`);

  const active = useAnalysis('overview-active', { kind: 'active-users', spec: { mauWindow, coreEvents: [] } });
  const newUsers = useAnalysis('overview-new', { kind: 'new-users', spec: { grain, weekStart } });
  const revenue = useAnalysis('overview-revenue', info?.hasAmount ? { kind: 'revenue', spec: { grain, weekStart } } : null);
  const topEvents = useAnalysis('overview-top-events', { kind: 'top-events', spec: { limit: topEventsLimit } });

  const axis = useMemo(() => ({ formatDay, formatNumber: (v: number) => formatNumber(v) }), [formatDay, formatNumber]);
  const names = useMemo(() => ({ dau: t('series.dau'), wau: t('series.wau'), mau: t('series.mau') }), [t]);

  const grainControl = (
    <Choice label="grain.label" value={grain} options={grainOptions} onChange={(g) => setParams({ grain: g })} />
  );

  return (
    <div className="page" data-testid="overview">
      <DatasetSummary />
      {active.status.state === 'ready' ? <KpiStrip rows={active.status.result.rows} /> : null}
      <Panel
        testId="panel-active"
        title={t('active.title')}
        definition={t('active.definition', { events: t('active.anyEvent'), w: mauWindow, w1: mauWindow - 1, tz })}
        status={active.status}
        retry={active.retry}
        controls={
          <Segmented
            label={t('active.window')}
            value={String(mauWindow) as (typeof mauWindows)[number]}
            options={mauWindows.map((w) => ({ value: w, label: t('active.days', { n: w }) }))}
            onChange={(w) => setParams({ mau: w })}
          />
        }
      >
        {(result) =>
          result.rows.length === 0 ? (
            <p>{t('panel.empty')}</p>
          ) : (
            <>
              <PlotFigure
                label={t('active.title')}
                options={activeUsersChart(activeUsersPoints(result.rows, names), {
                  ...axis,
                  x: t('axis.date'),
                  y: t('axis.users'),
                })}
              />
              <h3>{t('active.ratioTitle')}</h3>
              <PlotFigure
                label={t('active.ratioTitle')}
                options={stickinessRatioChart(result.rows, { ...axis, formatPercent, x: t('axis.date'), y: t('series.ratio') })}
              />
              <p className="muted">{t('panel.incomplete')}</p>
            </>
          )
        }
      </Panel>
      <Panel
        testId="panel-new-users"
        title={t('newUsers.title')}
        definition={t('newUsers.definition', { grain: grainNoun, tz })}
        status={newUsers.status}
        retry={newUsers.retry}
        controls={grainControl}
      >
        {(result) => (
          <PlotFigure
            label={t('newUsers.title')}
            options={periodBarsChart(result.rows, 'new_users', grain, weekStart, {
              ...axis,
              x: t('axis.date'),
              y: t('axis.users'),
            })}
          />
        )}
      </Panel>
      {info?.hasAmount ? (
        <Panel
          testId="panel-revenue"
          title={t('revenue.title')}
          definition={t('revenue.definition', { grain: grainNoun, tz })}
          status={revenue.status}
          retry={revenue.retry}
          controls={grainControl}
        >
          {(result) => (
            <div className="chart-pair">
              {revenueCharts.map((c) => (
                <div key={c.field}>
                  <h3>{t(c.title)}</h3>
                  <PlotFigure
                    label={t(c.title)}
                    options={periodBarsChart(
                      result.rows,
                      c.field,
                      grain,
                      weekStart,
                      { ...axis, x: t('axis.date'), y: t(c.y) },
                      c.color,
                    )}
                  />
                </div>
              ))}
            </div>
          )}
        </Panel>
      ) : null}
      <Panel
        testId="panel-top-events"
        title={t('topEvents.title')}
        definition={t('topEvents.definition', { n: topEventsLimit })}
        status={topEvents.status}
        retry={topEvents.retry}
      >
        {(result) => (
          <PlotFigure
            label={t('topEvents.title')}
            options={topEventsChart(result.rows, { ...axis, x: t('topEvents.events'), y: t('topEvents.users') })}
          />
        )}
      </Panel>
    </div>
  );
}
