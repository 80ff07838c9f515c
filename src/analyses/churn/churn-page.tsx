import { memo, useMemo } from 'react';
import type { Row } from '../../schema/row';
import { grains, type Grain } from '../../schema/period';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { Segmented } from '../../ui/components/segmented';
import { useAnalysis, useSegmentScope, type AnalysisStatus } from '../../ui/hooks/use-analysis';
import { grainVariants } from '../grain-variants';
import { useRoute } from '../../ui/hooks/use-route';
import { useStagedCount } from '../../ui/hooks/use-staged-count';
import { useI18n } from '../../ui/i18n/i18n';
import { SaveAsSegment } from '../../ui/workspace/save-as-segment';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { AtRiskPanel } from './at-risk-panel';
import { BgNbdPanel } from './bgnbd-panel';
import { churnRateChart, gapsChart, stagesChart, type Stage } from './churn-charts';
import { churnSettingsFromParams } from './churn-settings';
import { AttributeChurnPanel, CohortChurnPanel } from './churned-by-panel';
import { StageFlowPanel } from './stage-flow-panel';
import { CommitInput, isoOf, problemText, type ChurnPanelProps } from './churn-ui';
import { allEventNames } from '../../engine/workspace-info';

const noEventNames: readonly string[] = [];

/** 流失: the inactivity threshold, churned users, churn and recall per period, the at-risk list, and BG/NBD. */
export function ChurnPage() {
  const { info } = useWorkspace();
  const { route, setParams } = useRoute();
  const paramsKey = JSON.stringify(route.params);
  const eventNames = info ? allEventNames(info) : noEventNames;
  const hasAmount = info?.hasAmount ?? false;
  // Settings keep their identity while the URL does, so a panel re-renders only for its own reasons.
  const { settings, problems, params } = useMemo(() => {
    const p = JSON.parse(paramsKey) as Record<string, string>;
    return { ...churnSettingsFromParams(p, eventNames, hasAmount), params: p };
  }, [paramsKey, eventNames, hasAmount]);
  // The gaps run here, once: every panel's definition states the L they propose.
  const gaps = useAnalysis(
    'churn-gaps',
    problems.inactivity ? null : { kind: 'churn-gaps', spec: { coreEvents: settings.coreEvents } },
  );
  const first = gaps.status.state === 'ready' ? gaps.status.result.rows[0] : undefined;
  const proposedThreshold = first ? Number(first.proposed_threshold) : null;
  const props = { settings, problems, setParams, params, proposedThreshold };
  const shown = useStagedCount(laterPanels.length + 1);
  return (
    <div className="page" data-testid="churn-page">
      <GapsPanel {...props} status={gaps.status} retry={gaps.retry} />
      {laterPanels.slice(0, shown - 1).map((LaterPanel, i) => (
        <LaterPanel key={i} {...props} />
      ))}
    </div>
  );
}

/** The gap distribution with the threshold L in use. */
function GapsBody({ rows, threshold }: { rows: readonly Row[]; threshold: number | null }) {
  const { t, formatNumber } = useI18n();
  const first = rows[0];
  const proposed = Number(first?.proposed_threshold);
  const l = threshold ?? proposed;
  const options = useMemo(
    () => gapsChart(rows, l, { x: t('churn.gaps.x'), y: t('churn.gaps.y'), rule: t('churn.gaps.rule', { l }), formatNumber }),
    [rows, l, t, formatNumber],
  );
  if (!first) return <p role="status">{t('churn.gaps.none')}</p>;
  return (
    <>
      <p data-testid="churn-proposed">
        {t('churn.gaps.proposed', {
          l: formatNumber(proposed),
          gaps: formatNumber(Number(first.total_gaps)),
          median: formatNumber(Number(first.median_gap)),
        })}{' '}
        {threshold !== null ? t('churn.gaps.used', { l: formatNumber(threshold) }) : null}
      </p>
      <PlotFigure label={t('churn.gaps.title')} options={options} />
    </>
  );
}

/** The gaps between consecutive active days, the threshold L they propose, and the L in use. */
const GapsPanel = memo(function GapsPanel({
  settings,
  problems,
  setParams,
  params,
  status,
  retry,
}: ChurnPanelProps & { status: AnalysisStatus; retry: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { info } = useWorkspace();
  return (
    <Panel
      testId="panel-churn-gaps"
      title={t('churn.gaps.title')}
      definition={t('churn.gaps.definition', {
        tz: info?.timeZone ?? 'UTC',
        events: settings.coreEvents[0] ?? t('churn.anyEvent'),
      })}
      status={status}
      retry={retry}
      notice={problems.inactivity ? problemText(problems.inactivity, i18n) : null}
      controls={
        <>
          <label>
            {t('churn.coreEvent')}{' '}
            <select value={settings.coreEvents[0] ?? ''} onChange={(e) => setParams({ event: e.target.value || undefined })}>
              <option value="">{t('churn.anyEvent')}</option>
              {(info?.eventNames ?? []).map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </label>
          <CommitInput
            label={t('churn.threshold')}
            size={11}
            testId="churn-threshold"
            value={params.threshold ?? ''}
            placeholder={t('churn.thresholdAuto')}
            onCommit={(v) => setParams({ threshold: v.trim() || undefined })}
          />
        </>
      }
    >
      {(result) => <GapsBody rows={result.rows} threshold={settings.threshold} />}
    </Panel>
  );
});

/** The users churned as of a day: inactive for more than L days. */
const StatusPanel = memo(function StatusPanel({ settings, problems, setParams, params }: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber, formatPercent, formatDay } = i18n;
  const { info, client } = useWorkspace();
  const spec = problems.inactivity
    ? null
    : { coreEvents: settings.coreEvents, threshold: settings.threshold, asOf: settings.asOf };
  const { status, retry } = useAnalysis('churn-status', spec ? { kind: 'churn-status', spec } : null);
  // Saving lists the churned (or not churned) users, within the page's own segment filter.
  const churnedRequest = useSegmentScope(spec ? { kind: 'churn-churned-users', spec: { ...spec, churned: true } } : null).request;
  const notChurnedRequest = useSegmentScope(
    spec ? { kind: 'churn-churned-users', spec: { ...spec, churned: false } } : null,
  ).request;
  const idsOf = (request: typeof churnedRequest) => async () => {
    if (!request) return [];
    const outcome = await client.run('churn-save-churned', request);
    return outcome.ok ? outcome.value.rows.map((r) => String(r.user_id)) : [];
  };
  return (
    <Panel
      testId="panel-churn-status"
      title={t('churn.status.title')}
      definition={t('churn.status.definition', { tz: info?.timeZone ?? 'UTC' })}
      status={status}
      retry={retry}
      notice={problems.inactivity ? problemText(problems.inactivity, i18n) : null}
      controls={
        <CommitInput
          label={t('churn.asOf')}
          type="date"
          value={params.asOf ?? isoOf(info?.lastDay)}
          min={isoOf(info?.firstDay)}
          max={isoOf(info?.lastDay)}
          onCommit={(v) => setParams({ asOf: v || undefined })}
        />
      }
    >
      {(result) => {
        const row = result.rows[0];
        if (!row || !Number(row.users)) return <p role="status">{t('panel.empty')}</p>;
        const users = Number(row.users);
        const churned = Number(row.churned);
        return (
          <div className="kpis" data-testid="churn-status">
            <div className="kpi">
              <div className="kpi-label">{t('churn.status.users')}</div>
              <div className="kpi-value">{formatNumber(users)}</div>
              <div className="kpi-note">{t('churn.status.asOf', { date: formatDay(Number(row.as_of)) })}</div>
            </div>
            <div className="kpi">
              <div className="kpi-label">{t('churn.status.churned', { l: formatNumber(Number(row.threshold)) })}</div>
              <div className="kpi-value">{formatNumber(churned)}</div>
              <div className="kpi-note">
                {formatPercent(Number(row.churned_share))}{' '}
                {churned > 0 ? (
                  <SaveAsSegment
                    name={t('churn.status.segmentName', {
                      date: isoOf(Number(row.as_of)),
                      l: formatNumber(Number(row.threshold)),
                    })}
                    ids={idsOf(churnedRequest)}
                  />
                ) : null}
              </div>
            </div>
            <div className="kpi">
              <div className="kpi-label">{t('churn.status.notChurned')}</div>
              <div className="kpi-value">{formatNumber(users - churned)}</div>
              <div className="kpi-note">
                {formatPercent(1 - Number(row.churned_share))}{' '}
                {users - churned > 0 ? (
                  <SaveAsSegment
                    name={t('churn.status.notChurnedSegmentName', {
                      date: isoOf(Number(row.as_of)),
                      l: formatNumber(Number(row.threshold)),
                    })}
                    ids={idsOf(notChurnedRequest)}
                  />
                ) : null}
              </div>
            </div>
          </div>
        );
      }}
    </Panel>
  );
});

/** The churn and recall rate chart. */
function RateBody({ rows }: { rows: readonly Row[] }) {
  const { t, formatNumber, formatPercent, formatDay } = useI18n();
  const options = useMemo(
    () =>
      churnRateChart(rows, {
        x: t('axis.date'),
        y: t('churn.rate.y'),
        churn: t('churn.rate.churn'),
        recall: t('churn.rate.recall'),
        formatDay,
        formatNumber,
        formatPercent,
      }),
    [rows, t, formatDay, formatNumber, formatPercent],
  );
  if (rows.length < 2) return <p role="status">{t('panel.oneDay')}</p>;
  return <PlotFigure label={t('churn.rate.title')} options={options} />;
}

/** Churn and recall rates per period. */
const RatePanel = memo(function RatePanel({ settings, problems, setParams, proposedThreshold }: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { info } = useWorkspace();
  const spec = problems.inactivity
    ? null
    : {
        coreEvents: settings.coreEvents,
        threshold: settings.threshold,
        grain: settings.grain,
        weekStart: info?.weekStart ?? 'monday',
      };
  const { status, retry } = useAnalysis('churn-rate', spec ? { kind: 'churn-rate', spec } : null, { prefetch: grainVariants });
  const l = settings.threshold ?? proposedThreshold;
  return (
    <Panel
      testId="panel-churn-rate"
      title={t('churn.rate.title')}
      definition={t('churn.rate.definition', {
        grain: t(`grainNoun.${settings.grain}`),
        tz: info?.timeZone ?? 'UTC',
        l: l === null ? 'L' : formatNumber(l),
      })}
      status={status}
      retry={retry}
      notice={problems.inactivity ? problemText(problems.inactivity, i18n) : null}
      controls={
        <Segmented<Grain>
          label={t('grain.label')}
          value={settings.grain}
          options={grains.map((g) => ({ value: g, label: t(`grain.${g}`) }))}
          onChange={(g) => setParams({ grain: g })}
        />
      }
    >
      {(result) => <RateBody rows={result.rows} />}
    </Panel>
  );
});

/** The stacked stage counts per period. */
function StagesBody({ rows, grain }: { rows: readonly Row[]; grain: Grain }) {
  const { t, formatNumber, formatDay } = useI18n();
  const { info } = useWorkspace();
  const interval = grain === 'week' ? (info?.weekStart ?? 'monday') : grain;
  const options = useMemo(() => {
    const names: Record<Stage, string> = {
      new: t('churn.stages.new'),
      recalled: t('churn.stages.recalled'),
      active: t('churn.stages.active'),
      silent: t('churn.stages.silentStage'),
      churned: t('churn.stages.churned'),
    };
    return stagesChart(rows, interval, { x: t('axis.date'), y: t('axis.users'), formatDay, formatNumber, names });
  }, [rows, interval, t, formatDay, formatNumber]);
  const first = rows[0];
  if (!first) return <p role="status">{t('panel.empty')}</p>;
  return (
    <>
      <p>
        {t('churn.stages.using', {
          s: formatNumber(Number(first.silent_threshold)),
          l: formatNumber(Number(first.threshold)),
        })}
      </p>
      <PlotFigure label={t('churn.stages.title')} options={options} />
    </>
  );
}

/** 新增 / 活跃 / 沉默 / 流失 / 召回 at the end of each period. */
const StagesPanel = memo(function StagesPanel({ settings, problems, setParams, params }: ChurnPanelProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { info } = useWorkspace();
  const spec = problems.inactivity
    ? null
    : {
        coreEvents: settings.coreEvents,
        threshold: settings.threshold,
        silent: settings.silent,
        grain: settings.grain,
        weekStart: info?.weekStart ?? 'monday',
      };
  const { status, retry } = useAnalysis('churn-stages', spec ? { kind: 'churn-stages', spec } : null, {
    prefetch: grainVariants,
  });
  return (
    <Panel
      testId="panel-churn-stages"
      title={t('churn.stages.title')}
      definition={t('churn.stages.definition', { grain: t(`grainNoun.${settings.grain}`), tz: info?.timeZone ?? 'UTC' })}
      status={status}
      retry={retry}
      notice={problems.inactivity ? problemText(problems.inactivity, i18n) : null}
      controls={
        <CommitInput
          label={t('churn.stages.silent')}
          size={11}
          value={params.silent ?? ''}
          placeholder={t('churn.thresholdAuto')}
          onCommit={(v) => setParams({ silent: v.trim() || undefined })}
        />
      }
    >
      {(result) => <StagesBody rows={result.rows} grain={settings.grain} />}
    </Panel>
  );
});

/** The panels below the gaps, top to bottom; they mount one per task after the page opens. */
const laterPanels = [
  StatusPanel,
  CohortChurnPanel,
  AttributeChurnPanel,
  RatePanel,
  StagesPanel,
  StageFlowPanel,
  AtRiskPanel,
  BgNbdPanel,
] as const;
