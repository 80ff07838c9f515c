import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { analysisPages, type PageDefinition } from '../analyses/pages';
import type { LoadProgress } from '../engine/load-progress';
import { formatBytes } from '../ui/components/format-bytes';
import { ScreensContext } from '../ui/components/screens-context';
import { DataPage } from '../ui/features/data/data-page';
import { useRoute } from '../ui/hooks/use-route';
import { useI18n, type I18n } from '../ui/i18n/i18n';
import { locales } from '../ui/i18n/messages';
import { DateRangeFilter } from '../ui/workspace/date-range-filter';
import { DemoGuide } from '../ui/workspace/demo-guide';
import { DroppedFilesContext, type DroppedFiles } from '../ui/workspace/dropped-files';
import { SegmentFilter } from '../ui/workspace/segment-filter';
import { FilterBar } from '../ui/workspace/filter-bar';
import { useWorkspace } from '../ui/workspace/workspace-context';

/** Screens that a segment filters (the others are about segments or data themselves). */
const filtersBySegment = new Set(['overview', 'retention', 'lifecycle', 'stickiness', 'rfm', 'churn']);

/** Screens whose analyses a date range narrows (`from`, `to` in the URL). */
const filtersByRange = new Set(['overview', 'retention', 'lifecycle', 'stickiness']);

/** Every screen: the analyses from their registry, then the Data screen. */
const pages: readonly PageDefinition[] = [...analysisPages, { id: 'data', label: 'nav.data', View: DataPage }];

/** Seconds since `since`, ticking once a second while shown. */
function useElapsedSeconds(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** The phase of a load in words, with the file, its bytes done and rows read so far. */
function progressText(p: LoadProgress, t: I18n['t'], formatNumber: I18n['formatNumber']): string {
  const parts: string[] = [];
  if (p.file !== undefined) {
    const of = p.fileCount > 1 ? t('engine.fileOf', { i: (p.fileIndex ?? 0) + 1, n: p.fileCount }) : '';
    parts.push(t(`engine.phase.${p.phase}`, { file: p.file }) + of);
  } else parts.push(t(`engine.phase.${p.phase}`, { file: '' }));
  if (p.bytesDone !== undefined && p.bytesTotal) {
    parts.push(`${formatBytes(p.bytesDone, formatNumber)} / ${formatBytes(p.bytesTotal, formatNumber)}`);
  }
  if (p.rows) parts.push(t('engine.rowsSoFar', { n: formatNumber(p.rows) }));
  return parts.join(' · ');
}

function LoadingBanner({ what, since, progress }: { what: string; since: number; progress?: LoadProgress }) {
  const { t, formatNumber } = useI18n();
  const { cancelLoad } = useWorkspace();
  const seconds = useElapsedSeconds(since);
  return (
    <div className="banner" role="status" aria-live="polite" data-testid="loading">
      {t('engine.loading')} <span className="muted">{what}</span>{' '}
      {progress ? <span data-testid="load-progress">{progressText(progress, t, formatNumber)}</span> : null}{' '}
      <span className="muted">{t('engine.elapsed', { s: seconds })}</span>{' '}
      <button type="button" data-testid="load-cancel" onClick={cancelLoad}>
        {t('engine.cancelLoad')}
      </button>
    </div>
  );
}

function StatusBar() {
  const { t, formatProblem } = useI18n();
  const { status, info, dismissError } = useWorkspace();
  if (status.state === 'loading') {
    return <LoadingBanner what={status.what} since={status.since} {...(status.progress ? { progress: status.progress } : {})} />;
  }
  if (status.state === 'cancelled') {
    return (
      <div className="banner" role="status" data-testid="load-cancelled">
        {t('engine.cancelled')}{' '}
        <button type="button" onClick={dismissError}>
          ×
        </button>
      </div>
    );
  }
  if (status.state === 'error') {
    return (
      <div className="banner banner-error" role="alert" data-testid="load-error">
        {t('workspace.loadFailed', { message: formatProblem(status.problem) })}{' '}
        <button type="button" onClick={dismissError}>
          ×
        </button>
      </div>
    );
  }
  if (!info) return <div className="banner">{t('workspace.none')}</div>;
  return null;
}

/** The shell: header with navigation and language, the status bar, and the current page. */
export function App({ onStart }: { onStart: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const { route, navigate } = useRoute();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    onStart();
  }, [onStart]);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [locale, t]);
  // Files dropped anywhere on the page open as on the Data page (drop zones of their own stop the event).
  const pending = useRef<readonly File[] | null>(null);
  const listener = useRef<((files: readonly File[]) => void) | null>(null);
  const [dragging, setDragging] = useState(false);
  const droppedFiles = useMemo<DroppedFiles>(
    () => ({
      subscribe: (l) => {
        listener.current = l;
        const waiting = pending.current;
        pending.current = null;
        if (waiting) l(waiting);
        return () => {
          if (listener.current === l) listener.current = null;
        };
      },
    }),
    [],
  );
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    setDragging(false);
    if (!hasFiles(e) || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    if (listener.current) listener.current(files);
    else pending.current = files;
    navigate('data');
  };
  // `#/segments/<id>`: a page's own path after its id is the page's to read.
  const pageId = route.page.split('/')[0];
  const page = pages.find((p) => p.id === pageId) ?? pages[0]!;
  return (
    <DroppedFilesContext.Provider value={droppedFiles}>
      <div
        className={dragging ? 'app drop-target' : 'app'}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <header className="app-header">
          <a
            className="skip-link"
            href="#content"
            onClick={(e) => {
              // The hash is the route: move focus to the content instead of following the link.
              e.preventDefault();
              document.getElementById('content')?.focus();
            }}
          >
            {t('app.skipToContent')}
          </a>
          <div className="brand">
            <strong>Strata</strong> <span className="muted">{t('app.tagline')}</span>
          </div>
          <nav aria-label="main">
            {pages.map((p) => (
              <a
                key={p.id}
                href={`#/${p.id}`}
                aria-current={p.id === page.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(p.id);
                }}
              >
                {t(p.label)}
              </a>
            ))}
          </nav>
          <label className="lang">
            {t('lang.label')}{' '}
            <select value={locale} onChange={(e) => setLocale(e.target.value as (typeof locales)[number])}>
              <option value="zh">中文</option>
              <option value="en">English</option>
            </select>
          </label>
        </header>
        <main id="content" tabIndex={-1}>
          <h1 className="visually-hidden">{t(page.label)}</h1>
          <StatusBar />
          {page.id === 'overview' ? <DemoGuide /> : null}
          {dragging ? (
            <p className="banner" role="status">
              {t('drop.anywhere')}
            </p>
          ) : null}
          {filtersByRange.has(page.id) ? <DateRangeFilter /> : null}
          {filtersBySegment.has(page.id) ? <SegmentFilter /> : null}
          {filtersBySegment.has(page.id) ? <FilterBar /> : null}
          <ScreensContext.Provider value={pages}>
            <page.View />
          </ScreensContext.Provider>
        </main>
      </div>
    </DroppedFilesContext.Provider>
  );
}
