import type { WorkspaceManifest } from '../ingest/manifest';
import { ok, type Problem, type Result } from '../schema/problem';
import type { SavedFile, SavedWorkspace, StrataDb } from './db';
import { validateSavedFile, validateSavedWorkspace } from './records';
import { isSealed, openFile, openRecord, recordBytes, sealFile, sealRecord } from './sealed-record';
import { attempt } from './storage-problem';
import { markStored, storedKeyOf } from './stored-blobs';
import { vaultKey } from './vault';

/** The setting naming the workspace in use. */
export const currentWorkspaceKey = 'currentWorkspace';
const currentKey = currentWorkspaceKey;

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

function keyOf(record: unknown): string {
  const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '?';
}

/** Kept files opened (when sealed); a problem in `skipped` for each that does not open. */
async function openAll(key: CryptoKey | null, records: readonly unknown[], skipped: Problem[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const record of records) {
    const opened = await openFile(key, record);
    if (opened.ok) out.push(opened.value);
    else skipped.push(opened.problem);
  }
  return out;
}

export interface CurrentWorkspace {
  workspace: SavedWorkspace;
  files: Map<string, Blob>;
}

/** Keeps the workspace in use with its files, replacing the one kept before; sealed when there is a key. */
export async function saveWorkspace(
  db: StrataDb,
  workspace: { id: string; manifest: WorkspaceManifest; manifestUrl?: string; generation?: string },
  files: ReadonlyMap<string, Blob> = new Map(),
  key: CryptoKey | null = null,
): Promise<Result<void>> {
  // Sealed before the transaction: IndexedDB commits one that waits on WebCrypto.
  const sealed = await attempt(async () => {
    const record = await sealRecord(key, 'workspaces', workspace.id, { ...workspace, updatedAt: Date.now() }, [
      'id',
      'updatedAt',
    ]);
    const kept = [];
    for (const [path, blob] of files) {
      const file = { key: `${workspace.id}/${path}`, workspaceId: workspace.id, path, blob, size: blob.size };
      kept.push(key ? await sealFile(key, file) : file);
    }
    return { record, kept };
  });
  if (!sealed.ok) return sealed;
  return attempt(() =>
    db.transaction('rw', db.workspaces, db.files, db.settings, async () => {
      // Only the workspace in use is kept: old drops must not pile up on the device.
      await db.workspaces.clear();
      // A file read back from its record stays there as it is: putting it again would copy every
      // byte (seconds for a large export, at each reopen) of a Blob best not handed around
      // (stored-blobs.ts).
      const present = new Set(await db.files.toCollection().primaryKeys());
      const inPlace = (file: { key: string; blob?: Blob }) =>
        key === null && file.blob !== undefined && present.has(file.key) && storedKeyOf(file.blob) === file.key;
      const kept = sealed.value.kept as SavedFile[];
      const leave = new Set(kept.filter(inPlace).map((f) => f.key));
      await db.files.bulkDelete([...present].filter((k) => !leave.has(String(k))));
      await db.workspaces.put(sealed.value.record as SavedWorkspace);
      for (const file of kept) if (!leave.has(file.key)) await db.files.put(file);
      await db.settings.put({ key: currentKey, value: workspace.id });
    }),
  );
}

/**
 * Where a workspace's snapshot of its tables (see engine/workspace-snapshot.ts) is kept among
 * its files: sealed, listed, backed up and wiped like them. No dropped file's name has a slash.
 */
export const snapshotPath = 'strata/tables.snapshot';

/** Where the answers given on a workspace's tables are kept among its files (ui/workspace/kept-answers.ts), as the snapshot. */
export const keptAnswersPath = 'strata/answers.json';

/**
 * Keeps a snapshot of the tables of the workspace kept as `workspaceId`, if that is still the
 * workspace in use (another may have been loaded while the snapshot was made): true if kept.
 */
export function keepSnapshot(
  db: StrataDb,
  workspaceId: string,
  snapshot: Blob,
  key: CryptoKey | null = null,
): Promise<Result<boolean>> {
  return keepDerivedFile(db, workspaceId, snapshotPath, snapshot, key);
}

/** Keeps the answers given on the workspace kept as `workspaceId` (see kept-answers.ts), as keepSnapshot. */
export function keepAnswers(
  db: StrataDb,
  workspaceId: string,
  answers: Blob,
  key: CryptoKey | null = null,
): Promise<Result<boolean>> {
  return keepDerivedFile(db, workspaceId, keptAnswersPath, answers, key);
}

async function keepDerivedFile(
  db: StrataDb,
  workspaceId: string,
  path: string,
  blob: Blob,
  key: CryptoKey | null,
): Promise<Result<boolean>> {
  const file = { key: `${workspaceId}/${path}`, workspaceId, path, blob, size: blob.size };
  const sealed = await attempt(async () => (key ? await sealFile(key, file) : file));
  if (!sealed.ok) return sealed;
  return attempt(() =>
    db.transaction('rw', db.files, db.settings, async () => {
      if ((await db.settings.get(currentKey))?.value !== workspaceId) return false;
      // Encryption turned on while this was made in the clear: it must not land unsealed.
      if (!key && (await db.settings.get(vaultKey)) !== undefined) return false;
      await db.files.put(sealed.value as SavedFile);
      return true;
    }),
  );
}

/** The workspace in use last time with its kept files, or null; damaged records are skipped. */
export async function readCurrentWorkspace(
  db: StrataDb,
  key: CryptoKey | null = null,
): Promise<Result<ReadBack<CurrentWorkspace | null>>> {
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
  const opened = await openRecord(key, 'workspaces', keyOf(read.value.workspace), read.value.workspace);
  const workspace = opened.ok ? validateSavedWorkspace(opened.value) : opened;
  if (!workspace.ok) return ok({ value: null, skipped: [workspace.problem] });
  const skipped: Problem[] = [];
  const files = keepValid(await openAll(key, read.value.files, skipped), validateSavedFile, skipped);
  // A sealed file opens as a new Blob in memory: only one in the clear is IndexedDB's own.
  for (const raw of read.value.files) if (!isSealed(raw)) markRecordBlob(raw);
  return ok({ value: { workspace: workspace.value, files: new Map(files.map((f) => [f.path, f.blob])) }, skipped });
}

function markRecordBlob(record: unknown): void {
  const file = validateSavedFile(record);
  if (file.ok) markStored(file.value.blob, file.value.key);
}

export function forgetCurrentWorkspace(db: StrataDb): Promise<Result<void>> {
  return attempt(() => db.settings.delete(currentKey));
}

/** One thing kept on the device, as the Data page lists it. */
export interface StoredItem {
  bytes: number;
  encrypted: boolean;
}

export interface StoredWorkspace {
  id: string;
  /** Null while the workspace is encrypted and locked. */
  name: string | null;
  /** The name in each language, when the manifest gives them. */
  names?: WorkspaceManifest['names'];
  updatedAt: number;
  current: boolean;
  /** Where its files come from when they are not kept here. */
  manifestUrl?: string;
  /** The manifest's record (names, columns, time zone). */
  manifest: StoredItem;
  files: (StoredItem & { path: string })[];
  segments: StoredItem & { count: number };
  reports: StoredItem & { count: number };
}

/** Bytes and encryption of a set of records. */
function itemsOf(records: readonly unknown[]): StoredItem & { count: number } {
  return {
    count: records.length,
    bytes: records.reduce<number>((n, r) => n + recordBytes(r), 0),
    encrypted: records.length > 0 && records.every(isSealed),
  };
}

/** A kept file as listed: a sealed one is checked by its readable fields, a plain one in full. */
function validateKeptFile(record: unknown): Result<{ workspaceId: string; path: string; bytes: number; encrypted: boolean }> {
  if (isSealed(record)) {
    const { workspaceId, path, size } = record;
    if (typeof workspaceId === 'string' && typeof path === 'string' && typeof size === 'number') {
      return ok({ workspaceId, path, bytes: size, encrypted: true });
    }
  }
  const file = validateSavedFile(isSealed(record) ? { ...record, blob: {} } : record);
  if (!file.ok) return file;
  const { workspaceId, path, size, blob } = file.value;
  return ok({ workspaceId, path, bytes: size ?? blob.size ?? 0, encrypted: false });
}

const workspaceOf = (r: unknown) =>
  typeof r === 'object' && r !== null ? (r as { workspaceId?: unknown }).workspaceId : undefined;

/** What this app keeps on the device, for the list on the Data page; damaged records are skipped. */
export async function storedWorkspaces(db: StrataDb, key: CryptoKey | null = null): Promise<Result<ReadBack<StoredWorkspace[]>>> {
  const read = await attempt(async () => ({
    current: (await db.settings.get(currentKey))?.value,
    workspaces: (await db.workspaces.orderBy('updatedAt').reverse().toArray()) as unknown[],
    files: (await db.files.toArray()) as unknown[],
    segments: (await db.segments.toArray()) as unknown[],
    reports: (await db.reports.toArray()) as unknown[],
  }));
  if (!read.ok) return read;
  const skipped: Problem[] = [];
  const workspaces: { record: unknown; id: string; workspace: SavedWorkspace | null }[] = [];
  for (const record of read.value.workspaces) {
    const id = keyOf(record);
    const opened = await openRecord(key, 'workspaces', id, record);
    // A sealed workspace without its key is listed without its name.
    const workspace = opened.ok ? validateSavedWorkspace(opened.value) : null;
    if (workspace && !workspace.ok) skipped.push(workspace.problem);
    else workspaces.push({ record, id, workspace: workspace?.value ?? null });
  }
  const files = keepValid(read.value.files, validateKeptFile, skipped);
  const value = workspaces.map(({ record, id, workspace }): StoredWorkspace => {
    const updatedAt = (record as { updatedAt?: unknown }).updatedAt;
    const manifestUrl = workspace?.manifestUrl;
    return {
      id,
      name: workspace ? workspace.manifest.name : null,
      ...(workspace?.manifest.names ? { names: workspace.manifest.names } : {}),
      updatedAt: typeof updatedAt === 'number' ? updatedAt : 0,
      current: id === read.value.current,
      ...(manifestUrl !== undefined ? { manifestUrl } : {}),
      manifest: { bytes: recordBytes(record), encrypted: isSealed(record) },
      files: files.filter((f) => f.workspaceId === id).map(({ path, bytes, encrypted }) => ({ path, bytes, encrypted })),
      segments: itemsOf(read.value.segments.filter((r) => workspaceOf(r) === id)),
      reports: itemsOf(read.value.reports.filter((r) => workspaceOf(r) === id)),
    };
  });
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
