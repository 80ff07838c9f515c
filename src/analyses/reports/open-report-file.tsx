import { useRef, useState } from 'react';
import { readReportFile } from '../../report/report-payload';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { useReports } from '../../ui/workspace/reports-context';

/**
 * Opens a report file exported by Strata, read-only. A file that is not one, is damaged, was
 * edited or comes from a newer version gets a message; nothing in the workspace changes.
 */
export function OpenReportFile() {
  const { t, formatProblem } = useI18n();
  const { setReceived } = useReports();
  const { navigate } = useRoute();
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  // The browser's own file control speaks the browser's language ("Choose File"): a button of
  // the app's opens it instead.
  const input = useRef<HTMLInputElement>(null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const html = await file.text();
      const read = await readReportFile(html);
      if (!read.ok) {
        setError(t('report.fileReadFailed', { file: file.name, message: formatProblem(read.problem) }));
        return;
      }
      setReceived({ snapshot: read.value, html });
      navigate('reports/received');
    } catch (e) {
      setError(t('report.fileReadFailed', { file: file.name, message: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        void open(e.dataTransfer.files[0]);
      }}
    >
      <button type="button" onClick={() => input.current?.click()}>
        {t('report.openFile')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".html,.htm,text/html"
        data-testid="report-file"
        onChange={(e) => {
          void open(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <p className="muted">{t('report.openFileHint')}</p>
      {error ? (
        <p role="alert" className="panel-error" data-testid="report-file-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
