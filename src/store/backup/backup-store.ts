import { fail, ok, type Result } from '../../schema/problem';
import type { SavedFile, StrataDb } from '../db';
import { validateSavedFile, validateSavedWorkspace } from '../records';
import { listReports } from '../reports';
import { openFile, openRecord, sealFile, sealRecord } from '../sealed-record';
import { listSegments } from '../segments';
import { attempt } from '../storage-problem';
import { vaultKey } from '../vault';
import { currentWorkspaceKey } from '../workspaces';
import type { BackupContent } from './backup-content';

/**
 * The kept workspace `workspaceId` as a backup's content: its record, segments, reports and
 * settings and, with `includeFiles`, its kept files' bytes. `backup.nothingKept` when this
 * device does not keep it.
 */
export async function readBackupContent(
  db: StrataDb,
  workspaceId: string,
  options: { includeFiles: boolean },
  key: CryptoKey | null = null,
): Promise<Result<BackupContent>> {
  const read = await attempt(async () => ({
    workspace: (await db.workspaces.get(workspaceId)) as unknown,
    settings: await db.settings.toArray(),
    files: options.includeFiles ? ((await db.files.where('workspaceId').equals(workspaceId).toArray()) as unknown[]) : [],
  }));
  if (!read.ok) return read;
  if (read.value.workspace === undefined) return fail('backup.nothingKept');
  const opened = await openRecord(key, 'workspaces', workspaceId, read.value.workspace);
  if (!opened.ok) return opened;
  const workspace = validateSavedWorkspace(opened.value);
  if (!workspace.ok) return workspace;
  const segments = await listSegments(db, workspaceId, key);
  if (!segments.ok) return segments;
  const reports = await listReports(db, workspaceId, key);
  if (!reports.ok) return reports;
  const files: BackupContent['files'] = [];
  for (const record of read.value.files) {
    const openedFile = await openFile(key, record);
    if (!openedFile.ok) return openedFile;
    const file = validateSavedFile(openedFile.value);
    if (!file.ok) return file;
    const bytes = await attempt(async () => new Uint8Array(await file.value.blob.arrayBuffer()));
    if (!bytes.ok) return bytes;
    files.push({ path: file.value.path, bytes: bytes.value });
  }
  return ok({
    workspace: workspace.value,
    segments: segments.value.value,
    reports: reports.value.value,
    // Which workspace is in use is this device's business, not the backup's.
    settings: read.value.settings.filter((s) => s.key !== currentWorkspaceKey && s.key !== vaultKey),
    files,
  });
}

/**
 * Writes a backup's content as the workspace in use, in one transaction: it replaces the kept
 * workspace (only one is kept), its files, and the restored workspace's segments and reports;
 * on any failure (storage full) nothing has changed.
 */
export async function restoreBackupContent(
  db: StrataDb,
  content: BackupContent,
  key: CryptoKey | null = null,
): Promise<Result<void>> {
  const id = content.workspace.id;
  // Sealed (when the store is encrypted) before the transaction, which must not wait on WebCrypto.
  const visible = ['id', 'workspaceId', 'updatedAt'] as const;
  const plainFiles: SavedFile[] = content.files.map((f) => ({
    key: `${id}/${f.path}`,
    workspaceId: id,
    path: f.path,
    blob: new Blob([f.bytes as BlobPart]),
    size: f.bytes.length,
  }));
  const files = key ? await Promise.all(plainFiles.map((f) => sealFile(key, f))) : plainFiles;
  const workspace = await sealRecord(key, 'workspaces', id, content.workspace, ['id', 'updatedAt']);
  const segments = await Promise.all(content.segments.map((r) => sealRecord(key, 'segments', r.id, r, visible)));
  const reports = await Promise.all(content.reports.map((r) => sealRecord(key, 'reports', r.id, r, visible)));
  const written = await attempt(() =>
    db.transaction('rw', [db.workspaces, db.files, db.settings, db.segments, db.reports], async () => {
      await db.workspaces.clear();
      await db.files.clear();
      await db.segments.where('workspaceId').equals(id).delete();
      await db.reports.where('workspaceId').equals(id).delete();
      await db.workspaces.put(workspace as never);
      await db.files.bulkPut(files as never[]);
      await db.segments.bulkPut(segments as never[]);
      await db.reports.bulkPut(reports as never[]);
      // This device's own settings (which workspace, its encryption header) are not the backup's to change.
      await db.settings.bulkPut(content.settings.filter((s) => s.key !== currentWorkspaceKey && s.key !== vaultKey));
      await db.settings.put({ key: currentWorkspaceKey, value: id });
    }),
  );
  // storage.full's own words are about a load that was not kept; a restore that did not fit says so.
  if (!written.ok && written.problem.code === 'storage.full') return fail('backup.storageFull');
  return written;
}
