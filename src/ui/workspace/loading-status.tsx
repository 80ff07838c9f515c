import { useEffect, useState } from 'react';
import type { LoadProgress } from '../../engine/load-progress';
import type { WorkspaceManifest } from '../../ingest/manifest';
import { formatBytes } from '../components/format-bytes';
import { useI18n, type I18n } from '../i18n/i18n';
import { useWorkspace } from './workspace-context';

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

/**
 * A load in progress: what, how far (phase, bytes, rows), for how long, and Cancel. Shown in
 * the status bar, and beside the button that started the load (issue 13, bug 6), each with
 * its own test ids (`ids.status`, `ids.progress`, `ids.cancel`).
 */
export function LoadingStatus({
  what,
  names,
  since,
  progress,
  className,
  ids,
}: {
  what: string;
  /** `what` in each language, when the manifest gives them: shown in the chosen one only. */
  names?: WorkspaceManifest['names'] | undefined;
  since: number;
  progress?: LoadProgress;
  className: string;
  ids: { status: string; progress: string; cancel: string };
}) {
  const { t, formatNumber, locale } = useI18n();
  const { cancelLoad } = useWorkspace();
  const seconds = useElapsedSeconds(since);
  return (
    <div className={className} role="status" aria-live="polite" data-testid={ids.status}>
      {t('engine.loading')} <span className="muted">{names?.[locale] ?? what}</span>{' '}
      {progress ? <span data-testid={ids.progress}>{progressText(progress, t, formatNumber)}</span> : null}{' '}
      <span className="muted">{t('engine.elapsed', { s: seconds })}</span>{' '}
      <button type="button" data-testid={ids.cancel} onClick={cancelLoad}>
        {t('engine.cancelLoad')}
      </button>
    </div>
  );
}
