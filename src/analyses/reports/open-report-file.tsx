import { useState } from 'react';
import { readReportFile } from '../../report/report-payload';
import { useRoute } from '../../ui/hooks/use-route';
import { FileButton } from '../../ui/components/file-button';
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
      <FileButton accept=".html,.htm,text/html" inputTestId="report-file" onFile={(file) => void open(file)}>
        {t('report.openFile')}
      </FileButton>
      <p className="muted">{t('report.openFileHint')}</p>
      {error ? (
        <p role="alert" className="panel-error" data-testid="report-file-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
