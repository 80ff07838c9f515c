import { useState } from 'react';
import type { DraftFile } from '../../../ingest/draft-file';
import { checkDrafts } from '../../../ingest/draft-manifest';
import type { WorkspaceManifest } from '../../../ingest/manifest';
import {
  addAdvice,
  addToManifest,
  canRemoveFile,
  earliestDay,
  placePaths,
  removeFromManifest,
  type AddAdvice,
  type RenamedPath,
} from '../../../ingest/workspace-merge';
import { ok, type Result } from '../../../schema/problem';
import { useWorkspace } from '../../workspace/workspace-context';
import type { ImportMode } from './add-or-replace';
import { isChangeOf, type WorkspaceChange } from './workspace-change';

export interface WorkspaceFiles {
  /** The loaded workspace when files can be added to it or removed (dropped files at hand), else null. */
  target: WorkspaceManifest | null;
  /** Add or replace: the choice made, else the default (add unless `advice` says why not). */
  mode: ImportMode;
  chooseMode: (mode: ImportMode | null) => void;
  advice: AddAdvice;
  /** The workspace's paths with the drafts added, and the drafts renamed to keep them unique. */
  paths: string[];
  renamed: RenamedPath[];
  /** What the last add or remove changed, while its result is what is loaded. */
  change: WorkspaceChange | null;
  canRemove: (path: string) => boolean;
  /** Resolves with whether the workspace loaded with the drafts added, or what is still to choose. */
  add: (drafts: readonly DraftFile[]) => Promise<Result<boolean>>;
  remove: (path: string) => Promise<Result<boolean>>;
}

/**
 * Adding dropped files to the workspace loaded now, or removing one of its files: the
 * workspace is loaded again with its files changed, through the same path as a drop, under
 * the same name (so its segments and reports stay), and the change is kept to be reported.
 */
export function useWorkspaceFiles(drafts: readonly DraftFile[] | null): WorkspaceFiles {
  const { info, manifest, openFiles, currentFiles } = useWorkspace();
  const [mode, setMode] = useState<ImportMode | null>(null);
  const [change, setChange] = useState<WorkspaceChange | null>(null);
  const kept = manifest && !manifest.demo ? currentFiles() : null;
  const target = manifest && kept && manifest.files.every((f) => kept.has(f.path)) ? manifest : null;
  const current = target?.files.map((f) => f.path) ?? [];
  const advice =
    target && kept && drafts
      ? addAdvice(
          target,
          new Map([...kept].map(([path, blob]) => [path, blob.size])),
          { firstDay: info?.firstDay ?? null, lastDay: info?.lastDay ?? null },
          drafts.map((d) => ({
            spec: d.spec,
            size: d.file.size,
            firstDay: earliestDay(d.sniffed.header, d.sniffed.rows, d.spec.columns.time),
          })),
        )
      : null;
  const placed = placePaths(
    current,
    (drafts ?? []).map((d) => d.spec.path),
  );

  async function reload(
    next: WorkspaceManifest,
    files: ReadonlyMap<string, Blob>,
    made: Omit<WorkspaceChange, 'name' | 'paths'>,
  ) {
    setChange({ ...made, name: next.name, paths: next.files.map((f) => f.path) });
    const loaded = await openFiles(next, files);
    if (!loaded) setChange(null);
    return ok(loaded);
  }

  return {
    target,
    mode: target ? (mode ?? (advice ? 'replace' : 'add')) : 'replace',
    chooseMode: setMode,
    advice,
    paths: [...current, ...placed.addedPaths],
    renamed: placed.renamed,
    change: change && info && isChangeOf(change, info) ? change : null,
    canRemove: (path) => target !== null && canRemoveFile(target, path),
    add: async (added) => {
      if (!target || !kept || !info) return ok(false);
      const chosen = checkDrafts(added);
      if (!chosen.ok) return chosen;
      const merged = addToManifest(
        target,
        added.map((d) => d.spec),
      );
      if (!merged.ok) return merged;
      const files = new Map(kept);
      const renamed = added.map((d, i) => ({ from: d.spec.path, to: merged.value.addedPaths[i] ?? d.spec.path }));
      for (const [i, d] of added.entries()) files.set(renamed[i]!.to, d.file);
      return reload(merged.value.manifest, files, {
        added: renamed,
        removed: [],
        before: { events: info.events, users: info.users },
      });
    },
    remove: async (path) => {
      if (!target || !kept || !info) return ok(false);
      const next = removeFromManifest(target, path);
      if (!next.ok) return next;
      const files = new Map(kept);
      files.delete(path);
      return reload(next.value, files, { added: [], removed: [path], before: { events: info.events, users: info.users } });
    },
  };
}
