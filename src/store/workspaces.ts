import type { WorkspaceManifest } from '../ingest/manifest';
import { ok, type Problem, type Result } from '../schema/problem';
import type { SavedWorkspace, StrataDb } from './db';
import { validateSavedFile, validateSavedWorkspace } from './records';
import { attempt } from './storage-problem';

const currentKey = 'currentWorkspace';

/** What was read back, and a problem for each record that was damaged and skipped. */
export interface ReadBack<T> {
  value: T;
  skipped: Problem[];
}

/** The records that validate; a problem in `skipped` for each that does not. */
function keepValid<T>(records: readonly unknown[], validate: (r: unknown) => Result<T>, skipped: Problem[]): T[] {
  const kept: T[] = [];
  for (const record of records) {
    const r = validate(record);
    if (r.ok) kept.push(r.value);
    else skipped.push(r.problem);
  }
  return kept;
}

export interface CurrentWorkspace {
  workspace: SavedWorkspace;
  files: Map<string, Blob>;
}

export function saveWorkspace(
  db: StrataDb,
  workspace: { id: string; manifest: WorkspaceManifest; manifestUrl?: string },
  files: ReadonlyMap<string, Blob> = new Map(),
): Promise<Result<void>> {
  return attempt(() =>
    db.transaction('rw', db.workspaces, db.files, db.settings, async () => {
      // Only the workspace in use is kept: old drops must not pile up on the device.
      await db.workspaces.clear();
      await db.files.clear();
      await db.workspaces.put({ ...workspace, updatedAt: Date.now() });
      for (const [path, blob] of files) {
        await db.files.put({ key: `${workspace.id}/${path}`, workspaceId: workspace.id, path, blob, size: blob.size });
      }
      await db.settings.put({ key: currentKey, value: workspace.id });
    }),
  );
}

/** The workspace in use last time with its kept files, or null; damaged records are skipped. */
export async function readCurrentWorkspace(db: StrataDb): Promise<Result<ReadBack<CurrentWorkspace | null>>> {
  const read = await attempt(async () => {
    const setting = await db.settings.get(currentKey);
    if (typeof setting?.value !== 'string') return null;
    const workspace = await db.workspaces.get(setting.value);
    if (workspace === undefined) return null;
    const files = await db.files.where('workspaceId').equals(setting.value).toArray();
    return { workspace: workspace as unknown, files: files as unknown[] };
  });
  if (!read.ok) return read;
  if (read.value === null) return ok({ value: null, skipped: [] });
  const workspace = validateSavedWorkspace(read.value.workspace);
  if (!workspace.ok) return ok({ value: null, skipped: [workspace.problem] });
  const skipped: Problem[] = [];
  const files = keepValid(read.value.files, validateSavedFile, skipped);
  return ok({ value: { workspace: workspace.value, files: new Map(files.map((f) => [f.path, f.blob])) }, skipped });
}

export function forgetCurrentWorkspace(db: StrataDb): Promise<Result<void>> {
  return attempt(() => db.settings.delete(currentKey));
}

export interface StoredWorkspace {
  id: string;
  name: string;
  updatedAt: number;
  current: boolean;
  /** Where its files come from when they are not kept here. */
  manifestUrl?: string;
  files: { path: string; bytes: number }[];
}

/** What this app keeps on the device, for the list on the Data page; damaged records are skipped. */
export async function storedWorkspaces(db: StrataDb): Promise<Result<ReadBack<StoredWorkspace[]>>> {
  const read = await attempt(async () => ({
    current: (await db.settings.get(currentKey))?.value,
    workspaces: (await db.workspaces.orderBy('updatedAt').reverse().toArray()) as unknown[],
    files: (await db.files.toArray()) as unknown[],
  }));
  if (!read.ok) return read;
  const skipped: Problem[] = [];
  const workspaces = keepValid(read.value.workspaces, validateSavedWorkspace, skipped);
  const files = keepValid(read.value.files, validateSavedFile, skipped);
  const value = workspaces.map((w) => ({
    id: w.id,
    name: w.manifest.name,
    updatedAt: w.updatedAt,
    current: w.id === read.value.current,
    ...(w.manifestUrl !== undefined ? { manifestUrl: w.manifestUrl } : {}),
    files: files.filter((f) => f.workspaceId === w.id).map((f) => ({ path: f.path, bytes: f.size ?? f.blob.size ?? 0 })),
  }));
  return ok({ value, skipped });
}

/** Wipes everything this app keeps on the device. */
export function wipeAll(db: StrataDb): Promise<Result<void>> {
  return attempt(() =>
    db.transaction('rw', [db.workspaces, db.files, db.settings, db.segments, db.reports], async () => {
      await db.workspaces.clear();
      await db.files.clear();
      await db.settings.clear();
      await db.segments.clear();
      await db.reports.clear();
    }),
  );
}
