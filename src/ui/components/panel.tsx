import { memo, useEffect, useId, useRef, type ReactNode } from 'react';
import type { AnalysisStatus } from '../hooks/use-analysis';
import { useRoute } from '../hooks/use-route';
import { useI18n } from '../i18n/i18n';
import { formatDuration } from '../i18n/format-duration';
import { parseFilterParam } from '../../analyses/filter-param';
import { rangeOf } from '../workspace/date-range';
import { filterText } from '../workspace/filter-text';
import type { AnalysisResult } from '../../engine/engine';
import { ErrorBoundary } from './error-boundary';
import { PanelActions } from './panel-actions';
import { usePanelHost } from './panel-host';
import { ResultTable } from './result-table';

interface PanelProps {
  title: string;
  definition: string;
  status: AnalysisStatus;
  retry: () => void;
  controls?: ReactNode;
  /** A problem with the panel's settings, already in words: shown in place of the result. */
  notice?: string | null;
  /**
   * A Cancel button while the run is pending (a model fit), and once cancelled, the words
   * saying so with a button that runs it again (`retry`).
   */
  cancel?: { onCancel: () => void; label: string; cancelled: string; again: string };
  /** Draws the result; only called when the analysis is ready. */
  children: (result: AnalysisResult) => ReactNode;
  testId: string;
}

/**
 * One analysis: its own status, error boundary, definition card, "Show SQL", and its export
 * and pin actions. Inside a report item (a PanelHost) only the pinned panel draws, read-only.
 */
/** A result with no row in any table: a chart of it would be a blank frame. */
const nothingIn = (result: AnalysisResult) =>
  result.rows.length === 0 && Object.values(result.tables ?? {}).every((rows) => rows.length === 0);

/**
 * A result's drawing. While new settings compute, the last result stays exactly as it was drawn:
 * drawn again under the new settings it would cost every chart a redraw on each click (issue 13's
 * settings change) and could put the old rows on the new settings' axes (monthly rows on weekly
 * ticks).
 */
const ResultBody = memo(
  function ResultBody({ result, draw }: { result: AnalysisResult; draw: PanelProps['children']; stale: boolean }) {
    return draw(result);
  },
  (before, now) => now.stale && before.result === now.result,
);

export function Panel(props: PanelProps) {
  const host = usePanelHost();
  if (host && host.panel !== props.testId) return null;
  return <PanelView {...props} hosted={host !== null} />;
}

function PanelView({
  title,
  definition,
  status,
  retry,
  controls,
  notice,
  children,
  testId,
  hosted,
  cancel,
}: PanelProps & { hosted: boolean }) {
  const i18n = useI18n();
  const { t, formatNumber, formatProblem } = i18n;
  const headingId = useId();
  const section = useRef<HTMLElement>(null);
  const { route } = useRoute();
  const range = rangeOf(route.params);
  const { filters } = parseFilterParam(route.params.filter);
  // An empty result under a filter, segment or range is the narrowing's doing: say so.
  const narrowed = filters.length > 0 || route.params.segment !== undefined || range.from !== null || range.to !== null;
  const host = usePanelHost();
  const onDrawn = host?.onDrawn;
  const ready = status.state === 'ready' ? status.result : null;
  const stale = status.state === 'pending' && status.previous !== undefined;
  const shown = ready ?? (status.state === 'pending' ? status.previous : undefined);
  const problem = status.state === 'error' ? formatProblem(status.error) : (notice ?? null);
  useEffect(() => {
    if (!onDrawn || !section.current) return;
    if (ready || problem) {
      onDrawn({ section: section.current, title, definition, rows: ready?.rows ?? [], sql: ready?.sql ?? '', error: problem });
    } else onDrawn(null);
  }, [onDrawn, ready, problem, title, definition]);
  return (
    <section
      ref={section}
      className="panel"
      aria-labelledby={headingId}
      data-testid={testId}
      data-state={status.state}
      data-kept={status.state === 'ready' && status.kept ? 'true' : undefined}
    >
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {controls && !hosted ? <div className="panel-controls">{controls}</div> : null}
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
        {!notice && status.state === 'idle' && status.noData ? (
          <p className="panel-pending muted" data-testid="panel-no-data">
            {t('workspace.none')}
          </p>
        ) : null}
        {!notice && (status.state === 'pending' || (status.state === 'idle' && !status.noData)) ? (
          <p className={stale ? 'panel-pending stale-mark' : 'panel-pending'} aria-live="polite">
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
            {cancel && status.state === 'pending' && !hosted ? (
              <>
                {' '}
                <button type="button" onClick={cancel.onCancel} data-testid="run-cancel">
                  {cancel.label}
                </button>
              </>
            ) : null}
          </p>
        ) : null}
        {!notice && cancel && status.state === 'error' && status.error.kind === 'cancelled' ? (
          <p role="status" data-testid="run-cancelled">
            {cancel.cancelled}{' '}
            <button type="button" onClick={retry}>
              {cancel.again}
            </button>
          </p>
        ) : null}
        {!notice && status.state === 'error' && !(cancel && status.error.kind === 'cancelled') ? (
          <p className="panel-error" role="alert">
            {t('panel.error', { message: formatProblem(status.error) })}{' '}
            <button type="button" onClick={retry}>
              {t('panel.retry')}
            </button>
          </p>
        ) : null}
        {!notice && shown ? (
          // While new settings compute, the last result stays in the same element, dimmed: nothing
          // jumps and the scroll position stays.
          <div
            className={stale ? 'panel-body stale' : 'panel-body'}
            aria-busy={stale}
            data-testid={stale ? 'stale-result' : undefined}
          >
            {narrowed && nothingIn(shown) ? (
              <p role="status" data-testid="panel-empty">
                {t('panel.empty')} {t('panel.emptyNarrowed')}
              </p>
            ) : (
              <ResultBody result={shown} draw={children} stale={stale} />
            )}
          </div>
        ) : null}
      </ErrorBoundary>
      <details className="definition">
        <summary>{t('panel.definition')}</summary>
        <p>{definition}</p>
        {range.from || range.to ? (
          <p data-testid="range-card">{t('range.card', { from: range.from ?? '…', to: range.to ?? '…' })}</p>
        ) : null}
        {filters.length > 0 ? (
          <p data-testid="filter-card">{t('filter.card', { filters: filters.map((f) => filterText(f, t)).join('; ') })}</p>
        ) : null}
      </details>
      {shown && shown.rows.length > 0 ? <ResultTable rows={shown.rows} fileName={`${testId}.csv`} /> : null}
      {status.state === 'ready' && !hosted ? (
        <PanelActions
          section={section}
          testId={testId}
          title={title}
          definition={definition}
          rows={status.result.rows}
          sql={status.result.sql}
        />
      ) : null}
      {shown ? (
        <details className="sql">
          <summary>
            {t('panel.showSql')}{' '}
            <span className="muted" title={t('panel.msTitle')}>
              ({formatDuration(shown.ms, i18n)})
            </span>
          </summary>
          <pre>{shown.sql}</pre>
        </details>
      ) : null}
    </section>
  );
}
