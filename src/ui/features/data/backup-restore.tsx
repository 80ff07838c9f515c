import { useState } from 'react';
import type { Problem } from '../../../schema/problem';
import { inspectBackup } from '../../../store/backup/backup-file';
import { backupPassphraseProblem } from '../../../store/backup/backup-passphrase';
import { FileButton } from '../../components/file-button';
import { formatBytes } from '../../components/format-bytes';
import { useI18n } from '../../i18n/i18n';
import { useVault } from '../../workspace/vault-context';
import { useWorkspace } from '../../workspace/workspace-context';

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name that any file system takes: the workspace name without path or control characters. */
function backupName(name: string, now: Date): string {
  const safe = name.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '_').slice(0, 60) || 'workspace';
  return `${safe}-${now.toISOString().slice(0, 10)}.strata-backup`;
}

type Outcome = { kind: 'problem'; problem: Problem } | { kind: 'done'; text: string } | null;

/** 备份与恢复: the workspace in use as one (optionally encrypted) file, and that file back. */
export function BackupRestore() {
  const { t, formatProblem, formatNumber, locale } = useI18n();
  const { manifest, backUp, restoreBackup, status } = useWorkspace();
  const workspaceEncrypted = useVault().status === 'unlocked';
  const [includeFiles, setIncludeFiles] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // An encrypted backup waits here for its passphrase.
  const [pending, setPending] = useState<Uint8Array | null>(null);
  const [restorePassphrase, setRestorePassphrase] = useState('');

  async function create() {
    setOutcome(null);
    const refused = backupPassphraseProblem({ workspaceEncrypted, passphrase, repeated });
    if (refused) {
      setOutcome({ kind: 'problem', problem: refused });
      return;
    }
    setBusy(true);
    const made = await backUp({ includeFiles, ...(passphrase !== '' ? { passphrase } : {}) });
    setBusy(false);
    if (!made.ok) {
      setOutcome({ kind: 'problem', problem: made.problem });
      return;
    }
    const { bytes, content } = made.value;
    download(backupName(content.workspace.manifest.name, new Date()), bytes);
    const name = content.workspace.manifest.names?.[locale] ?? content.workspace.manifest.name;
    setOutcome({
      kind: 'done',
      text: t('backup.created', {
        name,
        segments: content.segments.length,
        reports: content.reports.length,
        files: content.files.length,
        size: formatBytes(bytes.length, formatNumber),
        encrypted: passphrase !== '' ? t('backup.encryptedNote') : '',
      }),
    });
  }

  async function restore(bytes: Uint8Array, secret?: string) {
    setBusy(true);
    setOutcome(null);
    const restored = await restoreBackup(bytes, secret);
    setBusy(false);
    if (!restored.ok) {
      setOutcome({ kind: 'problem', problem: restored.problem });
      return;
    }
    setPending(null);
    setRestorePassphrase('');
    const { content, opened } = restored.value;
    const text = t('backup.restored', {
      name: content.workspace.manifest.names?.[locale] ?? content.workspace.manifest.name,
      segments: content.segments.length,
      reports: content.reports.length,
    });
    setOutcome({ kind: 'done', text: opened ? text : `${text} ${formatProblem({ code: 'backup.noFiles' })}` });
  }

  async function chosen(file: File) {
    setPending(null);
    setOutcome(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const header = await inspectBackup(bytes);
    if (!header.ok) setOutcome({ kind: 'problem', problem: header.problem });
    else if (header.value.encrypted) setPending(bytes);
    else await restore(bytes);
  }

  const loading = status.state === 'loading';
  return (
    <section className="panel" aria-labelledby="backup-title" data-testid="backup-restore">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p className="muted">{t('backup.explain')}</p>
      <p className="settings-row">
        <label>
          <input
            type="checkbox"
            checked={includeFiles}
            data-testid="backup-include-files"
            onChange={(e) => setIncludeFiles(e.target.checked)}
          />{' '}
          {t('backup.includeFiles')}
        </label>
      </p>
      <p className="settings-row">
        <label>
          {workspaceEncrypted ? t('backup.passphraseRequired') : t('backup.passphrase')}{' '}
          <input
            type="password"
            autoComplete="new-password"
            value={passphrase}
            data-testid="backup-passphrase"
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </label>{' '}
        {passphrase !== '' ? (
          <label>
            {t('backup.repeat')}{' '}
            <input
              type="password"
              autoComplete="new-password"
              value={repeated}
              data-testid="backup-passphrase-repeat"
              onChange={(e) => setRepeated(e.target.value)}
            />
          </label>
        ) : null}{' '}
        <button type="button" disabled={!manifest || busy || loading} data-testid="backup-create" onClick={() => void create()}>
          {t('backup.create')}
        </button>
      </p>
      <p>
        <FileButton
          accept=".strata-backup,application/octet-stream"
          disabled={busy}
          buttonTestId="backup-restore-button"
          inputTestId="backup-file-input"
          onFile={(file) => void chosen(file)}
        >
          {t('backup.restore')}
        </FileButton>{' '}
        <span className="muted">{t('backup.restoreNote')}</span>
      </p>
      {pending ? (
        <form
          className="settings-row"
          data-testid="backup-unlock"
          onSubmit={(e) => {
            e.preventDefault();
            if (restorePassphrase === '') setOutcome({ kind: 'problem', problem: { code: 'backup.emptyPassphrase' } });
            else void restore(pending, restorePassphrase);
          }}
        >
          <p>{formatProblem({ code: 'backup.needsPassphrase' })}</p>
          <label>
            {t('backup.restorePassphrase')}{' '}
            <input
              type="password"
              autoComplete="current-password"
              value={restorePassphrase}
              data-testid="backup-restore-passphrase"
              onChange={(e) => setRestorePassphrase(e.target.value)}
            />
          </label>{' '}
          <button type="submit" disabled={busy} data-testid="backup-restore-unlock">
            {t('backup.unlockRestore')}
          </button>{' '}
          <button type="button" onClick={() => setPending(null)}>
            {t('import.cancel')}
          </button>
        </form>
      ) : null}
      {outcome?.kind === 'problem' ? (
        <p className="panel-error" role="alert" data-testid="backup-problem">
          {formatProblem(outcome.problem)}
        </p>
      ) : outcome?.kind === 'done' ? (
        <p role="status" data-testid="backup-done">
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}
