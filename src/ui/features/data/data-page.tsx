import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { draftTabularFile, type DraftFile } from '../../../ingest/draft-file';
import { portableManifest } from '../../../store/portable-workspace';
import { useDroppedFiles } from '../../workspace/dropped-files';
import { useReports } from '../../workspace/reports-context';
import { useSegments } from '../../workspace/segments-context';
import { draftManifest } from '../../../ingest/draft-manifest';
import { planDroppedFiles } from '../../../ingest/drop-plan';
import type { PreviewTabular } from '../../../ingest/tabular-preview';
import type { Problem } from '../../../schema/problem';
import { useI18n } from '../../i18n/i18n';
import { useWorkspace } from '../../workspace/workspace-context';
import { useWorkspaceName } from '../../workspace/workspace-name';
import { BackupRestore } from './backup-restore';
import { EncryptionSettings } from './encryption-settings';
import { ImportPreview } from './import-preview';
import { AddOrReplace } from './add-or-replace';
import { ImportReport } from './import-report';
import { StoredData } from './stored-data';
import { useWorkspaceFiles } from './use-workspace-files';
import { WorkspaceSettings } from './workspace-settings';
import { proposeZone, type ZoneProposal } from './zone-proposal';
import { browserZone } from './zone-select';

function downloadJson(name: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** 128 random bits as hex: the salt of a pseudonymised workspace. */
function randomSalt(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** 数据: drop files to open them as a workspace, open the demo, export the manifest. */
export function DataPage() {
  const { t, formatProblem, locale } = useI18n();
  const { client, info, manifest, openFiles, openHosted, status } = useWorkspace();
  // Someone on this page is about to import: the engine warms up for it while idle.
  useEffect(() => client.warmUp(), [client]);
  const workspaceName = useWorkspaceName();
  const { segments } = useSegments();
  const { reports } = useReports();
  const [includeSalt, setIncludeSalt] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [drafts, setDrafts] = useState<DraftFile[] | null>(null);
  const [draftProblem, setDraftProblem] = useState<Problem | null>(null);
  const [salt, setSalt] = useState<string | null>(null);
  // New files are read in the zone the preview offers, never in the loaded workspace's (issue 13, bug 7).
  const [zone, setZone] = useState<ZoneProposal | null>(null);
  const shownZone: ZoneProposal = zone ?? { zone: browserZone(), basis: 'browser' };
  const loading = status.state === 'loading' ? status : null;
  // Files the user previews can be loaded while the workspace opened at start still loads:
  // theirs replaces it (Load waited for the demo before).
  const userLoading = loading?.opening ? null : loading;
  const workspaceFiles = useWorkspaceFiles(drafts);
  const { target } = workspaceFiles;
  const preview: PreviewTabular = (file, options) => client.previewTabular(file, options);

  async function accept(files: File[]) {
    // The import is near: a warm-up still under way would share the engine with it.
    client.warmUp(false);
    setProblem(null);
    setDraftProblem(null);
    const plan = await planDroppedFiles(files, preview);
    if (!plan.ok) {
      setProblem(plan.problem);
      // The preview of an earlier drop goes too: its Load would load a file other than the one just dropped.
      setDrafts(null);
      return;
    }
    setZone(null);
    workspaceFiles.chooseMode(null);
    if (plan.value.kind === 'manifest') {
      setDrafts(null);
      await openFiles(plan.value.manifest, plan.value.files);
      return;
    }
    setDrafts(plan.value.drafts);
  }

  // The offer follows the drafts (a time column chosen anew has other offsets) until a zone is chosen.
  useEffect(() => {
    if (!drafts) return;
    let live = true;
    void proposeZone(drafts).then((proposed) => {
      if (live) setZone((z) => (z?.basis === 'chosen' ? z : proposed));
    });
    return () => {
      live = false;
    };
  }, [drafts]);

  // Files dropped elsewhere on the page come here to be opened.
  const { subscribe } = useDroppedFiles();
  const onDropped = useEffectEvent((files: readonly File[]) => void accept([...files]));
  useEffect(() => subscribe(onDropped), [subscribe]);

  /** Reads a workbook again: another sheet (its header row guessed), or another header row. */
  async function readSheet(index: number, sheet: string | undefined, headerRow?: number) {
    const current = drafts?.[index];
    if (!current) return;
    const next = await draftTabularFile(current.file, 'xlsx', 'utf-8', preview, sheet, headerRow);
    if (!next.ok) {
      setDraftProblem(next.problem);
      return;
    }
    setDraftProblem(null);
    setDrafts((all) => all?.map((d, i) => (i === index ? next.value : d)) ?? null);
  }

  async function removeFile(path: string) {
    // From the workspace loaded now: not while any other one (the opening at start too) loads.
    if (loading) return;
    const removed = await workspaceFiles.remove(path);
    setProblem(removed.ok ? null : removed.problem);
  }

  async function loadDrafts(current: readonly DraftFile[]) {
    if (userLoading) return;
    if (workspaceFiles.mode === 'add') {
      const added = await workspaceFiles.add(current);
      setDraftProblem(added.ok ? null : added.problem);
      if (added.ok && added.value) setDrafts(null);
      return;
    }
    const planned = draftManifest(current, shownZone.zone, info?.weekStart ?? 'monday', salt ? { salt } : undefined);
    if (!planned.ok) {
      setDraftProblem(planned.problem);
      return;
    }
    setDraftProblem(null);
    const loaded = await openFiles(planned.value, new Map(current.map((d) => [d.spec.path, d.file])));
    if (loaded) setDrafts(null);
  }

  return (
    <div className="page" data-testid="data-page">
      <section className="panel">
        <h2>{t('data.title')}</h2>
        {info ? <p data-testid="current-workspace">{t('data.current', { name: workspaceName ?? info.name })}</p> : null}
        <WorkspaceSettings />
        <div
          className={`dropzone${over ? ' over' : ''}`}
          role="button"
          tabIndex={0}
          data-testid="dropzone"
          onClick={() => input.current?.click()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              input.current?.click();
            }
          }}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setOver(false);
            void accept([...e.dataTransfer.files]);
          }}
        >
          {t('data.drop')}
          <input
            ref={input}
            type="file"
            multiple
            hidden
            data-testid="file-input"
            onChange={(e) => {
              void accept([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </div>
        {problem ? (
          <p className="panel-error" role="alert" data-testid="drop-error">
            {formatProblem(problem)}
          </p>
        ) : null}
        <p>
          <button type="button" disabled={loading !== null} onClick={() => void openHosted('demo/manifest.json')}>
            {t('data.demo')}
          </button>{' '}
          <button
            type="button"
            disabled={!manifest}
            data-testid="export-manifest"
            onClick={() =>
              manifest && downloadJson('workspace.json', portableManifest(manifest, segments, { includeSalt, reports }))
            }
          >
            {t('data.export')}
          </button>{' '}
          {manifest?.pseudonymise ? (
            <label>
              <input type="checkbox" checked={includeSalt} onChange={(e) => setIncludeSalt(e.target.checked)} />{' '}
              {t('data.includeSalt')}
            </label>
          ) : null}
        </p>
        {info && !drafts ? (
          <ImportReport
            info={info}
            change={workspaceFiles.change}
            remove={
              target && target.files.length > 1
                ? {
                    canRemove: workspaceFiles.canRemove,
                    onRemove: (path) => void removeFile(path),
                    disabled: loading !== null,
                  }
                : null
            }
          />
        ) : null}
      </section>
      {drafts ? (
        <ImportPreview
          drafts={drafts}
          zone={shownZone}
          onZone={(chosen) => setZone({ zone: chosen, basis: 'chosen' })}
          loading={userLoading}
          problem={draftProblem}
          onChange={setDrafts}
          pseudonymise={salt !== null}
          onPseudonymise={(on) => setSalt(on ? randomSalt() : null)}
          onSheet={(index, sheet) => void readSheet(index, sheet)}
          onHeaderRow={(index, row) => void readSheet(index, drafts[index]?.spec.sheet, row)}
          onLoad={() => void loadDrafts(drafts)}
          onCancel={() => setDrafts(null)}
          adding={workspaceFiles.mode === 'add'}
          choice={
            target ? (
              <AddOrReplace
                name={target.names?.[locale] ?? target.name}
                zone={target.timeZone}
                mode={workspaceFiles.mode}
                onMode={workspaceFiles.chooseMode}
                paths={workspaceFiles.paths}
                renamed={workspaceFiles.renamed}
                advice={workspaceFiles.advice}
                disabled={loading !== null}
              />
            ) : undefined
          }
        />
      ) : null}
      <EncryptionSettings />
      <BackupRestore />
      <StoredData />
    </div>
  );
}
