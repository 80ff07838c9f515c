import { useCallback, useRef, useState } from 'react';
import type { ReportItem, ReportNote } from '../../report/report-definition';
import type { ReportItemSnapshot } from '../../report/report-types';
import type { DrawnPanel } from '../../ui/components/panel-host';
import { panelSnapshot } from '../../ui/components/panel-snapshot';
import { parseRoute } from '../../ui/route';
import { useI18n } from '../../ui/i18n/i18n';
import { newReportId, useReports, type SavedReport } from '../../ui/workspace/reports-context';
import { useSegments } from '../../ui/workspace/segments-context';
import { useReportExport } from '../../ui/workspace/use-report-export';
import { NoteView } from './note-view';
import { PinnedPanelView } from './pinned-panel';

/** Moves the item at `from` to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [moved] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, moved!);
  return out;
}

function NoteEditor({ note, onSave }: { note: ReportNote; onSave: (text: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(note.text);
  return (
    <div className="report-note-editor">
      <textarea
        aria-label={t('report.addNote')}
        placeholder={t('report.notePlaceholder')}
        value={text}
        rows={3}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text !== note.text) onSave(text);
        }}
      />
      <NoteView text={text} />
    </div>
  );
}

/** One report: its title, its pinned analyses re-run on the data loaded now, notes, order, export. */
export function ReportEditor({ report }: { report: SavedReport }) {
  const { t } = useI18n();
  const { save } = useReports();
  const { segments } = useSegments();
  const exportReport = useReportExport();
  const drawn = useRef(new Map<string, DrawnPanel>());
  const [drawnIds, setDrawnIds] = useState<ReadonlySet<string>>(new Set());
  const [includeUserRows, setIncludeUserRows] = useState(false);
  const [exporting, setExporting] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [dragging, setDragging] = useState<number | null>(null);

  const update = (items: ReportItem[], title = report.title) => void save({ ...report, title, items, updatedAt: Date.now() });

  const onDrawn = useCallback((id: string, d: DrawnPanel | null) => {
    if (d) drawn.current.set(id, d);
    else drawn.current.delete(id);
    setDrawnIds((ids) => {
      if (d ? ids.has(id) : !ids.has(id)) return ids;
      const next = new Set(ids);
      if (d) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const allDrawn = report.items.every((i) => i.type !== 'panel' || drawnIds.has(i.id));

  const segmentName = (route: string) => {
    const id = parseRoute(route).params.segment;
    return id ? (segments.find((s) => s.id === id)?.name ?? id) : null;
  };

  const onExport = async () => {
    setExporting({ busy: true, error: null });
    try {
      const items: ReportItemSnapshot[] = report.items.map((item) => {
        if (item.type === 'note') return { type: 'note', text: item.text };
        const d = drawn.current.get(item.id);
        return panelSnapshot({
          title: d?.title ?? item.title,
          route: item.route,
          panel: item.panel,
          segment: segmentName(item.route),
          definition: d?.definition ?? '',
          body: d?.section.querySelector('.panel-body') ?? null,
          rows: d?.rows ?? [],
          sql: d?.sql ?? '',
          error: d?.error ?? null,
          includeUserRows,
        });
      });
      await exportReport(report.title, items);
      setExporting({ busy: false, error: null });
    } catch (e) {
      setExporting({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="page report-editor" data-testid="report-editor">
      <p>
        <a href="#/reports">{t('report.back')}</a>
      </p>
      <label className="report-title">
        {t('report.title')}{' '}
        <input
          key={report.id}
          defaultValue={report.title}
          onBlur={(e) => {
            const title = e.target.value.trim();
            if (title && title !== report.title) update(report.items, title);
          }}
          data-testid="report-title"
        />
      </label>
      <div className="report-toolbar">
        <button type="button" disabled={!allDrawn || exporting.busy} onClick={() => void onExport()} data-testid="report-export">
          {exporting.busy ? t('report.exporting') : t('report.exportHtml')}
        </button>{' '}
        <label>
          <input type="checkbox" checked={includeUserRows} onChange={(e) => setIncludeUserRows(e.target.checked)} />{' '}
          {t('report.includeUserRows')}
        </label>
        {exporting.error ? (
          <p role="alert" className="panel-error">
            {t('report.exportFailed', { message: exporting.error })}
          </p>
        ) : null}
      </div>
      {report.items.length === 0 ? <p className="muted">{t('report.empty')}</p> : null}
      <ol className="report-items" aria-label={t('report.dragHint')}>
        {report.items.map((item, index) => (
          <li
            key={item.id}
            className={dragging === index ? 'report-item dragging' : 'report-item'}
            draggable
            onDragStart={(e) => {
              setDragging(index);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null && dragging !== index) update(moveItem(report.items, dragging, index));
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
            data-testid="report-item"
          >
            <div className="report-item-tools">
              <span className="drag-handle" aria-hidden="true">
                ⠿
              </span>
              <button type="button" disabled={index === 0} onClick={() => update(moveItem(report.items, index, index - 1))}>
                {t('report.moveUp')}
              </button>
              <button
                type="button"
                disabled={index === report.items.length - 1}
                onClick={() => update(moveItem(report.items, index, index + 1))}
              >
                {t('report.moveDown')}
              </button>
              <button type="button" onClick={() => update(report.items.filter((i) => i.id !== item.id))}>
                {t('report.remove')}
              </button>
            </div>
            {item.type === 'panel' ? (
              <PinnedPanelView item={item} onDrawn={onDrawn} />
            ) : (
              <NoteEditor
                note={item}
                onSave={(text) => update(report.items.map((i) => (i.id === item.id ? { ...item, text } : i)))}
              />
            )}
          </li>
        ))}
      </ol>
      <p>
        <button
          type="button"
          onClick={() => update([...report.items, { id: newReportId('note'), type: 'note', text: '' }])}
          data-testid="report-add-note"
        >
          {t('report.addNote')}
        </button>
      </p>
    </div>
  );
}
