import { useId, type ReactNode } from 'react';
import type { AnalysisStatus } from '../hooks/use-analysis';
import { useI18n } from '../i18n/i18n';
import type { AnalysisResult } from '../../engine/engine';
import { ErrorBoundary } from './error-boundary';
import { ResultTable } from './result-table';

interface PanelProps {
  title: string;
  definition: string;
  status: AnalysisStatus;
  retry: () => void;
  controls?: ReactNode;
  /** A problem with the panel's settings, already in words: shown in place of the result. */
  notice?: string | null;
  /** Draws the result; only called when the analysis is ready. */
  children: (result: AnalysisResult) => ReactNode;
  testId: string;
}

/** One analysis: its own status, error boundary, definition card and "Show SQL". */
export function Panel({ title, definition, status, retry, controls, notice, children, testId }: PanelProps) {
  const { t, formatNumber, formatProblem } = useI18n();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId} data-testid={testId} data-state={status.state}>
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {controls ? <div className="panel-controls">{controls}</div> : null}
      </header>
      <ErrorBoundary
        fallback={(message, reset) => (
          <p className="panel-error" role="alert">
            {t('panel.error', { message })}{' '}
            <button type="button" onClick={reset}>
              {t('panel.retry')}
            </button>
          </p>
        )}
      >
        {notice ? (
          <p className="panel-error" role="alert">
            {notice}
          </p>
        ) : null}
        {!notice && (status.state === 'pending' || status.state === 'idle') ? (
          <p className="panel-pending" aria-live="polite">
            {t('panel.loading')}
            {status.state === 'pending' && status.progress ? (
              <span className="muted" data-testid="run-progress">
                {' '}
                {t(`progress.${status.progress.step}`)}
                {status.progress.total
                  ? ` ${formatNumber(status.progress.done ?? 0)} / ${formatNumber(status.progress.total)}`
                  : ''}
              </span>
            ) : null}
          </p>
        ) : null}
        {!notice && status.state === 'error' ? (
          <p className="panel-error" role="alert">
            {t('panel.error', { message: formatProblem(status.error) })}{' '}
            <button type="button" onClick={retry}>
              {t('panel.retry')}
            </button>
          </p>
        ) : null}
        {!notice && status.state === 'ready' ? <div className="panel-body">{children(status.result)}</div> : null}
      </ErrorBoundary>
      <details className="definition">
        <summary>{t('panel.definition')}</summary>
        <p>{definition}</p>
      </details>
      {status.state === 'ready' && status.result.rows.length > 0 ? (
        <ResultTable rows={status.result.rows} fileName={`${testId}.csv`} />
      ) : null}
      {status.state === 'ready' ? (
        <details className="sql">
          <summary>
            {t('panel.showSql')}{' '}
            <span className="muted">({t('panel.ms', { ms: formatNumber(Math.round(status.result.ms)) })})</span>
          </summary>
          <pre>{status.result.sql}</pre>
        </details>
      ) : null}
    </section>
  );
}
