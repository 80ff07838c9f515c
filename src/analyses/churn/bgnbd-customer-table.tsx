import { useMemo, useState } from 'react';
import type { AnalysisRequest } from '../request';
import type { Row } from '../../schema/row';
import { downloadBlob } from '../../ui/components/csv';
import { cellFormats, columnLabel, displayCell } from '../../ui/components/data-cells';
import { Pager } from '../../ui/components/pager';
import { useAnalysis, useDateRange, useFilters, useSegmentScope } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { customerColumns, customerPageSize } from './bgnbd-customers';
import type { BgNbdExportSpec } from './bgnbd-customers-run';
import type { BgNbdSpec } from './bgnbd-query';

const exportTemplate: AnalysisRequest = {
  kind: 'churn-bgnbd-export',
  spec: { calibrationEnd: null, unit: 'week', horizon: 1, event: null, bucket: null, format: 'csv' },
};

/**
 * A file of the BG/NBD fit's customers made in the worker (the whole table as CSV, or a
 * bucket's ids), within the page's segment, filters and date range like the panel's own run.
 */
export function useBgNbdFile(): (spec: BgNbdExportSpec) => Promise<Blob | null> {
  const { client } = useWorkspace();
  const scoped = useFilters(useDateRange(useSegmentScope(exportTemplate).request)).request;
  return async (spec) => {
    if (!scoped || scoped.kind !== 'churn-bgnbd-export') return null;
    // One request per file asked for: saving a second bucket must not cancel the first.
    const outcome = await client.run(`churn-bgnbd-${spec.format}-${spec.bucket ?? 'all'}`, { ...scoped, spec });
    if (!outcome.ok) throw new Error(outcome.error.code);
    return outcome.value.file ?? null;
  };
}

/**
 * The per-customer table of a fit, a page at a time (the first came with the fit; the others
 * are asked of the worker), and "Download CSV" of every customer, written in the worker: the
 * page never holds 500,000 rows (issue 10). CSV columns: user_id, x, t_x, T, p_alive, expected_purchases;
 * on screen, headings in the UI's language and rounded values.
 */
export function BgNbdCustomerTable({
  spec,
  firstPage,
  customers,
}: {
  spec: BgNbdSpec;
  firstPage: readonly Row[];
  customers: number;
}) {
  const { t, formatNumber, formatProblem, locale, intlTag } = useI18n();
  const formats = useMemo(() => cellFormats(locale, intlTag), [locale, intlTag]);
  const file = useBgNbdFile();
  const [offset, setOffset] = useState(0);
  const [download, setDownload] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const { status } = useAnalysis(
    'churn-bgnbd-page',
    offset > 0 ? { kind: 'churn-bgnbd-customers', spec: { ...spec, offset, limit: customerPageSize } } : null,
  );
  const rows =
    offset === 0
      ? firstPage
      : status.state === 'ready'
        ? status.result.rows
        : status.state === 'pending'
          ? (status.previous?.rows ?? [])
          : [];
  const onDownload = async () => {
    setDownload({ busy: true, error: null });
    try {
      const blob = await file({ ...spec, bucket: null, format: 'csv' });
      if (blob) downloadBlob('churn-bgnbd-customers.csv', blob);
      setDownload({ busy: false, error: null });
    } catch (e) {
      setDownload({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  const last = Math.min(customers, offset + customerPageSize);
  return (
    <details className="data-table" data-testid="churn-bgnbd-customers">
      <summary>{t('churn.bgnbd.customersTable')}</summary>
      <p>
        <button type="button" disabled={download.busy} onClick={() => void onDownload()} data-testid="churn-bgnbd-download">
          {download.busy ? t('churn.bgnbd.preparing') : t('churn.bgnbd.downloadCsv', { total: formatNumber(customers) })}
        </button>{' '}
        {download.error ? (
          <span role="alert" className="panel-error">
            {t('churn.bgnbd.fileFailed', { message: download.error })}
          </span>
        ) : null}
      </p>
      <p className="muted">{t('panel.csvNote')}</p>
      <Pager
        offset={offset}
        pageSize={customerPageSize}
        total={customers}
        onOffset={setOffset}
        label={t('churn.bgnbd.pageOf', {
          from: formatNumber(customers === 0 ? 0 : offset + 1),
          to: formatNumber(last),
          total: formatNumber(customers),
        })}
        labelTestId="churn-bgnbd-page"
      >
        {status.state === 'error' && offset > 0 ? (
          <span role="alert" className="panel-error">
            {' '}
            {t('panel.error', { message: formatProblem(status.error) })}
          </span>
        ) : null}
      </Pager>
      <div className="table-scroll">
        <table className="grid" aria-busy={status.state === 'pending' && offset > 0}>
          <thead>
            <tr>
              {customerColumns.map((c) => (
                <th key={c} scope="col">
                  {columnLabel(c, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {customerColumns.map((c) => (
                  <td key={c}>{displayCell(c, r[c] ?? null, formats)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
