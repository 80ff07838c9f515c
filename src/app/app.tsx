import { useDeferredValue, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { analysisPages, type PageDefinition } from '../analyses/pages';
import { ScreensContext } from '../ui/components/screens-context';
import { DataPage } from '../ui/features/data/data-page';
import { RouteOverrideContext, useRoute } from '../ui/hooks/use-route';
import { formatRoute, parseRoute, type Route } from '../ui/route';
import { useI18n } from '../ui/i18n/i18n';
import { locales } from '../ui/i18n/messages';
import { DateRangeFilter } from '../ui/workspace/date-range-filter';
import { DemoGuide } from '../ui/workspace/demo-guide';
import { DroppedFilesContext, type DroppedFiles } from '../ui/workspace/dropped-files';
import { LoadingStatus } from '../ui/workspace/loading-status';
import { pagesFilteredBySegment, SegmentFilter } from '../ui/workspace/segment-filter';
import { FilterBar } from '../ui/workspace/filter-bar';
import { useWorkspace } from '../ui/workspace/workspace-context';

const filtersBySegment = new Set<string>(pagesFilteredBySegment);

/** Screens whose analyses a date range narrows (`from`, `to` in the URL). */
const filtersByRange = new Set(['overview', 'retention', 'lifecycle', 'stickiness']);

/** Every screen: the analyses from their registry, then the Data screen. */
const pages: readonly PageDefinition[] = [...analysisPages, { id: 'data', label: 'nav.data', View: DataPage }];

/** The screen of a route: `#/segments/<id>`: a page's own path after its id is the page's to read. */
const pageOf = (route: Route) => pages.find((p) => p.id === route.page.split('/')[0]) ?? pages[0]!;

function StatusBar() {
  const { t, formatProblem } = useI18n();
  const { status, info, infoKept, keptAnswers, dismissError } = useWorkspace();
  if (status.state === 'loading') {
    return (
      <>
        <LoadingStatus
          className="banner"
          ids={{ status: 'loading', progress: 'load-progress', cancel: 'load-cancel' }}
          what={status.what}
          names={status.names}
          since={status.since}
          {...(status.progress ? { progress: status.progress } : {})}
        />
        {infoKept && keptAnswers && keptAnswers.answers.size > 0 ? (
          <p className="banner muted" data-testid="kept-answers-note">
            {t('workspace.keptAnswers')}
          </p>
        ) : null}
      </>
    );
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
  const page = pageOf(route);
  // Another screen is drawn in the background, in slices that let the page answer input (a
  // transition; the churn page's first render took 60-100 ms in one task: issue 10), and the
  // screen shown until then keeps reading the route it was shown with.
  const shownHash = useDeferredValue(formatRoute(route));
  const shownRoute = useMemo(() => parseRoute(shownHash), [shownHash]);
  const shown = pageOf(shownRoute);
  const override = shown === page ? null : shownRoute;
  // The same element while the screen stays: App's own renders (a drag over the page, the
  // deferred route catching up) leave the screen alone; it renders on its own state and contexts.
  const view = useMemo(() => <shown.View />, [shown]);
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
          <h1 className="visually-hidden">{t(shown.label)}</h1>
          <StatusBar />
          {shown.id === 'overview' ? <DemoGuide /> : null}
          {dragging ? (
            <p className="banner" role="status">
              {t('drop.anywhere')}
            </p>
          ) : null}
          <RouteOverrideContext.Provider value={override}>
            {filtersByRange.has(shown.id) ? <DateRangeFilter /> : null}
            {filtersBySegment.has(shown.id) ? <SegmentFilter /> : null}
            {filtersBySegment.has(shown.id) ? <FilterBar /> : null}
            <ScreensContext.Provider value={pages}>{view}</ScreensContext.Provider>
          </RouteOverrideContext.Provider>
        </main>
      </div>
    </DroppedFilesContext.Provider>
  );
}
