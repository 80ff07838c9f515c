import { memo, useMemo } from 'react';
import type { Grain } from '../../schema/period';
import type { Row } from '../../schema/row';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { grainVariants } from '../grain-variants';
import { useI18n } from '../../ui/i18n/i18n';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { cohortChurnChart } from './churn-charts';
import { TOP_VALUES } from './churned-by-query';
import { isoOf, problemText, type ChurnPanelProps } from './churn-ui';

const numberCell = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** A share as a bar behind its number, so that a column of shares reads at a glance. */
function ShareCell({ share, measurable, users }: { share: number; measurable: number; users: number }) {
  const { t, formatPercentColumn } = useI18n();
  if (measurable === 0) {
    return (
      <td style={numberCell} title={t('churn.cohorts.notYet')}>
        –
      </td>
    );
  }
  const width = `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`;
  return (
    <td style={{ ...numberCell, background: `linear-gradient(to right, #fecaca ${width}, transparent ${width})` }}>
      {formatPercentColumn(share)}
      {measurable < users ? '*' : ''}
    </td>
  );
}

/** Rows of users, churned and share, under a first column of labels. */
function ShareTable({
  rows,
  head,
  label,
  testId,
  measurable,
}: {
  rows: readonly Row[];
  head: string;
  label: (r: Row) => string;
  testId: string;
  /** How many of a row's users could have churned by the date; absent: all of them. */
  measurable?: (r: Row) => number;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-scroll">
      <table className="grid" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('churn.cohorts.users')}</th>
            <th scope="col">{t('churn.cohorts.churned')}</th>
            <th scope="col">{t('churn.cohorts.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{label(r)}</th>
              <td style={numberCell}>{formatNumber(Number(r.users))}</td>
              <td style={numberCell}>{formatNumber(Number(r.churned))}</td>
              <ShareCell
                share={Number(r.churned_share)}
                measurable={measurable?.(r) ?? Number(r.users)}
                users={Number(r.users)}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cohorts' churned shares as bars, then as a table. */
function CohortBody({ rows, grain }: { rows: readonly Row[]; grain: Grain }) {
  const { t, formatNumber, formatPercent, formatDay } = useI18n();
  const { info } = useWorkspace();
  const interval = grain === 'week' ? (info?.weekStart ?? 'monday') : grain;
  const options = useMemo(
    () =>
      cohortChurnChart(rows, interval, {
        x: t('churn.cohorts.cohort'),
        y: t('churn.cohorts.share'),
        users: t('churn.cohorts.users'),
        churned: t('churn.cohorts.churned'),
        formatDay,
        formatNumber,
        formatPercent,
        notYet: t('churn.cohorts.notYet'),
      }),
    [rows, interval, t, formatDay, formatNumber, formatPercent],
  );
  if (rows.length === 0) return <p role="status">{t('panel.empty')}</p>;
  return (
    <>
      <PlotFigure label={t('churn.cohorts.title')} options={options} />
      <ShareTable
        rows={rows}
        head={t('churn.cohorts.cohort')}
        label={(r) => formatDay(Number(r.cohort))}
        testId="churn-cohorts-table"
        measurable={(r) => Number(r.measurable_users)}
      />
      {rows.some((r) => Number(r.measurable_users) < Number(r.users)) ? (
        <p className="muted" data-testid="churn-cohorts-marks">
          {t('churn.cohorts.marks', { l: formatNumber(Number(rows[0]?.threshold)) })}
        </p>
      ) : null}
    </>
  );
}

/** Churned share per cohort of first activity, as of the chosen day. */
export const CohortChurnPanel = memo(function CohortChurnPanel({ settings, problems, proposedThreshold }: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { info } = useWorkspace();
  const spec = problems.inactivity
    ? null
    : {
        coreEvents: settings.coreEvents,
        threshold: settings.threshold,
        asOf: settings.asOf,
        grain: settings.grain,
        weekStart: info?.weekStart ?? 'monday',
      };
  const { status, retry } = useAnalysis('churn-by-cohort', spec ? { kind: 'churn-by-cohort', spec } : null, {
    prefetch: grainVariants,
  });
  const l = settings.threshold ?? proposedThreshold;
  return (
    <Panel
      testId="panel-churn-cohorts"
      title={t('churn.cohorts.title')}
      definition={t('churn.cohorts.definition', {
        date: settings.asOf ?? isoOf(info?.lastDay),
        grain: t(`grainNoun.${settings.grain}`),
        tz: info?.timeZone ?? 'UTC',
        l: l === null ? 'L' : formatNumber(l),
        events: settings.coreEvents[0] ?? t('churn.anyEvent'),
      })}
      status={status}
      retry={retry}
      notice={problems.inactivity ? problemText(problems.inactivity, i18n) : null}
    >
      {(result) => <CohortBody rows={result.rows} grain={settings.grain} />}
    </Panel>
  );
});

/** Churned share by a users-file attribute (top values and other); drawn only when a users file has attributes. */
export const AttributeChurnPanel = memo(function AttributeChurnPanel({
  settings,
  problems,
  setParams,
  params,
  proposedThreshold,
}: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { info } = useWorkspace();
  const attributes = info?.userAttributes ?? [];
  const attribute = params.attribute || attributes[0] || null;
  const missing = attribute !== null && !attributes.includes(attribute);
  const notice = problems.inactivity
    ? problemText(problems.inactivity, i18n)
    : missing
      ? t('churn.attr.missingColumn', { attribute })
      : null;
  const spec =
    notice || attribute === null
      ? null
      : { coreEvents: settings.coreEvents, threshold: settings.threshold, asOf: settings.asOf, attribute };
  const { status, retry } = useAnalysis('churn-by-attribute', spec ? { kind: 'churn-by-attribute', spec } : null);
  if (attributes.length === 0) return null;
  const l = settings.threshold ?? proposedThreshold;
  return (
    <Panel
      testId="panel-churn-attribute"
      title={t('churn.attr.title')}
      definition={t('churn.attr.definition', {
        date: settings.asOf ?? isoOf(info?.lastDay),
        attribute: attribute ?? '',
        top: formatNumber(TOP_VALUES),
        l: l === null ? 'L' : formatNumber(l),
      })}
      status={status}
      retry={retry}
      notice={notice}
      controls={
        <label>
          {t('churn.attr.attribute')}{' '}
          <select
            value={attribute ?? ''}
            data-testid="churn-attribute"
            onChange={(e) => setParams({ attribute: e.target.value || undefined })}
          >
            {(missing && attribute !== null ? [attribute, ...attributes] : attributes).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {(result) => (
        <ShareTable
          rows={result.rows}
          head={t('churn.attr.value')}
          label={(r) => (r.other === true ? t('churn.attr.other') : r.value === null ? t('churn.attr.missing') : String(r.value))}
          testId="churn-attribute-table"
        />
      )}
    </Panel>
  );
});
