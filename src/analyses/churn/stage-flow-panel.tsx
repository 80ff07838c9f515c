import { memo } from 'react';
import type { Row } from '../../schema/row';
import { isoDate } from '../../schema/validate';
import { Panel } from '../../ui/components/panel';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { grainVariants } from '../grain-variants';
import { useI18n } from '../../ui/i18n/i18n';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { stages, type Stage } from './churn-charts';
import { CommitInput, isoOf, problemText, type ChurnPanelProps } from './churn-ui';

const numberCell = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const fromStages = ['none', ...stages] as const;
type FromStage = (typeof fromStages)[number];

/** The from-stage x to-stage table: users and row shares, each cell shaded by its share of the row. */
function FlowTable({ rows }: { rows: readonly Row[] }) {
  const { t, formatNumber, formatPercentColumn, formatDay } = useI18n();
  const first = rows[0];
  if (!first) return <p role="status">{t('churn.flow.empty')}</p>;
  const count = new Map(rows.map((r) => [`${String(r.from_stage)}>${String(r.to_stage)}`, Number(r.users)]));
  const cell = (from: FromStage, to: Stage) => count.get(`${from}>${to}`) ?? 0;
  const rowTotal = (from: FromStage) => stages.reduce((n, to) => n + cell(from, to), 0);
  const columnTotal = (to: Stage) => fromStages.reduce((n, from) => n + cell(from, to), 0);
  const all = fromStages.reduce((n, from) => n + rowTotal(from), 0);
  const name = (s: FromStage) => (s === 'none' ? t('churn.flow.none') : t(`churn.stages.${s === 'silent' ? 'silentStage' : s}`));
  return (
    <>
      <p>
        {t('churn.flow.caption', {
          from: formatDay(Number(first.from_period)),
          fromEnd: formatDay(Number(first.from_as_of)),
          to: formatDay(Number(first.to_period)),
          toEnd: formatDay(Number(first.to_as_of)),
        })}
      </p>
      <div className="table-scroll">
        <table className="grid" data-testid="churn-flow-table">
          <thead>
            <tr>
              <th scope="col">{t('churn.flow.fromTo')}</th>
              {stages.map((to) => (
                <th key={to} scope="col" data-stage={to}>
                  {name(to)}
                </th>
              ))}
              <th scope="col">{t('churn.flow.total')}</th>
            </tr>
          </thead>
          <tbody>
            {fromStages.map((from) => {
              const total = rowTotal(from);
              return (
                <tr key={from} data-stage={from}>
                  <th scope="row">{name(from)}</th>
                  {stages.map((to) => {
                    const n = cell(from, to);
                    const share = total > 0 ? n / total : 0;
                    return (
                      <td
                        key={to}
                        data-to={to}
                        style={{
                          ...numberCell,
                          background: n > 0 ? `rgba(37, 99, 235, ${(0.08 + 0.5 * share).toFixed(3)})` : undefined,
                        }}
                      >
                        {formatNumber(n)}
                        {total > 0 ? <span className="flow-share"> ({formatPercentColumn(share)})</span> : null}
                      </td>
                    );
                  })}
                  <td style={{ ...numberCell, fontWeight: 600 }} data-to="total">
                    {formatNumber(total)}
                  </td>
                </tr>
              );
            })}
            <tr data-stage="total">
              <th scope="row">{t('churn.flow.total')}</th>
              {stages.map((to) => (
                <td key={to} style={{ ...numberCell, fontWeight: 600 }} data-to={to}>
                  {formatNumber(columnTotal(to))}
                </td>
              ))}
              <td style={{ ...numberCell, fontWeight: 600 }}>{formatNumber(all)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

/** How users moved between the stages from one period to the next, as a table a person can read. */
export const StageFlowPanel = memo(function StageFlowPanel({
  settings,
  problems,
  setParams,
  params,
  proposedThreshold,
}: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { info } = useWorkspace();
  const checked = params.flow ? isoDate(params.flow, 'flow') : null;
  const period = checked?.ok ? checked.value : null;
  const spec = problems.inactivity
    ? null
    : {
        coreEvents: settings.coreEvents,
        threshold: settings.threshold,
        silent: settings.silent,
        grain: settings.grain,
        weekStart: info?.weekStart ?? 'monday',
        period,
      };
  const { status, retry } = useAnalysis('churn-flow', spec ? { kind: 'churn-flow', spec } : null, { prefetch: grainVariants });
  const ready = status.state === 'ready' ? status.result.rows[0] : undefined;
  const l = ready ? Number(ready.threshold) : (settings.threshold ?? proposedThreshold);
  const s = ready ? Number(ready.silent_threshold) : settings.silent;
  return (
    <Panel
      testId="panel-churn-flow"
      title={t('churn.flow.title')}
      definition={t('churn.flow.definition', {
        grain: t(`grainNoun.${settings.grain}`),
        tz: info?.timeZone ?? 'UTC',
        s: s === null ? 'S' : formatNumber(s),
        l: l === null ? 'L' : formatNumber(l),
      })}
      status={status}
      retry={retry}
      notice={
        problems.inactivity
          ? problemText(problems.inactivity, i18n)
          : params.flow && period === null
            ? t('churn.badDate', { field: 'flow', value: params.flow })
            : null
      }
      controls={
        <CommitInput
          label={t('churn.flow.period')}
          type="date"
          testId="churn-flow-period"
          value={params.flow ?? (ready ? isoOf(Number(ready.to_period)) : '')}
          min={isoOf(info?.firstDay)}
          max={isoOf(info?.lastDay)}
          onCommit={(v) => setParams({ flow: v || undefined })}
        />
      }
    >
      {(result) => <FlowTable rows={result.rows} />}
    </Panel>
  );
});
