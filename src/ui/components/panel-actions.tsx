import { useState, type RefObject } from 'react';
import type { Row } from '../../engine/to-rows';
import { formatRoute } from '../route';
import { useRoute } from '../hooks/use-route';
import { useI18n } from '../i18n/i18n';
import { newReportId, useReports } from '../workspace/reports-context';
import { useSegments } from '../workspace/segments-context';
import { useReportExport } from '../workspace/use-report-export';
import { useWorkspace } from '../workspace/workspace-context';
import { panelSnapshot } from './panel-snapshot';

interface PanelActionsProps {
  section: RefObject<HTMLElement | null>;
  testId: string;
  title: string;
  definition: string;
  rows: readonly Row[];
  sql: string;
}

/** The segment filter of the page in words: its name, or its id when it is not saved. */
export function useSegmentName(): string | null {
  const { route } = useRoute();
  const { segments } = useSegments();
  const id = route.params.segment;
  if (!id) return null;
  return segments.find((s) => s.id === id)?.name ?? id;
}

/** "Export HTML" (this analysis as one file, as it is on screen) and "Pin to report…". */
export function PanelActions({ section, testId, title, definition, rows, sql }: PanelActionsProps) {
  const { t } = useI18n();
  const { route } = useRoute();
  const segment = useSegmentName();
  const exportReport = useReportExport();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const onExport = async () => {
    setState({ busy: true, error: null });
    try {
      const snapshot = panelSnapshot({
        title,
        route: formatRoute(route),
        panel: testId,
        segment,
        definition,
        body: section.current?.querySelector('.panel-body') ?? null,
        rows,
        sql,
        error: null,
        includeUserRows: false,
      });
      await exportReport(title, [snapshot]);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="panel-actions" data-export="omit">
      <button type="button" disabled={state.busy} onClick={() => void onExport()}>
        {state.busy ? t('report.exporting') : t('report.exportHtml')}
      </button>
      <PinToReport testId={testId} title={title} route={formatRoute(route)} />
      {state.error ? (
        <span role="alert" className="panel-error">
          {t('report.exportFailed', { message: state.error })}
        </span>
      ) : null}
    </div>
  );
}

const newReport = '__new__';

/** Adds this panel, with the page's settings and segment filter, to a report. */
function PinToReport({ testId, title, route }: { testId: string; title: string; route: string }) {
  const { t } = useI18n();
  const { workspaceId } = useWorkspace();
  const { reports, save } = useReports();
  const [pinned, setPinned] = useState<{ id: string; title: string } | null>(null);

  const pin = async (choice: string) => {
    if (!choice || workspaceId === null) return;
    const now = Date.now();
    const item = { id: newReportId('item'), type: 'panel' as const, route, panel: testId, title };
    const existing = reports.find((r) => r.id === choice);
    const report = existing
      ? { ...existing, items: [...existing.items, item], updatedAt: now }
      : {
          id: newReportId(),
          workspaceId,
          title: t('report.newTitle', { n: reports.length + 1 }),
          items: [item],
          createdAt: now,
          updatedAt: now,
        };
    if (await save(report)) setPinned({ id: report.id, title: report.title });
  };

  return (
    <>
      <select aria-label={t('report.pin')} value="" onChange={(e) => void pin(e.target.value)} data-testid="pin-to-report">
        <option value="">{t('report.pin')}</option>
        {reports.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
        <option value={newReport}>{t('report.pinNew')}</option>
      </select>
      {pinned ? (
        <a role="status" href={`#/reports/${encodeURIComponent(pinned.id)}`}>
          {t('report.pinnedTo', { title: pinned.title })}
        </a>
      ) : null}
    </>
  );
}
