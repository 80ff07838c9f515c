import type { WorkspaceManifest } from '../ingest/manifest';
import type { SavedWorkspace, StrataDb } from './db';

const currentKey = 'currentWorkspace';

export async function saveWorkspace(
  db: StrataDb,
  workspace: { id: string; manifest: WorkspaceManifest; manifestUrl?: string },
  files: ReadonlyMap<string, Blob> = new Map(),
): Promise<void> {
  await db.transaction('rw', db.workspaces, db.files, db.settings, async () => {
    // Only the workspace in use is kept: old drops must not pile up on the device.
    await db.workspaces.clear();
    await db.files.clear();
    await db.workspaces.put({ ...workspace, updatedAt: Date.now() });
    for (const [path, blob] of files) {
      await db.files.put({ key: `${workspace.id}/${path}`, workspaceId: workspace.id, path, blob, size: blob.size });
    }
    await db.settings.put({ key: currentKey, value: workspace.id });
  });
}

export async function currentWorkspace(db: StrataDb): Promise<{ workspace: SavedWorkspace; files: Map<string, Blob> } | null> {
  const setting = await db.settings.get(currentKey);
  if (typeof setting?.value !== 'string') return null;
  const workspace = await db.workspaces.get(setting.value);
  if (!workspace) return null;
  const saved = await db.files.where('workspaceId').equals(workspace.id).toArray();
  return { workspace, files: new Map(saved.map((f) => [f.path, f.blob])) };
}

export async function forgetCurrentWorkspace(db: StrataDb): Promise<void> {
  await db.settings.delete(currentKey);
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

/** What this app keeps on the device, for the list on the Data page. */
export async function storedWorkspaces(db: StrataDb): Promise<StoredWorkspace[]> {
  const current = (await db.settings.get(currentKey))?.value;
  const workspaces = await db.workspaces.orderBy('updatedAt').reverse().toArray();
  const files = await db.files.toArray();
  return workspaces.map((w) => ({
    id: w.id,
    name: w.manifest.name,
    updatedAt: w.updatedAt,
    current: w.id === current,
    ...(w.manifestUrl !== undefined ? { manifestUrl: w.manifestUrl } : {}),
    files: files.filter((f) => f.workspaceId === w.id).map((f) => ({ path: f.path, bytes: f.size ?? f.blob.size ?? 0 })),
  }));
}

/** Wipes everything this app keeps on the device. */
export async function wipeAll(db: StrataDb): Promise<void> {
  await db.transaction('rw', db.workspaces, db.files, db.settings, async () => {
    await db.workspaces.clear();
    await db.files.clear();
    await db.settings.clear();
  });
}
