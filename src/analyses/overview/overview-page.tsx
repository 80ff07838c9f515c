import { useMemo } from 'react';
import { stickinessRatioChart } from '../../charts/dau-mau-chart';
import { StickinessRatioFigure } from '../../ui/components/stickiness-ratio-figure';
import { activeUsersChart, activeUsersPoints, shiftedPoints } from './active-users-chart';
import { kpiChange } from './kpi-change';
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
import { compareOf, comparisonRange, rangeOf, type CompareMode } from '../../ui/workspace/date-range';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { DatasetSummary } from './dataset-summary';
import { defaultOverviewSettings, overviewRequests, topEventsLimit } from './overview-requests';

const mauWindows = ['30', '28'] as const;

/** The row a KPI card reads: the last day whose MAU window lies in the data. */
const kpiRow = (rows: readonly Row[]) => [...rows].reverse().find((r) => r.mau_complete === true) ?? rows[rows.length - 1];

function KpiStrip({
  rows,
  comparison,
}: {
  rows: readonly Row[];
  comparison: { rows: readonly Row[]; mode: CompareMode } | null;
}) {
  const { t, formatNumber, formatPercent, formatDay } = useI18n();
  const last = kpiRow(rows);
  if (!last) return null;
  const then = comparison ? kpiRow(comparison.rows) : undefined;
  const what = comparison?.mode === 'year' ? t('compare.vsYear') : t('compare.vsPrevious');
  const kpis = [
    { field: 'dau', label: t('kpi.dau'), format: formatNumber },
    { field: 'wau', label: t('kpi.wau'), format: formatNumber },
    { field: 'mau', label: t('kpi.mau'), format: formatNumber },
    { field: 'dau_mau', label: t('kpi.stickiness'), format: formatPercent },
  ] as const;
  // A ratio's change is in percentage points, not a percent of a percent.
  const points = (delta: number) => t('compare.points', { n: formatNumber(Math.round(delta * 1000) / 10) });
  return (
    <div className="kpis" data-testid="kpis">
      {kpis.map((k) => {
        const now = last[k.field] === null ? null : Number(last[k.field]);
        const before = then && then[k.field] !== null ? Number(then[k.field]) : null;
        const change = kpiChange(now, before);
        return (
          <div className="kpi" key={k.label}>
            <div className="kpi-label">{k.label}</div>
            <div className="kpi-value">{now === null ? '–' : k.format(now)}</div>
            <div className="kpi-note">{t('kpi.asOf', { date: formatDay(Number(last.day)) })}</div>
            {change ? (
              <div className={change.delta < 0 ? 'kpi-change down' : 'kpi-change up'} data-testid="kpi-change">
                {t('compare.change', {
                  change: `${change.delta > 0 ? '+' : ''}${k.field === 'dau_mau' ? points(change.delta) : k.format(change.delta)}`,
                  percent: change.ratio === null ? '–' : `${change.ratio > 0 ? '+' : ''}${formatPercent(change.ratio)}`,
                  what,
                })}
              </div>
            ) : null}
          </div>
        );
      })}
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
  const grain = pickParam<Grain>(route.params, 'grain', grains, defaultOverviewSettings.grain);
  const mauWindow = Number(pickParam(route.params, 'mau', mauWindows, String(defaultOverviewSettings.mauWindow))) as 28 | 30;
  const weekStart = info?.weekStart ?? 'monday';
  const requests = overviewRequests({ mauWindow, grain, weekStart, hasAmount: info?.hasAmount === true });
  const tz = info?.timeZone ?? 'UTC';
  const grainNoun = t(`grainNoun.${grain}`);

  const active = useAnalysis('overview-active', requests.active);
  // 环比 / 同比: the same analysis over the comparison range, through the envelope.
  const range = rangeOf(route.params);
  const mode = compareOf(route.params);
  const compared = mode && range.from && range.to ? comparisonRange(range.from, range.to, mode) : null;
  const comparison = useAnalysis(
    'overview-active-compare',
    compared ? { kind: 'active-users', spec: { mauWindow, coreEvents: [] }, from: compared.from, to: compared.to } : null,
  );
  const comparisonRows = compared && comparison.status.state === 'ready' ? comparison.status.result.rows : null;
  const newUsers = useAnalysis('overview-new', requests.newUsers);
  const revenue = useAnalysis('overview-revenue', requests.revenue);
  const topEvents = useAnalysis('overview-top-events', requests.topEvents);

  const axis = useMemo(() => ({ formatDay, formatNumber: (v: number) => formatNumber(v) }), [formatDay, formatNumber]);
  const names = useMemo(() => ({ dau: t('series.dau'), wau: t('series.wau'), mau: t('series.mau') }), [t]);
  // The comparison's days, shifted onto the range, widen both stacked charts' x scale alike.
  const offsetDays = compared?.offsetDays;
  const comparisonPoints = useMemo(
    () => (comparisonRows && offsetDays !== undefined ? shiftedPoints(activeUsersPoints(comparisonRows, names), offsetDays) : []),
    [comparisonRows, offsetDays, names],
  );
  const comparisonDays = useMemo(() => comparisonPoints.map((p) => p.day), [comparisonPoints]);

  const grainControl = (
    <Choice label="grain.label" value={grain} options={grainOptions} onChange={(g) => setParams({ grain: g })} />
  );

  return (
    <div className="page" data-testid="overview">
      <DatasetSummary />
      {active.status.state === 'ready' ? (
        <KpiStrip rows={active.status.result.rows} comparison={comparisonRows && mode ? { rows: comparisonRows, mode } : null} />
      ) : null}
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
                inputs={[result, comparisonPoints, names, axis, t]}
                options={activeUsersChart(
                  activeUsersPoints(result.rows, names),
                  { ...axis, x: t('axis.date'), y: t('axis.users') },
                  comparisonPoints,
                )}
              />
              {comparisonRows && compared ? (
                <p className="muted" data-testid="compare-note">
                  {t(comparisonRows.length ? 'compare.lighter' : 'compare.noData', {
                    from: formatDay(Date.parse(`${compared.from}T00:00:00Z`)),
                    to: formatDay(Date.parse(`${compared.to}T00:00:00Z`)),
                  })}
                </p>
              ) : null}
              <h3>{t('active.ratioTitle')}</h3>
              <StickinessRatioFigure
                rows={result.rows}
                mauWindow={mauWindow}
                windowChoice
                label={t('active.ratioTitle')}
                inputs={[result, comparisonDays, axis, formatPercent, t]}
                options={stickinessRatioChart(
                  result.rows,
                  { ...axis, formatPercent, x: t('axis.date'), y: t('series.ratio') },
                  comparisonDays,
                )}
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
            inputs={[result, weekStart, axis, t]}
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
                    inputs={[result, c, weekStart, axis, t]}
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
            inputs={[result, axis, t]}
            options={topEventsChart(result.rows, { ...axis, x: t('topEvents.events'), y: t('topEvents.users') })}
          />
        )}
      </Panel>
    </div>
  );
}
