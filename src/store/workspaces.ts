import type { WorkspaceManifest } from '../ingest/manifest';
import type { SavedWorkspace, StrataDb } from './db';

const currentKey = 'currentWorkspace';

export async function saveWorkspace(
  db: StrataDb,
  workspace: { id: string; manifest: WorkspaceManifest; manifestUrl?: string },
  files: ReadonlyMap<string, Blob> = new Map(),
): Promise<void> {
  await db.transaction('rw', db.workspaces, db.files, db.settings, async () => {
    await db.workspaces.put({ ...workspace, updatedAt: Date.now() });
    await db.files.where('workspaceId').equals(workspace.id).delete();
    for (const [path, blob] of files) {
      await db.files.put({ key: `${workspace.id}/${path}`, workspaceId: workspace.id, path, blob });
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

/** Wipes everything this app keeps on the device. */
export async function wipeAll(db: StrataDb): Promise<void> {
  await db.transaction('rw', db.workspaces, db.files, db.settings, async () => {
    await db.workspaces.clear();
    await db.files.clear();
    await db.settings.clear();
  });
}
