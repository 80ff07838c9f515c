import { memo, useMemo } from 'react';
import type { AnalysisResult } from '../../engine/engine';
import type { Row } from '../../schema/row';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { ResultTable } from '../../ui/components/result-table';
import { Segmented } from '../../ui/components/segmented';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { SaveAsSegment } from '../../ui/workspace/save-as-segment';
import { BgNbdCustomerTable, useBgNbdFile } from './bgnbd-customer-table';
import type { BgNbdSpec } from './bgnbd-query';
import { holdoutChart, pAliveChart } from './churn-charts';
import { defaultHorizon } from './churn-settings';
import { CommitInput, isoOf, problemText, type ChurnPanelProps } from './churn-ui';
import { problemOf } from './run-helpers';

const parameterNames: Record<string, string> = { r: 'r', alpha: 'α', a: 'a', b: 'b' };

/** BG/NBD for purchase data: parameters, P(alive) and expected purchases per customer, the holdout check. */
export const BgNbdPanel = memo(function BgNbdPanel({ settings, problems, setParams, params }: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { info } = useWorkspace();
  const spec: BgNbdSpec | null = problems.bgnbd
    ? null
    : { calibrationEnd: settings.calibrationEnd, unit: settings.unit, horizon: settings.horizon, event: null };
  const { status, retry, cancel } = useAnalysis('churn-bgnbd', spec ? { kind: 'churn-bgnbd', spec } : null);
  const unitWord = settings.unit === 'week' ? t('churn.bgnbd.unitWeek') : t('churn.bgnbd.unitDay');
  const end = settings.calibrationEnd ?? isoOf(info?.lastDay);
  return (
    <Panel
      testId="panel-churn-bgnbd"
      title={t('churn.bgnbd.title')}
      definition={t('churn.bgnbd.definition', {
        tz: info?.timeZone ?? 'UTC',
        end,
        unit: unitWord,
        horizon: formatNumber(settings.horizon),
      })}
      status={status}
      retry={retry}
      cancel={{
        onCancel: cancel,
        label: t('churn.bgnbd.cancel'),
        cancelled: t('churn.bgnbd.cancelledByUser'),
        again: t('churn.bgnbd.fitAgain'),
      }}
      notice={problems.bgnbd ? problemText(problems.bgnbd, i18n) : null}
      controls={
        <>
          <CommitInput
            label={t('churn.bgnbd.calibrationEnd')}
            type="date"
            testId="churn-calibration-end"
            value={params.calibrationEnd ?? end}
            min={isoOf(info?.firstDay)}
            max={isoOf(info?.lastDay)}
            onCommit={(v) => setParams({ calibrationEnd: v || undefined })}
          />
          <Segmented
            label={t('churn.bgnbd.unit')}
            value={settings.unit}
            options={[
              { value: 'week', label: t('churn.bgnbd.unitWeek') },
              { value: 'day', label: t('churn.bgnbd.unitDay') },
            ]}
            onChange={(u) => setParams({ unit: u, horizon: String(defaultHorizon[u]) })}
          />
          <CommitInput
            label={t('churn.bgnbd.horizon')}
            type="number"
            size={5}
            min="1"
            max="3650"
            value={params.horizon ?? String(settings.horizon)}
            onCommit={(v) => setParams({ horizon: v || undefined })}
          />
        </>
      }
    >
      {(result) => <BgNbdBody result={result} unit={settings.unit} />}
    </Panel>
  );
});

/** The fitted parameters with their standard errors, and the log-likelihood. */
function ParameterTable({ parameters, errors }: { parameters: readonly Row[]; errors: ReadonlyMap<string, number> }) {
  const { t, formatNumber } = useI18n();
  const show = (v: number) => formatNumber(v, { maximumSignificantDigits: 5 });
  return (
    <table className="grid" data-testid="churn-bgnbd-parameters">
      <thead>
        <tr>
          <th scope="col">{t('churn.bgnbd.parameter')}</th>
          <th scope="col">{t('churn.bgnbd.value')}</th>
          <th scope="col">{t('churn.bgnbd.se')}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((p) => {
          const name = String(p.parameter);
          const se = errors.get(name);
          return (
            <tr key={name}>
              <th scope="row">{parameterNames[name] ?? t('churn.bgnbd.ll')}</th>
              <td>{show(Number(p.value))}</td>
              <td>{se === undefined ? '–' : show(se)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Customers per P(alive) bucket, each savable as a frozen segment (the ids come from the worker when asked). */
function PAliveBucketTable({
  buckets,
  calibrationEnd,
  spec,
}: {
  buckets: readonly Row[];
  calibrationEnd: string;
  spec: BgNbdSpec;
}) {
  const { t, formatNumber, formatPercentColumn } = useI18n();
  const file = useBgNbdFile();
  const total = buckets.reduce((sum, b) => sum + Number(b.customers), 0);
  const range = (from: number, to: number, last: boolean) =>
    t(last ? 'churn.bgnbd.bucketLast' : 'churn.bgnbd.bucket', { from: formatNumber(from), to: formatNumber(to) });
  const idsOf = (bucket: number) => async () => {
    const blob = await file({ ...spec, bucket, format: 'ids' });
    return blob ? (JSON.parse(await blob.text()) as string[]) : [];
  };
  return (
    <table className="grid" data-testid="churn-bgnbd-buckets">
      <thead>
        <tr>
          <th scope="col">{t('churn.bgnbd.pAliveX')}</th>
          <th scope="col">{t('churn.bgnbd.customersY')}</th>
          <th scope="col">{t('churn.bgnbd.share')}</th>
          <th scope="col">{t('churn.bgnbd.bucketSave')}</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((b, i) => {
          const customers = Number(b.customers);
          const label = range(Number(b.from), Number(b.to), i === buckets.length - 1);
          return (
            <tr key={String(b.from)}>
              <th scope="row">{label}</th>
              <td style={{ textAlign: 'right' }}>{formatNumber(customers)}</td>
              <td style={{ textAlign: 'right' }}>{total > 0 ? formatPercentColumn(customers / total) : '–'}</td>
              <td>
                {customers > 0 ? (
                  <SaveAsSegment
                    name={t('churn.bgnbd.bucketSegment', { range: label, date: calibrationEnd })}
                    ids={idsOf(Number(b.bucket))}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A fit's result: its parameters, or the problem that stopped it; P(alive) and the holdout check. */
function BgNbdBody({ result, unit }: { result: AnalysisResult; unit: 'week' | 'day' }) {
  const i18n = useI18n();
  const { t, formatNumber, formatDay } = i18n;
  const unitWord = unit === 'week' ? t('churn.bgnbd.unitWeek') : t('churn.bgnbd.unitDay');
  const holdout = result.tables?.holdout;
  const bins = result.tables?.p_alive_bins;
  const pAliveOptions = useMemo(
    () => pAliveChart(bins ?? [], { x: t('churn.bgnbd.pAliveX'), y: t('churn.bgnbd.customersY'), formatNumber }),
    [bins, t, formatNumber],
  );
  const holdoutOptions = useMemo(
    () =>
      holdoutChart(holdout ?? [], {
        x: t('churn.bgnbd.holdoutX'),
        y: t('churn.bgnbd.holdoutY'),
        actual: t('churn.bgnbd.actual'),
        expected: t('churn.bgnbd.expected'),
        formatNumber,
      }),
    [holdout, t, formatNumber],
  );
  const problem = problemOf(result.tables);
  if (problem) {
    return (
      <p className="panel-error" role="alert" data-testid="churn-bgnbd-problem">
        {problemText(problem, i18n)}
      </p>
    );
  }
  const fit = result.tables?.fit?.[0] ?? {};
  const parameters = result.tables?.parameters ?? [];
  const errors = new Map((result.tables?.standard_errors ?? []).map((r) => [String(r.parameter), Number(r.standard_error)]));
  const note = fit.standard_error_note;
  // The settings of the fit shown (its calibration end resolved): pages and files ask for this
  // fit, which the worker keeps, even while the page's new settings compute.
  const spec: BgNbdSpec = {
    calibrationEnd: String(fit.calibration_end),
    unit: fit.unit === 'day' ? 'day' : 'week',
    horizon: Number(fit.horizon),
    event: null,
  };
  const calibrationEnd = formatDay(Date.parse(String(fit.calibration_end)));
  return (
    <>
      <p data-testid="churn-bgnbd-summary">
        {t('churn.bgnbd.summary', {
          customers: formatNumber(Number(fit.customers)),
          repeat: formatNumber(Number(fit.repeat_customers)),
          end: calibrationEnd,
          iterations: formatNumber(Number(fit.iterations)),
          ms: formatNumber(Math.round(Number(fit.fit_ms))),
          horizon: formatNumber(Number(fit.horizon)),
          unit: unitWord,
          newExpected: formatNumber(Number(fit.new_customer_expected), { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
        })}
      </p>
      <ParameterTable parameters={parameters} errors={errors} />
      {typeof note === 'string' ? (
        <p className="panel-warning">{t(`churn.bgnbd.seNote.${note as 'hessian-not-finite'}`)}</p>
      ) : null}
      <div data-testid="churn-bgnbd-parameters-data">
        <ResultTable rows={parameters} fileName="churn-bgnbd-parameters.csv" />
      </div>
      <div className="chart-pair">
        <div>
          <h3>{t('churn.bgnbd.pAliveChart')}</h3>
          <PlotFigure label={t('churn.bgnbd.pAliveChart')} options={pAliveOptions} />
          <PAliveBucketTable
            buckets={result.tables?.p_alive_buckets ?? []}
            calibrationEnd={String(fit.calibration_end)}
            spec={spec}
          />
        </div>
        <div>
          {holdout && holdout.length > 0 ? (
            <>
              <h3>
                {t('churn.bgnbd.holdoutChart', {
                  from: calibrationEnd,
                  length: formatNumber(Number(fit.holdout_days) / (unit === 'week' ? 7 : 1), { maximumFractionDigits: 1 }),
                  unit: unitWord,
                })}
              </h3>
              <PlotFigure label={t('churn.bgnbd.holdoutX')} options={holdoutOptions} />
            </>
          ) : (
            <p className="muted">{t('churn.bgnbd.noHoldout')}</p>
          )}
        </div>
      </div>
      <BgNbdCustomerTable
        key={JSON.stringify(spec)}
        spec={spec}
        firstPage={result.tables?.customers ?? []}
        customers={Number(fit.customers)}
      />
    </>
  );
}
